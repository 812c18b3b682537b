/* records.c - see records.h.
 *
 * A sink of the grammar (grammar.h) with no state machine of its own: a header or record
 * event opens a record, the events of its lines add them, its end hands it out. The open
 * record's lines are copied into one buffer (the reader's text lives only during its
 * callback) and handed out whole. A body taken at once (on_body) is only its text until
 * the record is handed out, or a line comes after it: then it is cut into lines and frames
 * (body_cut), for a caller that reads them.
 */
#include "records.h"

#include <stdlib.h>
#include <string.h>

#include "memo/body.h"
#include "memo/skel.h"
#include "buf.h"
#include "grammar.h"
#include "lines.h"
#include "scan.h"

/* the grammar's machines, with this file's sink_event as their sink */
struct gs_records;
#define GRAMMAR_SINK struct gs_records
static GS_ALWAYS_INLINE void sink_event(struct gs_records *r, const struct gs_event *e,
                                        const char *s, size_t n, uint64_t no);
#include "grammar_machines.h"

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

/* The open record: what a reader hands over with its grammar (gs_records_adopt). */
struct rec_state {
	int open;                 /* a record is being read */
	struct gs_buf text;
	struct rec_line *lines;
	size_t nlines, lines_cap;
	struct rec_frame *frames;
	size_t nframes, frames_cap;
	struct gs_record cur;     /* scalars of the open record; pointers set when handed out */
	size_t state_off, labels_off; /* offsets of cur.state and cur.labels in text */
	/* a body taken at once, not yet cut into lines and frames (body_nlines 0: none): its
	 * text at body_off, its lines numbered from body_no */
	size_t body_off, body_bytes;
	uint32_t body_nlines, body_nframes;
	uint64_t body_no;
};

