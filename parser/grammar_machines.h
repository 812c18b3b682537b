/* grammar_machines.h - the state machines of grammar.h, written once and compiled into
 * each sink's file: the model builder (build.c) and the record splitter (records.c).
 * Internal to libgostacks; include it nowhere else.
 *
 * Each line is read once, and each of its events handed at once to the sink, by a direct
 * call the compiler folds: the includer defines, before including this file,
 *
 *   #define GRAMMAR_SINK struct my_sink
 *   static GS_ALWAYS_INLINE void sink_event(GRAMMAR_SINK *k, const struct gs_event *e,
 *                                           const char *s, size_t n, uint64_t no);
 *
 * sink_event takes one event of line `no` (s[0..n); s NULL for the end of the input). It
 * returns nothing: a sink that must stop (no memory, its caller said so) remembers it and
 * takes no more events; the includer checks after each line. Then it calls
 *
 *   grammar_line(g, k, s, n, no)     each line: 0, or -1 when memory ran out
 *   grammar_finish(g, k, last_no)    at the end of the input
 *
 * The machines' lexical helpers (gs_gor_header_parse, gs_prof_record_read, the id sets) are
 * compiled once, in goroutine.c and profile.c.
 */
#ifndef GS_GRAMMAR_MACHINES_H
#define GS_GRAMMAR_MACHINES_H

#include <string.h>

#include "grammar.h"
#include "paste.h"
#include "scan.h"

/* the line being read, and the sink its events go to */
struct gm_line {
	GRAMMAR_SINK *k;
	const char *s;
	size_t n;
	uint64_t no;
};

static GS_ALWAYS_INLINE void gm_emit(const struct gm_line *l, enum gs_ev type, enum gs_kind kind,
                                     unsigned flags, size_t at, const char *why)
{
	struct gs_event e;

	e.type = (unsigned char)type;
	e.flags = (unsigned char)flags;
	e.kind = kind;
	e.at = at;
	e.why = why;
	sink_event(l->k, &e, l->s, l->n, l->no);
}

#define SPAN GS_EVF_SPAN
#define GEV(type, flags) gm_emit(l, (type), GS_KIND_GOROUTINE, (flags), 0, NULL)
#define GEV_WHY(type, flags, why) gm_emit(l, (type), GS_KIND_GOROUTINE, (flags), 0, (why))

/* ================================================================ goroutine dumps
 *
 * The state machine (grammar/goroutine-dump.ebnf):
 *   OUTSIDE   preamble, junk, trailers        -> header starts a goroutine
 *   FRAMES    after a header or a frame       -> function line, "created by", elision,
 *                                                "[originating from ...]", blank ends it
 *   FILE      after a function line           -> "\tFILE:LINE [+0xOFF] [fp= sp= pc=]", or
 *                                                the same with no indentation
 *   CFILE     after "created by"              -> the creator's file line
 *   SKIP      g0 thread stacks, "runtime stack:", ancestors: until blank
 *   RACE      race reports: until "=================="
 * Dumps: a panic or signal line after goroutines, text between two goroutines, and a
 * goroutine id the dump already had begin a new one (gs_gor_begin); a profile's header
 * ends it.
 */

/* A dump begins at this line. */
static void gm_begin_dump(struct gor *g, const struct gm_line *l)
{
	gs_gor_new_dump(g);
	GEV(GS_EV_DUMP, 0);
}

/* The open goroutine ends. A function line still waiting for its file line (FILE) stays a
 * frame without one, and the goroutine was cut. */
static void gm_end_goroutine(struct gor *g, const struct gm_line *l, unsigned flags)
{
	if (!g->open)
		return;
	if (g->state == GOR_FILE) {
		GEV(GS_EV_NOFILE, 0);
		flags |= GS_EVF_TRUNCATED;
	}
	GEV(GS_EV_END, flags);
	g->open = 0;
	g->dump_ng++;
	g->last_running = g->running;
	g->last_id = g->id;
}

