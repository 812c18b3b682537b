/* records.c - see records.h.
 *
 * The splitter follows the parser's boundaries (parser.c, goroutine.c, profile.c) without
 * building anything: a profile header switches to that profile until a line that is not
 * part of it; a goroutine header opens a record that a blank line, the next header or a
 * line that is not a frame closes. The open record's lines are copied into one buffer
 * (the reader's text lives only during its callback) and handed out whole.
 */
#include "records.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "goroutine.h"
#include "grammar.h"
#include "lines.h"
#include "parser.h"
#include "profile.h"
#include "scan.h"

/* inside a dump: outside a goroutine, after a header or a frame, after a function line
 * (its file line comes next), after "created by", inside "[originating from ...]" */
enum { G_OUTSIDE, G_FRAMES, G_FILE, G_CFILE, G_ANCESTORS };
/* inside a profile: between records, contention attributes, in a record, MemStats */
enum { P_BETWEEN, P_ATTRS, P_RECORD, P_TRAILER };

/* Offsets into the record's text: it moves while the record grows. */
struct rec_line {
	size_t off, len;
	uint64_t no;
};

struct rec_frame {
	size_t func, func_len, file, file_len;
	uint32_t line;
	int has_file;
};

struct gs_records {
	gs_record_fn fn;
	void *ctx;
	struct lines *lr;
	enum gs_kind mode;        /* GS_KIND_GOROUTINE or the open profile's kind */
	int gstate, pstate;
	int open;                 /* a record is being read */
	int unavailable;          /* "goroutine running on other thread; stack unavailable" */
	int no_files;             /* gs_records_without_files */
	struct buf text;
	struct rec_line *lines;
	size_t nlines, lines_cap;
	struct rec_frame *frames;
	size_t nframes, frames_cap;
	struct gs_record cur;     /* scalars of the open record; pointers set when handed out */
	size_t state_off, labels_off; /* offsets of cur.state and cur.labels in text */
	struct gs_record_line *out_lines;
	size_t out_lines_cap;
	struct gs_record_frame *out_frames;
	size_t out_frames_cap;
};

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * size);
	if (p == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Copies a line into the open record. Returns its index, LINE_DROPPED when the record is
 * past its cap (the line is dropped, the record marked cut), LINE_NOMEM when memory ran
 * out. */
#define LINE_DROPPED SIZE_MAX
#define LINE_NOMEM (SIZE_MAX - 1)
static size_t add_line(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	struct rec_line *l;

	/* the cap counts each line's bookkeeping too (offsets, the handed-out line, a frame):
	 * a record of a million one-byte lines weighs more than its text */
	size_t cost = (r->nlines + 1) * (sizeof(struct rec_line) + sizeof(struct gs_record_line) +
	                                 sizeof(struct rec_frame) + sizeof(struct gs_record_frame));

	if (r->cur.flags & GS_RECORD_CUT || r->text.len + n + 1 + cost > GS_RECORD_MAX_BYTES) {
		r->cur.flags |= GS_RECORD_CUT;
		return LINE_DROPPED;
	}
	if (grow((void **)&r->lines, &r->lines_cap, r->nlines + 1, sizeof *r->lines) != 0)
		return LINE_NOMEM;
	l = &r->lines[r->nlines];
	l->off = r->text.len;
	l->len = n;
	l->no = no;
	if (buf_add(&r->text, s, n) != 0 || buf_addch(&r->text, '\n') != 0)
		return LINE_NOMEM;
	return r->nlines++;
}

static int add_frame(struct gs_records *r, size_t func, size_t func_len)
{
	struct rec_frame *f;

	if (grow((void **)&r->frames, &r->frames_cap, r->nframes + 1, sizeof *r->frames) != 0)
		return -1;
	f = &r->frames[r->nframes++];
	memset(f, 0, sizeof *f);
	f->func = func;
	f->func_len = func_len;
	return 0;
}

static void open_record(struct gs_records *r, enum gs_kind kind)
{
	r->open = 1;
	r->unavailable = 0;
	buf_reset(&r->text);
	r->nlines = 0;
	r->nframes = 0;
	memset(&r->cur, 0, sizeof r->cur);
	r->cur.kind = kind;
	r->state_off = 0;
	r->labels_off = 0;
}

/* Hands the open record to the callback. */
static int end_record(struct gs_records *r)
{
	struct gs_record *c = &r->cur;
	size_t i;

	if (!r->open)
		return 0;
	r->open = 0;
	if (grow((void **)&r->out_lines, &r->out_lines_cap, r->nlines, sizeof *r->out_lines) != 0 ||
	    grow((void **)&r->out_frames, &r->out_frames_cap, r->nframes,
	         sizeof *r->out_frames) != 0)
		return -1;
	for (i = 0; i < r->nlines; i++) {
		r->out_lines[i].text = r->text.data + r->lines[i].off;
		r->out_lines[i].len = r->lines[i].len;
		r->out_lines[i].no = r->lines[i].no;
	}
	for (i = 0; i < r->nframes; i++) {
		const struct rec_frame *f = &r->frames[i];
		struct gs_record_frame *o = &r->out_frames[i];

		o->func = r->text.data + f->func;
		o->func_len = f->func_len;
		o->file = f->has_file ? r->text.data + f->file : NULL;
		o->file_len = f->has_file ? f->file_len : 0;
		o->line = f->has_file ? f->line : 0;
	}
	c->lines = r->out_lines;
	c->nlines = r->nlines;
	c->text = r->text.data;
	c->text_len = r->text.len;
	c->frames = r->out_frames;
	c->nframes = r->nframes;
	if (c->state)
		c->state = r->text.data + r->state_off;
	if (c->labels)
		c->labels = r->text.data + r->labels_off;
	return r->fn(r->ctx, c);
}

/* ---- goroutine dumps ---- */

static int start_goroutine(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	struct gor_header h;
	size_t at;

	r->gstate = G_OUTSIDE;
	/* unreadable headers and thread (g0) stacks are no goroutines: their lines belong to
	 * nothing, as in the model */
	if (gor_header_parse(s, n, &h) != NULL || h.id == 0)
		return 0;
	open_record(r, GS_KIND_GOROUTINE);
	at = add_line(r, s, n, no);
	if (at == LINE_NOMEM)
		return -1;
	r->cur.count = 1;
	r->cur.id = h.id;
	r->cur.gflags = h.flags;
	r->cur.wait = h.wait;
	if (at != LINE_DROPPED) {
		/* non-NULL marks "present"; end_record points them into the text */
		r->cur.state = s;
		r->cur.state_len = h.state_len;
		r->state_off = r->lines[at].off + h.state;
		if (h.labels_len) {
			r->cur.labels = s;
			r->cur.labels_len = h.labels_len;
			r->labels_off = r->lines[at].off + h.labels;
		}
	}
	r->gstate = G_FRAMES;
	return 0;
}

static int is_elision(const char *s, size_t n)
{
	return n >= 6 && s[0] == '.' && s[1] == '.' && s[2] == '.' &&
	       memcmp(s + n - 3, "...", 3) == 0 && memmem(s, n, "elided", 6) != NULL;
}

/* Appends a line to the open goroutine; 0, or -1 when memory ran out. */
static int keep_line(struct gs_records *r, const char *s, size_t n, uint64_t no, size_t *at)
{
	*at = add_line(r, s, n, no);
	return *at == LINE_NOMEM ? -1 : 0;
}

static int goroutine_line(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	const char *open;
	size_t at;

	if (n == 0) {
		r->gstate = G_OUTSIDE;
		return end_record(r);
	}
	if (gs_header_kind(s, n) == GS_KIND_GOROUTINE) {
		int rc = end_record(r);

		return rc ? rc : start_goroutine(r, s, n, no);
	}
	if (!r->open)
		return 0;
	if (s[0] == '\t' || s[0] == ' ') {
		if (keep_line(r, s, n, no, &at) != 0)
			return -1;
		/* where a function line belongs, as goroutine.c looks for it (not on file lines:
		 * a search of every one of them was a fifth of grep's time) */
		if (r->gstate == G_FRAMES && memmem(s, n, "goroutine running on other thread", 33))
			r->unavailable = 1;
		if (r->gstate == G_FILE && at != LINE_DROPPED && r->nframes > 0 && !r->no_files) {
			struct rec_frame *f = &r->frames[r->nframes - 1];
			size_t file, flen;
			uint32_t line;

			if (gor_fileline_split(s, n, &file, &flen, &line) >= 0) {
				f->has_file = 1;
				f->file = r->lines[at].off + file;
				f->file_len = flen;
				f->line = line;
			}
		}
		if (r->gstate == G_FILE || r->gstate == G_CFILE)
			r->gstate = G_FRAMES;
		return 0;
	}
	if (r->gstate == G_ANCESTORS)
		return keep_line(r, s, n, no, &at);
	r->gstate = G_FRAMES; /* a function or "created by" line without its file line */
	if (STARTS(s, n, "created by ")) {
		r->gstate = G_CFILE;
		return keep_line(r, s, n, no, &at);
	}
	if (STARTS(s, n, "[originating from goroutine ")) {
		r->gstate = G_ANCESTORS;
		return keep_line(r, s, n, no, &at);
	}
	if (is_elision(s, n) || STARTS(s, n, "non-Go function"))
		return keep_line(r, s, n, no, &at);
	/* funcline = FUNCNAME "(" args ")" */
	open = n >= 3 && s[n - 1] == ')' ? memrchr(s, '(', n - 1) : NULL;
	if (open && open != s) {
		if (keep_line(r, s, n, no, &at) != 0)
			return -1;
		if (at != LINE_DROPPED && add_frame(r, r->lines[at].off, (size_t)(open - s)) != 0)
			return -1;
		r->gstate = G_FILE;
		return 0;
	}
	/* not a frame: the goroutine ended without its blank line (a trailer follows), unless
	 * it has no frame yet (the parser warns and reads on) */
	if (r->nframes > 0 || r->unavailable) {
		r->gstate = G_OUTSIDE;
		return end_record(r);
	}
	return keep_line(r, s, n, no, &at);
}

/* ---- debug=1 profiles ---- */

static int is_count_kind(enum gs_kind k)
{
	return k == GS_KIND_GOROUTINE1 || k == GS_KIND_THREADCREATE;
}

static int start_profile_record(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	size_t i = 0;
	uint64_t v = 0;

	open_record(r, r->mode);
	r->pstate = P_RECORD;
	if (is_count_kind(r->mode)) {
		i = scan_skip_blanks(s, n, i);
		for (; i < n && scan_is_digit(s[i]); i++)
			v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX : v * 10 + (uint64_t)(s[i] - '0');
		r->cur.count = v;
	}
	return add_line(r, s, n, no) == LINE_NOMEM ? -1 : 0;
}

static int profile_record_line(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	struct prof_frame f;
	size_t at = add_line(r, s, n, no), off;

	if (at == LINE_NOMEM)
		return -1;
	if (at == LINE_DROPPED)
		return 0;
	off = r->lines[at].off;
	if (STARTS(s, n, "# labels:")) {
		size_t i = scan_skip_blanks(s, n, 9);

		r->cur.labels = s;
		r->cur.labels_len = n - i;
		r->labels_off = off + i;
		return 0;
	}
	if (prof_frame_split(s, n, &f) != PROF_FRAME_OK)
		return 0;
	if (add_frame(r, off + f.func, f.func_len) != 0)
		return -1;
	if (f.file_len) {
		struct rec_frame *rf = &r->frames[r->nframes - 1];

		rf->has_file = 1;
		rf->file = off + f.file;
		rf->file_len = f.file_len;
		rf->line = f.line;
	}
	return 0;
}

/* 0, the callback's code or -1 (memory); *ended when the line is not part of the profile
 * (it is read afresh as dump text). Mirrors prof_line. */
static int profile_line(struct gs_records *r, const char *s, size_t n, uint64_t no, int *ended)
{
	*ended = 0;
	if (n == 0) {
		if (r->pstate == P_RECORD)
			r->pstate = P_BETWEEN;
		return end_record(r);
	}
	if (r->pstate == P_TRAILER) {
		*ended = s[0] != '#';
		return 0;
	}
	if (r->pstate == P_ATTRS) {
		if (!prof_is_record_line(s, n) && s[0] != '#' && memchr(s, '=', n) != NULL)
			return 0;
		r->pstate = P_BETWEEN;
	}
	if (prof_is_record_line(s, n)) {
		int rc = end_record(r);

		return rc ? rc : start_profile_record(r, s, n, no);
	}
	if (s[0] != '#') {
		r->pstate = P_BETWEEN;
		*ended = 1;
		return end_record(r);
	}
	if (STARTS(s, n, "# runtime.MemStats")) {
		r->pstate = P_TRAILER;
		return end_record(r);
	}
	if (r->pstate == P_RECORD && r->open)
		return profile_record_line(r, s, n, no);
	return 0;
}

static int on_line(void *ctx, const struct line *l)
{
	struct gs_records *r = ctx;
	enum gs_kind k = gs_header_kind(l->text, l->len);
	int rc, ended;

	if (k != GS_KIND_UNKNOWN && k != GS_KIND_GOROUTINE) {
		rc = end_record(r);
		r->mode = k;
		r->pstate = k == GS_KIND_MUTEX || k == GS_KIND_BLOCK ? P_ATTRS : P_BETWEEN;
		r->gstate = G_OUTSIDE;
		return rc;
	}
	if (r->mode != GS_KIND_GOROUTINE) {
		if (k == GS_KIND_GOROUTINE) {
			ended = 1;
			rc = end_record(r);
		} else {
			rc = profile_line(r, l->text, l->len, l->no, &ended);
		}
		if (rc || !ended)
			return rc;
		r->mode = GS_KIND_GOROUTINE;
		r->gstate = G_OUTSIDE;
	}
	return goroutine_line(r, l->text, l->len, l->no);
}

struct gs_records *gs_records_new(gs_record_fn fn, void *ctx)
{
	struct gs_records *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->fn = fn;
	r->ctx = ctx;
	r->mode = GS_KIND_GOROUTINE;
	buf_init(&r->text, 0);
	r->lr = lines_new(GS_MAX_LINE, on_line, r);
	if (r->lr == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

int gs_records_feed(struct gs_records *r, const void *data, size_t len)
{
	return lines_feed(r->lr, data, len);
}

int gs_records_finish(struct gs_records *r)
{
	int rc = lines_finish(r->lr);

	if (rc != 0)
		return rc;
	return end_record(r);
}

int gs_records_at_boundary(const struct gs_records *r)
{
	return r->mode == GS_KIND_GOROUTINE && r->gstate == G_OUTSIDE && !r->open &&
	       lines_at_line_start(r->lr);
}

void gs_records_without_files(struct gs_records *r)
{
	r->no_files = 1;
}

void gs_records_retarget(struct gs_records *r, gs_record_fn fn, void *ctx)
{
	r->fn = fn;
	r->ctx = ctx;
}

void gs_records_free(struct gs_records *r)
{
	if (r == NULL)
		return;
	lines_free(r->lr);
	buf_release(&r->text);
	free(r->lines);
	free(r->frames);
	free(r->out_lines);
	free(r->out_frames);
	free(r);
}