struct gs_records {
	gs_record_fn fn;
	void *ctx;
	gs_record_skip_fn skip_fn;
	void *skip_ctx;
	int no_lines, no_frames;  /* gs_records_without_lines, _frames */
	struct gs_reader rd;
	uint64_t last_no;         /* the last line read */
	int rc;                   /* the callback's code, or -1 (memory): no more events */
	struct rec_state st;
	struct gs_record_line *out_lines;
	size_t out_lines_cap;
	struct gs_record_frame *out_frames;
	size_t out_frames_cap;
	struct gs_body *body;     /* a goroutine's body read at once (on_body), NULL until one */
	struct gs_skel skel;      /* the bodies read at once, by their text */
	uint64_t skel_hits;
	uint32_t win_tries, win_hits; /* bodies the skel was asked for in a window, found */
	uint32_t skel_skip, skel_rest;
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
static int body_cut(struct gs_records *r);
static size_t add_line(struct gs_records *r, const char *s, size_t n, uint64_t no)
{
	struct rec_state *st = &r->st;
	struct rec_line *l;

	/* the cap counts each line's bookkeeping too (offsets, the handed-out line, a frame):
	 * a record of a million one-byte lines weighs more than its text */
	size_t cost;

	if (st->body_nlines && body_cut(r) != 0) /* the lines in their order */
		return LINE_NOMEM;
	cost = (st->nlines + 1) * (sizeof(struct rec_line) + sizeof(struct gs_record_line) +
	                           sizeof(struct rec_frame) + sizeof(struct gs_record_frame));
	if (st->cur.flags & GS_RECORD_CUT || st->text.len + n + 1 + cost > GS_RECORD_MAX_BYTES) {
		st->cur.flags |= GS_RECORD_CUT;
		return LINE_DROPPED;
	}
	if (st->nlines == st->lines_cap &&
	    grow((void **)&st->lines, &st->lines_cap, st->nlines + 1, sizeof *st->lines) != 0)
		return LINE_NOMEM;
	/* the line and its "\n" in one step, the room checked inline: most lines fit */
	if (st->text.cap - st->text.len < n + 2 && gs_buf_grow(&st->text, n + 1) != 0)
		return LINE_NOMEM;
	l = &st->lines[st->nlines];
	l->off = st->text.len;
	l->len = n;
	l->no = no;
	memcpy(st->text.data + st->text.len, s, n);
	st->text.len += n + 1;
	st->text.data[st->text.len - 1] = '\n';
	st->text.data[st->text.len] = '\0';
	return st->nlines++;
}

static int add_frame(struct gs_records *r, size_t func, size_t func_len)
{
	struct rec_state *st = &r->st;
	struct rec_frame *f;

	if (st->nframes == st->frames_cap &&
	    grow((void **)&st->frames, &st->frames_cap, st->nframes + 1, sizeof *st->frames) != 0)
		return -1;
	f = &st->frames[st->nframes++];
	memset(f, 0, sizeof *f);
	f->func = func;
	f->func_len = func_len;
	return 0;
}

static void open_record(struct gs_records *r, enum gs_kind kind)
{
	struct rec_state *st = &r->st;

	st->open = 1;
	gs_buf_reset(&st->text);
	st->nlines = 0;
	st->nframes = 0;
	memset(&st->cur, 0, sizeof st->cur);
	st->cur.kind = kind;
	st->state_off = 0;
	st->labels_off = 0;
	st->body_nlines = 0;
}

/* Hands the open record to the callback. */
static int end_record(struct gs_records *r)
{
	struct rec_state *st = &r->st;
	struct gs_record *c = &st->cur;
	size_t i;

	if (!st->open)
		return 0;
	st->open = 0;
	if (st->body_nlines && !(r->no_lines && r->no_frames) && body_cut(r) != 0)
		return -1;
	c->lines = NULL;
	c->nlines = st->nlines + st->body_nlines;
	c->frames = NULL;
	c->nframes = 0;
	c->text = st->text.data;
	c->text_len = st->text.len;
	if (c->state)
		c->state = st->text.data + st->state_off;
	if (c->labels)
		c->labels = st->text.data + st->labels_off;
	if (!r->no_lines) {
		if (grow((void **)&r->out_lines, &r->out_lines_cap, st->nlines,
		         sizeof *r->out_lines) != 0)
			return -1;
		c->lines = r->out_lines;
	}
	if (!r->no_frames) {
		if (grow((void **)&r->out_frames, &r->out_frames_cap, st->nframes,
		         sizeof *r->out_frames) != 0)
			return -1;
		c->frames = r->out_frames;
		c->nframes = st->nframes;
	}
	for (i = 0; c->lines && i < st->nlines; i++) {
		r->out_lines[i].text = st->text.data + st->lines[i].off;
		r->out_lines[i].len = st->lines[i].len;
		r->out_lines[i].no = st->lines[i].no;
	}
	for (i = 0; c->frames && i < st->nframes; i++) {
		const struct rec_frame *f = &st->frames[i];
		struct gs_record_frame *o = &r->out_frames[i];

		o->func = st->text.data + f->func;
		o->func_len = f->func_len;
		o->file = f->has_file ? st->text.data + f->file : NULL;
		o->file_len = f->has_file ? f->file_len : 0;
		o->line = f->has_file ? f->line : 0;
	}
	return r->fn(r->ctx, c);
}

/* A goroutine header (GS_EV_HEADER): a goroutine opens, its header read by the grammar. */
static int open_goroutine(struct gs_records *r, const struct gor_header *h, const char *s,
                          size_t n, uint64_t no)
{
	struct rec_state *st = &r->st;
	size_t at;

	open_record(r, GS_KIND_GOROUTINE);
	at = add_line(r, s, n, no);
	if (at == LINE_NOMEM)
		return -1;
	st->cur.count = 1;
	st->cur.id = h->id;
	st->cur.gflags = h->flags;
	st->cur.wait = h->wait;
	if (at != LINE_DROPPED) {
		/* non-NULL marks "present"; end_record points them into the text */
		st->cur.state = s;
		st->cur.state_len = h->state_len;
		st->state_off = st->lines[at].off + h->state;
		if (h->labels_len) {
			st->cur.labels = s;
			st->cur.labels_len = h->labels_len;
			st->labels_off = st->lines[at].off + h->labels;
		}
	}
	return 0;
}

/* A profile record's header (GS_EV_RECORD): a count record stands for N goroutines. */
static int open_profile_record(struct gs_records *r, enum gs_kind kind, const int64_t *v,
                               const char *s, size_t n, uint64_t no)
{
	open_record(r, kind);
	if (prof_is_count_kind(kind))
		r->st.cur.count = (uint64_t)v[0];
	if (gs_kind(kind)->leaked)
		r->st.cur.gflags = GS_G_LEAKED;
	return add_line(r, s, n, no) == LINE_NOMEM ? -1 : 0;
}

/* A goroutine's file line (GS_EV_FILE): the place of its last frame. */
static void file_of_frame(struct gs_records *r, const char *s, size_t n, size_t at)
{
	struct rec_state *st = &r->st;
	struct rec_frame *f;
	size_t file, flen;
	uint32_t line;

	if (at == LINE_DROPPED || st->nframes == 0)
		return;
	if (gs_gor_fileline_split(s, n, &file, &flen, &line) >= 0) {
		f = &st->frames[st->nframes - 1];
		f->has_file = 1;
		f->file = st->lines[at].off + file;
		f->file_len = flen;
		f->line = line;
	}
}

/* A profile record's frame line (GS_EV_FRAME). */
static int profile_frame(struct gs_records *r, const char *s, size_t n, size_t at)
{
	struct rec_state *st = &r->st;
	struct prof_frame f;
	size_t off;

	if (at == LINE_DROPPED || r->no_frames || gs_prof_frame_split(s, n, &f) != PROF_FRAME_OK)
		return 0;
	off = st->lines[at].off;
	if (add_frame(r, off + f.func, f.func_len) != 0)
		return -1;
	if (f.file_len) {
		struct rec_frame *rf = &st->frames[st->nframes - 1];

		rf->has_file = 1;
		rf->file = off + f.file;
		rf->file_len = f.file_len;
		rf->line = f.line;
	}
	return 0;
}

/* "# labels: {...}" (GS_EV_LABELS) */
static void profile_labels(struct gs_records *r, const char *s, size_t n, size_t at)
{
	struct rec_state *st = &r->st;
	size_t i = scan_skip_blanks(s, n, 9);

	if (at == LINE_DROPPED)
		return;
	st->cur.labels = s;
	st->cur.labels_len = n - i;
	st->labels_off = st->lines[at].off + i;
}

/* A skipped header, said to the skip callback with the text it is about (cut as the
 * model's diagnostics cut it: 60 bytes, not inside a UTF-8 sequence). */
static void skipped(struct gs_records *r, const struct gs_event *e, const char *s, size_t n,
                    uint64_t no)
{
	size_t rest = n - e->at, k = rest > 60 ? 60 : rest;

	if (r->skip_fn == NULL)
		return;
	while (k < rest && k > 0 && ((unsigned char)s[e->at + k] & 0xc0) == 0x80)
		k--;
	r->skip_fn(r->skip_ctx, no, e->why, s + e->at, k);
}

/* A line of the open record (the events that have one). */
static GS_ALWAYS_INLINE int record_line(struct gs_records *r, const struct gs_event *e,
                                        const char *s, size_t n, uint64_t no)
{
	size_t at = add_line(r, s, n, no);

	if (at == LINE_NOMEM)
		return -1;
	switch (e->type) {
	case GS_EV_FUNC:
		return at == LINE_DROPPED || r->no_frames ? 0 : add_frame(r, r->st.lines[at].off, e->at);
	case GS_EV_FILE:
		file_of_frame(r, s, n, at);
		return 0;
	case GS_EV_FRAME:
		return profile_frame(r, s, n, at);
	case GS_EV_LABELS:
		profile_labels(r, s, n, at);
		return 0;
	default:
		return 0;
	}
}

/* What an event makes of the open record. */
static GS_ALWAYS_INLINE void sink_event(struct gs_records *r, const struct gs_event *e,
                                        const char *s, size_t n, uint64_t no)
{
	const struct gs_grammar *g = &r->rd.g;

	if (r->rc != 0)
		return; /* stopped */
	switch (e->type) {
	case GS_EV_HEADER:
		r->rc = open_goroutine(r, gs_grammar_header(g), s, n, no);
		return;
	case GS_EV_RECORD:
		r->rc = open_profile_record(r, e->kind, gs_grammar_values(g), s, n, no);
		return;
	case GS_EV_END:
	case GS_EV_DUMP_END:
		r->rc = end_record(r);
		return;
	case GS_EV_SKIP:
		skipped(r, e, s, n, no);
		return;
	case GS_EV_FUNC:
	case GS_EV_FILE:
	case GS_EV_FRAME:
	case GS_EV_LABELS:
	case GS_EV_CREATED:
	case GS_EV_CFILE:
	case GS_EV_ELIDED:
	case GS_EV_UNAVAILABLE:
	case GS_EV_LINE:
		r->rc = record_line(r, e, s, n, no);
		return;
	default:
		return; /* dumps, their text and junk: no record's */
	}
}

static int on_line(void *ctx, const struct gs_line *l)
{
	struct gs_records *r = ctx;

	if (l->flags) {
		uint64_t last = l->flags & GS_LINE_JOINED ? l->last : l->no;

		/* the highest line read: a reversed dump hands its lines out downwards (lines.h) */
		r->last_no = !(l->flags & GS_LINE_MOVED) || last > r->last_no ? last : r->last_no;
		if (l->flags & GS_LINE_ENTRY)
			gs_grammar_entry_line(&r->rd.g);
	} else {
		r->last_no = l->no;
	}
	if (grammar_line(&r->rd.g, r, l->text, l->len, l->no) != 0)
		return -1;
	return r->rc;
}

/* The open record's body, taken at once, cut into lines and frames as the grammar's events
 * would have added them: function lines frames (the name up to the line's last "(", as
 * gm_frame_line cuts it), a frame's file line its place, "created by" and its file line
 * lines only. 0, or -1 without memory. */
static int body_cut(struct gs_records *r)
{
	struct rec_state *st = &r->st;
	const char *p, *end, *nl;
	uint64_t no = st->body_no;
	size_t len;
	int func = 0;

	if (grow((void **)&st->lines, &st->lines_cap, st->nlines + st->body_nlines,
	         sizeof *st->lines) != 0 ||
	    grow((void **)&st->frames, &st->frames_cap, st->nframes + st->body_nframes,
	         sizeof *st->frames) != 0)
		return -1;
	st->body_nlines = 0;
	p = st->text.data + st->body_off;
	for (end = p + st->body_bytes; p < end; p = nl + 1) {
		struct rec_line *l = &st->lines[st->nlines++];

		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)(nl - p);
		l->off = (size_t)(p - st->text.data);
		l->len = len;
		l->no = no++;
		if (r->no_frames) {
			continue;
		} else if (p[0] == '\t') {
			/* a frame's file line (GS_EV_FILE); the creator's (CFILE) is a line only */
			if (func)
				file_of_frame(r, p, len, st->nlines - 1);
			func = 0;
		} else if (p[0] == 'c' && STARTS(p, len, "created by ")) {
			func = 0;
		} else {
			struct rec_frame *f = &st->frames[st->nframes++];

			memset(f, 0, sizeof *f);
			f->func = l->off;
			f->func_len = (size_t)((const char *)memrchr(p, '(', len) - p);
			func = 1;
		}
	}
	return 0;
}