/* header (gs_gor_header_parse) -> a goroutine; a header not read, or goroutine 0 (a thread's
 * g0 stack in crash output): no goroutine, its lines skipped. */
static int gm_start_goroutine(struct gor *g, const struct gm_line *l)
{
	const char *err;
	unsigned flags;
	int rc;

	gm_end_goroutine(g, l, 0);
	err = gs_gor_header_parse(l->s, l->n, &g->h);
	if (err || g->h.id == 0) {
		if (!g->dump_open)
			gm_begin_dump(g, l);
		if (err) {
			GEV_WHY(GS_EV_SKIP, 0, err);
		} else {
			GEV(GS_EV_THREAD, SPAN);
			g->dump_g0++;
		}
		g->state = GOR_SKIP;
		return 0;
	}
	rc = gs_gor_begin(g, &flags);
	if (rc < 0)
		return -1;
	if (rc > 0)
		GEV(GS_EV_DUMP, flags);
	GEV(GS_EV_HEADER, SPAN);
	g->open = 1;
	g->framed = 0;
	g->unavailable = 0;
	g->id = g->h.id;
	g->running = g->h.state_len == 7 && memcmp(l->s + g->h.state, "running", 7) == 0;
	g->state = GOR_FRAMES;
	return 0;
}

/* elided = "...additional frames elided..." | "..." DEC " frames elided..." */
static int gm_is_elision(const char *s, size_t n)
{
	return n >= 6 && s[0] == '.' && s[1] == '.' && s[2] == '.' &&
	       memcmp(s + n - 3, "...", 3) == 0 && memmem(s, n, "elided", 6) != NULL;
}

/* SIGNAL-LINE = "SIGQUIT: quit" | "SIGSEGV: segmentation violation" | "Signal " DEC | ... */
static int gm_is_signal_line(const char *s, size_t n)
{
	size_t i = 3;

	if (STARTS(s, n, "Signal ") && n > 7 && scan_is_digit(s[7]))
		return 1;
	if (!STARTS(s, n, "SIG"))
		return 0;
	while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || scan_is_digit(s[i])))
		i++;
	return i > 3 && i + 1 < n && s[i] == ':' && s[i + 1] == ' ';
}

/* register = REGNAME { " " } HEX   ("rax    0xca", "r29    0x0") */
static int gm_is_register_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 8 && ((s[i] >= 'a' && s[i] <= 'z') || scan_is_digit(s[i])))
		i++;
	if (i == 0 || i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return STARTS(s + i, n - i, "0x");
}

/* Lines outside goroutines: a preamble, trailers, junk. 1 when the line is junk.
 * outside = ( "panic: " | "fatal error: " | SIGNAL-LINE ) TEXT     (begins a dump)
 *         | "[signal " | "-----" | "runtime stack:" | "WARNING: DATA RACE" | metadata
 *         | ANY                                                     (junk) */
static int gm_outside_line(struct gor *g, const struct gm_line *l)
{
	const char *s = l->s;
	size_t n = l->n;
	int is_panic = STARTS(s, n, "panic: ") || STARTS(s, n, "fatal error: ");

	if (is_panic || gm_is_signal_line(s, n)) {
		/* A new failure report starts a dump, unless it continues a crash after
		 * "-----" or follows the panic lines of the same report. */
		int cont = g->dump_open &&
		           (g->after_separator || (g->dump_ng == 0 && g->dump_g0 == 0));

		if (!cont)
			gm_begin_dump(g, l);
		g->after_separator = 0;
		GEV(is_panic ? GS_EV_PANIC : GS_EV_SIGNAL, SPAN);
		return 0;
	}
	if (!g->dump_open) {
		GEV(GS_EV_JUNK, 0);
		return 1;
	}
	if (STARTS(s, n, "[signal ")) {
		GEV(GS_EV_SIGNAL, SPAN);
	} else if (STARTS(s, n, "-----")) {
		g->after_separator = 1;
		GEV(GS_EV_META, SPAN);
	} else if (STARTS(s, n, "runtime stack:")) {
		g->state = GOR_SKIP;
		GEV(GS_EV_META, SPAN);
	} else if (STARTS(s, n, "WARNING: DATA RACE")) {
		g->state = GOR_RACE;
		GEV(GS_EV_RACE, SPAN);
	} else if (STARTS(s, n, "PC=") || STARTS(s, n, "exit status ") ||
	           STARTS(s, n, "instruction bytes:") || gm_is_register_line(s, n) ||
	           STARTS(s, n, "signal arrived during") || STARTS(s, n, "[recovered") ||
	           STARTS(s, n, "runtime: ") || STARTS(s, n, "==================") ||
	           STARTS(s, n, "Found ") || STARTS(s, n, "\tpanic: ")) {
		/* report metadata: part of the dump, not goroutines */
		GEV(GS_EV_META, SPAN);
	} else {
		g->junk_since_g = 1;
		GEV(GS_EV_JUNK, 0);
		return 1;
	}
	return 0;
}