/* A goroutine's body at once (lines.h: gs_lines_body_fn): the lines below the header of the
 * record just opened, up to its blank line, read by gs_body_lines or found in the skel
 * (which learns what gs_body_lines read: a match is a body it would read alike, skel.h),
 * copied in one step; body_cut cuts them when they are wanted. Only when the record has
 * room for all of them (add_line's cap) and memory for their text is had first: a record
 * that would be cut is read line by line, cut where it is. */
static size_t on_body(void *ctx, const char *s, const char *lim, size_t max_line, uint64_t no,
                      size_t *used)
{
	struct gs_records *r = ctx;
	struct rec_state *st = &r->st;
	struct gor *g = &r->rd.g.gor;
	struct gs_body *b = r->body;
	size_t cost;
	int hit = 0, learn = 0;

	if (r->rc != 0 || r->rd.g.mode != GS_KIND_GOROUTINE || g->state != GOR_FRAMES || !g->open ||
	    g->framed || g->unavailable || !st->open || st->cur.kind != GS_KIND_GOROUTINE ||
	    st->nlines != 1 || st->body_nlines || st->lines[0].no != no ||
	    (st->cur.flags & GS_RECORD_CUT))
		return 0;
	if (b == NULL && (b = r->body = malloc(sizeof(*b))) == NULL)
		return 0;
	/* learning a body costs about twice reading its lines and a hit saves most of a read:
	 * a window that found few puts the skel to rest (gs_memo_rest), as the builder's memo */
	if (r->skel_skip > 0) {
		r->skel_skip--;
	} else {
		hit = gs_skel_match(&r->skel, b, s, lim, max_line) != NULL;
		learn = !hit;
		r->skel_hits += (uint64_t)hit;
		r->win_hits += (uint32_t)hit;
		if (++r->win_tries == GS_MEMO_WINDOW) {
			gs_memo_rest(&r->skel_skip, &r->skel_rest, r->win_tries, r->win_hits);
			r->win_tries = 0;
			r->win_hits = 0;
		}
	}
	if (!hit && !gs_body_lines(b, s, lim, max_line))
		return 0;
	cost = (st->nlines + b->nlines) * (sizeof(struct rec_line) + sizeof(struct gs_record_line) +
	                                   sizeof(struct rec_frame) + sizeof(struct gs_record_frame));
	if (st->text.len + b->bytes + 1 + cost > GS_RECORD_MAX_BYTES ||
	    gs_buf_grow(&st->text, b->bytes + 1) != 0)
		return 0;
	if (learn)
		gs_skel_add(&r->skel, b, s, 0, 0);
	st->body_off = st->text.len;
	st->body_bytes = b->bytes;
	st->body_nlines = b->nlines;
	st->body_nframes = b->nframes;
	st->body_no = no + 1;
	memcpy(st->text.data + st->text.len, s, b->bytes); /* its lines, each with its "\n" */
	st->text.len += b->bytes;
	st->text.data[st->text.len] = '\0';
	g->framed = b->nframes > 0;
	r->last_no = no + b->nlines;
	*used = b->bytes;
	return b->nlines;
}

struct gs_records *gs_records_new(gs_record_fn fn, void *ctx)
{
	struct gs_records *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	r->fn = fn;
	r->ctx = ctx;
	gs_buf_init(&r->st.text, 0);
	gs_skel_init(&r->skel);
	if (gs_reader_init(&r->rd, on_line, r) != 0) {
		gs_reader_release(&r->rd);
		free(r);
		return NULL;
	}
	gs_lines_set_body(r->rd.lr, on_body);
	return r;
}

int gs_records_feed(struct gs_records *r, const void *data, size_t len)
{
	return gs_lines_feed(r->rd.lr, data, len);
}

int gs_records_finish(struct gs_records *r)
{
	int rc = gs_lines_finish(r->rd.lr);

	if (rc != 0)
		return rc;
	grammar_finish(&r->rd.g, r, r->last_no);
	return r->rc;
}

void gs_records_on_skip(struct gs_records *r, gs_record_skip_fn fn, void *ctx)
{
	r->skip_fn = fn;
	r->skip_ctx = ctx;
}

void gs_records_without_lines(struct gs_records *r)
{
	r->no_lines = 1;
}

void gs_records_without_frames(struct gs_records *r)
{
	r->no_frames = 1;
}

void gs_records_idle(struct gs_records *r)
{
	gs_skel_release(&r->skel);
	free(r->body);
	r->body = NULL;
}