/* An indented line: a file line, "stack unavailable", or out of place. */
static void gm_indented_line(struct gor *g, const struct gm_line *l)
{
	switch (g->state) {
	case GOR_FILE: /* grammar_line takes them; here for completeness */
		g->state = GOR_FRAMES;
		GEV(GS_EV_FILE, SPAN);
		return;
	case GOR_CFILE:
		g->state = GOR_FRAMES;
		GEV(GS_EV_CFILE, SPAN);
		return;
	case GOR_FRAMES:
		if (memmem(l->s, l->n, "goroutine running on other thread", 33)) {
			g->unavailable = 1;
			GEV(GS_EV_UNAVAILABLE, SPAN);
			return;
		}
		GEV_WHY(GS_EV_LINE, 0, "unexpected indented line inside a goroutine");
		return;
	case GOR_SKIP:
		if (g->open)
			GEV(GS_EV_LINE, 0); /* an ancestor's frames */
		return;
	case GOR_RACE:
		return;
	default:
		break;
	}
	if (g->dump_open && l->s[0] == '\t')
		gm_outside_line(g, l);
	else
		GEV(GS_EV_JUNK, 0);
}

/* A line where a frame belongs (FRAMES).
 * frame_item = funcline | created | elided | "[originating from goroutine " ...
 *            | "non-Go function" ...
 * funcline   = FUNCNAME "(" args ")"     (the args are the text in the last "(...)") */
static GS_ALWAYS_INLINE void gm_frame_line(struct gor *g, const struct gm_line *l)
{
	const char *s = l->s, *open;
	size_t n = l->n;

	/* the first byte tells the rare lines from a function line */
	switch (s[0]) {
	case 'c':
		if (STARTS(s, n, "created by ")) {
			g->state = GOR_CFILE;
			GEV(GS_EV_CREATED, SPAN);
			return;
		}
		break;
	case '.':
		if (gm_is_elision(s, n)) {
			GEV(GS_EV_ELIDED, SPAN);
			return;
		}
		break;
	case '[':
		if (STARTS(s, n, "[originating from goroutine ")) {
			g->state = GOR_SKIP; /* ancestors: another goroutine's past */
			GEV(GS_EV_LINE, SPAN);
			return;
		}
		break;
	case 'n':
		if (STARTS(s, n, "non-Go function")) {
			GEV(GS_EV_LINE, SPAN);
			return;
		}
		break;
	default:
		break;
	}
	open = n >= 3 && s[n - 1] == ')' ? memrchr(s, '(', n - 1) : NULL;
	if (open && open != s) {
		g->framed = 1;
		g->state = GOR_FILE;
		gm_emit(l, GS_EV_FUNC, GS_KIND_GOROUTINE, SPAN, (size_t)(open - s), NULL);
		return;
	}
	if (g->framed || g->unavailable) {
		/* not a frame: the goroutine ended without its blank line (the dump reaches this
		 * line all the same); the line is read afresh */
		gm_end_goroutine(g, l, SPAN);
		g->state = GOR_OUTSIDE;
		if (gm_outside_line(g, l)) {
			/* not a known trailer either: maybe a frame cut by the end of input */
			g->odd_no = l->no;
			g->odd_open = 0;
		}
		return;
	}
	g->odd_no = l->no;
	g->odd_open = 1;
	GEV_WHY(GS_EV_LINE, SPAN, "expected a function line or 'created by'");
}

/* A file line whose indentation a paste lost (chat clients, ticket systems, a sed that trims
 * each line): in FILE or CFILE it is the frame's all the same.
 * bare_fileline = PATH ":" LINE [ " +0x" HEX ] [ fpsp ]    (PATH: no blank, no "("; paste.h) */
static int gm_is_bare_fileline(const char *s, size_t n)
{
	int whole;

	return paste_shape(s, n, &whole) == PASTE_FILE && whole;
}

/* A line of a goroutine dump; header: it is a goroutine header (gs_header_kind). */
static int gm_gor_line(struct gor *g, const struct gm_line *l, int header)
{
	if (l->n == 0) {
		if (g->state == GOR_RACE)
			return 0;
		gm_end_goroutine(g, l, 0);
		g->state = GOR_OUTSIDE;
		return 0;
	}
	if (header)
		return gm_start_goroutine(g, l);
	if (l->s[0] == '\t' || l->s[0] == ' ') {
		gm_indented_line(g, l);
		return 0;
	}
	switch (g->state) {
	case GOR_FRAMES:
		gm_frame_line(g, l);
		return 0;
	case GOR_SKIP:
		if (g->open)
			GEV(GS_EV_LINE, 0); /* an ancestor's frames */
		return 0;
	case GOR_RACE:
		if (STARTS(l->s, l->n, "=================="))
			g->state = GOR_OUTSIDE;
		return 0;
	case GOR_FILE:
		if (gm_is_bare_fileline(l->s, l->n)) {
			g->state = GOR_FRAMES;
			GEV(GS_EV_FILE, SPAN);
			return 0;
		}
		/* a function line with no file line: keep it, read this line afresh */
		GEV_WHY(GS_EV_NOFILE, 0, "expected FILE:LINE after a function line");
		g->state = GOR_FRAMES;
		gm_frame_line(g, l);
		return 0;
	case GOR_CFILE:
		if (gm_is_bare_fileline(l->s, l->n)) {
			g->state = GOR_FRAMES;
			GEV(GS_EV_CFILE, SPAN);
			return 0;
		}
		GEV_WHY(GS_EV_NOCFILE, 0, "expected FILE:LINE after 'created by'");
		g->state = GOR_FRAMES;
		gm_frame_line(g, l);
		return 0;
	default:
		gm_outside_line(g, l);
		return 0;
	}
}

/* The input ended, or a profile began, at line l->no: the open goroutine ends. */
static void gm_gor_finish(struct gor *g, const struct gm_line *l)
{
	unsigned flags = GS_EVF_EOF;

	/* The input's last line was not understood and stood where a frame belonged: the
	 * dump was cut inside that frame (a 64 MiB pprof cut, a crash mid-write). */
	if (l->no && g->odd_no == l->no) {
		if (!g->odd_open || g->open)
			GEV(GS_EV_CUT, g->odd_open ? GS_EVF_OPEN : 0);
		g->odd_no = 0;
	}
	if (g->open && g->state == GOR_CFILE)
		GEV(GS_EV_NOCFILE, 0);
	if (g->open && (g->state == GOR_FILE || g->state == GOR_CFILE))
		flags |= GS_EVF_TRUNCATED;
	gm_end_goroutine(g, l, flags);
	g->state = GOR_OUTSIDE;
}

#undef GEV
#undef GEV_WHY