void gs_records_hand_on(struct gs_records *to, struct gs_records *from)
{
	struct gs_skel t = to->skel;

	to->skel = from->skel;
	from->skel = t;
	to->skel_rest = from->skel_rest;
	to->skel_skip = from->skel_skip;
	to->win_tries = from->win_tries;
	to->win_hits = from->win_hits;
	gs_records_idle(from);
}

uint64_t gs_records_skel_hits(const struct gs_records *r)
{
	return r->skel_hits;
}

int gs_records_adopt(struct gs_records *r, struct gs_records *rest)
{
	uint64_t off = r->last_no;
	struct rec_state t;
	size_t i;

	if (r->st.open || gs_reader_between(&r->rd, NULL) == 0 ||
	    gs_reader_take(&r->rd, &rest->rd, off, 0) != 0)
		return 0;
	/* a record rest left open goes on here, its lines numbered as r numbers them */
	t = r->st;
	r->st = rest->st;
	rest->st = t;
	for (i = 0; i < r->st.nlines; i++)
		r->st.lines[i].no += off;
	r->st.body_no += off;
	r->last_no = off + rest->last_no;
	return 1;
}

static void rec_state_release(struct rec_state *st)
{
	gs_buf_release(&st->text);
	free(st->lines);
	free(st->frames);
}

void gs_records_free(struct gs_records *r)
{
	if (r == NULL)
		return;
	gs_reader_release(&r->rd);
	rec_state_release(&r->st);
	free(r->out_lines);
	free(r->out_frames);
	free(r->body);
	gs_skel_release(&r->skel);
	free(r);
}