/* ================================================================ debug=1 profiles
 *
 * The state machine (grammar/goroutine-debug1.ebnf, heap.ebnf, contention.ebnf):
 *   ATTRS    after a contention header  -> "key=value" lines, then records
 *   BETWEEN  outside a record           -> a record header opens one
 *   RECORD   after a record header      -> "# labels:", frame lines; a blank line, the next
 *                                          record header or the MemStats trailer ends it
 *   SKIP     after an unreadable record header: its frame lines are dropped
 *   TRAILER  after "# runtime.MemStats" -> "# Key = Value" lines
 * Any other line ends the profile and is read afresh, so a log can hold a profile and
 * then anything else.
 */

#define PEV(type, flags) gm_emit(l, (type), p->kind, (flags), 0, NULL)

/* A profile of `kind` begins at its header line (the one before it has ended). */
static void gm_prof_begin(struct prof *p, const struct gm_line *l, enum gs_kind kind)
{
	p->kind = kind;
	p->open = 1;
	p->rec = 0;
	/* a contention profile's "cycles/second=N" lines come first */
	p->state = gs_kind(kind)->family == GS_FAM_CONTENTION ? PROF_ATTRS : PROF_BETWEEN;
	PEV(GS_EV_DUMP, SPAN);
}

/* The open profile, if any, ends (eof: the input ended). */
static void gm_prof_end(struct prof *p, const struct gm_line *l, int eof)
{
	if (!p->open)
		return;
	PEV(GS_EV_DUMP_END, eof ? GS_EVF_EOF : 0);
	p->open = 0;
	p->rec = 0;
	p->state = PROF_BETWEEN;
}

/* The open record, if any, ends. */
static void gm_prof_end_record(struct prof *p, const struct gm_line *l)
{
	if (p->rec) {
		PEV(GS_EV_END, 0);
		p->rec = 0;
	}
}

/* record = BLANKS ( count_rec | heap_rec | cont_rec ) pcs    (gs_prof_record_read)
 * A record that cannot be read is skipped, with its frame lines: a record is counted by
 * its numbers or not at all. */
static void gm_record_line(struct prof *p, const struct gm_line *l, size_t b)
{
	const char *err;
	size_t at;

	gm_prof_end_record(p, l);
	err = gs_prof_record_read(p->kind, l->s, l->n, b, p->v, &at);
	if (err) {
		gm_emit(l, GS_EV_SKIP, p->kind, SPAN, at, err);
		p->state = PROF_SKIP;
		return;
	}
	PEV(GS_EV_RECORD, SPAN);
	p->rec = 1;
	p->state = PROF_RECORD;
}

static int gm_is_record_start(const char *s, size_t n)
{
	return scan_is_digit(s[0]) || (s[0] == '-' && n > 1 && scan_is_digit(s[1]));
}

/* A line of the open profile: 0; 1 when the line is no part of it (nothing emitted).
 * line = "" | attr (ATTRS) | memstat (TRAILER) | record | "# runtime.MemStats" (heap)
 *      | "# labels: " ... | frame | "#" ... (a comment, or frames that lost their record) */
static int gm_prof_line(struct prof *p, const struct gm_line *l)
{
	const char *s = l->s;
	size_t n = l->n, b;

	/* Most lines of a profile are frame lines in a record: "#\t0x...". They are none of
	 * the other '#' lines ("# labels:", "# runtime.MemStats" have a space), so they go
	 * straight out, past the checks below that they would all fail. */
	if (p->state == PROF_RECORD && n > 1 && s[0] == '#' && s[1] == '\t') {
		PEV(GS_EV_FRAME, SPAN);
		return 0;
	}
	if (n == 0) {
		gm_prof_end_record(p, l);
		if (p->state == PROF_RECORD || p->state == PROF_SKIP)
			p->state = PROF_BETWEEN;
		return 0;
	}
	if (p->state == PROF_TRAILER) {
		if (s[0] != '#')
			return 1;
		PEV(GS_EV_STAT, SPAN);
		return 0;
	}
	if (p->state == PROF_ATTRS) {
		if (!gm_is_record_start(s, n) && s[0] != '#' && memchr(s, '=', n) != NULL) {
			PEV(GS_EV_ATTR, SPAN);
			return 0;
		}
		p->state = PROF_BETWEEN;
	}
	b = scan_skip_blanks(s, n, 0);
	if (b < n && gm_is_record_start(s + b, n - b)) {
		gm_record_line(p, l, b);
		return 0;
	}
	if (s[0] != '#')
		return 1;
	if (prof_is_heap_kind(p->kind) && STARTS(s, n, "# runtime.MemStats")) {
		gm_prof_end_record(p, l);
		p->state = PROF_TRAILER;
		PEV(GS_EV_META, SPAN);
		return 0;
	}
	switch (p->state) {
	case PROF_SKIP:
		PEV(GS_EV_META, SPAN); /* a frame of the skipped record */
		return 0;
	case PROF_RECORD:
		PEV(STARTS(s, n, "# labels:") ? GS_EV_LABELS : GS_EV_FRAME, SPAN);
		return 0;
	default:
		/* a comment between records; frames here lost their record header */
		gm_emit(l, GS_EV_JUNK, p->kind, SPAN, 0,
		        n > 1 && scan_is_blank(s[1]) ? "frame line outside a record: ignored" : NULL);
		return 0;
	}
}

#undef PEV
#undef SPAN

/* ================================================================ the formats
 *
 * line = profile_header     (ends the dump or profile that was open)
 *      | profile_line       (while a profile is open and the line is part of it)
 *      | dump_line          (the goroutine dump machine: headers, frames, text)
 */
static GS_NOINLINE int grammar_line_any(struct gs_grammar *g, GRAMMAR_SINK *k, const char *s,
                                        size_t n, uint64_t no)
{
	struct gm_line line = { k, s, n, no }, *l = &line;
	enum gs_kind kind = gs_header_kind(s, n);

	if (kind != GS_KIND_UNKNOWN && kind != GS_KIND_GOROUTINE) {
		if (g->mode == GS_KIND_GOROUTINE)
			gm_gor_finish(&g->gor, l); /* as if the input ended: a cut stack is said */
		else
			gm_prof_end(&g->prof, l, 0);
		g->gor.dump_open = 0;
		g->mode = kind;
		gm_prof_begin(&g->prof, l, kind);
		return 0;
	}
	if (g->mode != GS_KIND_GOROUTINE) {
		if (kind != GS_KIND_GOROUTINE && gm_prof_line(&g->prof, l) == 0)
			return 0;
		gm_prof_end(&g->prof, l, 0);
		g->mode = GS_KIND_GOROUTINE;
	}
	return gm_gor_line(&g->gor, l, kind == GS_KIND_GOROUTINE);
}

/* Half the lines of a dump are a function's file line, and nothing else can stand after a
 * function line indented: they take a short way, the rest grammar_line_any. (FILE is never
 * the goroutine machine's state while a profile is read: a profile's header finishes it.) */
static GS_ALWAYS_INLINE int grammar_line(struct gs_grammar *g, GRAMMAR_SINK *k, const char *s,
                                         size_t n, uint64_t no)
{
	if (g->gor.state == GOR_FILE && n > 0 && (s[0] == '\t' || s[0] == ' ')) {
		struct gm_line l = { k, s, n, no };

		g->gor.state = GOR_FRAMES;
		gm_emit(&l, GS_EV_FILE, GS_KIND_GOROUTINE, GS_EVF_SPAN, 0, NULL);
		return 0;
	}
	return grammar_line_any(g, k, s, n, no);
}

/* The input ended after line last_no. */
static void grammar_finish(struct gs_grammar *g, GRAMMAR_SINK *k, uint64_t last_no)
{
	struct gm_line l;

	l.k = k;
	l.s = NULL;
	l.n = 0;
	l.no = last_no;
	gm_gor_finish(&g->gor, &l);
	gm_prof_end(&g->prof, &l, 1);
}

#endif
