/* goroutine.c - goroutine dumps: goroutine?debug=2, runtime.Stack, panics, fatal errors,
 * SIGQUIT and crash output. One call per normalised line; no I/O.
 *
 * The state machine (grammar/goroutine-dump.ebnf):
 *   OUTSIDE   preamble, junk, trailers        -> header starts a goroutine
 *   FRAMES    after a header or a frame       -> function line, "created by", elision,
 *                                                "[originating from ...]", blank ends it
 *   FILE      after a function line           -> "\tFILE:LINE [+0xOFF] [fp= sp= pc=]"
 *   CFILE     after "created by"              -> the creator's file line
 *   SKIP      g0 thread stacks, "runtime stack:", ancestors, race reports: until blank
 */
#include "goroutine.h"

#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "scan.h"

enum { ST_OUTSIDE, ST_FRAMES, ST_FILE, ST_CFILE, ST_SKIP, ST_RACE };

#define NO_DUMP UINT32_MAX
#define MAX_FRAMES 100000 /* Go prints at most ~100; more is hostile input */

/* Interned id of s[0..n), through the name cache. 0 on allocation failure. */
static uint32_t name_id(struct gor *g, const char *s, size_t n)
{
	uint64_t head = 0, tail = 0;
	struct gor_name *e;
	uint32_t id;

	if (g->names == NULL || n == 0)
		return intern_put(g->m->strings, s, n);
	if (n >= 8) {
		memcpy(&head, s, 8);
		memcpy(&tail, s + n - 8, 8);
	} else {
		memcpy(&head, s, n);
	}
	e = &g->names[((head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ n) >>
	              (64 - g->cache_bits)];
	/* head and tail already match: only the middle is left to compare */
	if (e->len == n && e->head == head && e->tail == tail &&
	    (n <= 16 || memcmp(e->text + 8, s + 8, n - 16) == 0))
		return e->id;
	id = intern_put(g->m->strings, s, n);
	if (id) {
		e->head = head;
		e->tail = tail;
		e->text = intern_str(g->m->strings, id);
		e->len = (uint32_t)n;
		e->id = id;
	}
	return id;
}

void gor_init(struct gor *g, struct gs_model *m, uint32_t source)
{
	memset(g, 0, sizeof(*g));
	/* without the cache the parser is slower, not wrong */
	g->cache_bits = GOR_CACHE_BITS_SMALL;
	g->names = calloc((size_t)1 << g->cache_bits, sizeof(*g->names));
	g->fcache = calloc((size_t)1 << g->cache_bits, sizeof(*g->fcache));
	buf_init(&g->ftext, GOR_FRAME_TEXT_MAX + 1);
	g->m = m;
	g->source = source;
	g->dump = NO_DUMP;
	buf_init(&g->argtext, 1u << 20);
}

void gor_release(struct gor *g)
{
	free(g->frames);
	free(g->argoff);
	free(g->arglen);
	free(g->ids.slots);
	free(g->ids.bits);
	free(g->names);
	free(g->fcache);
	buf_release(&g->ftext);
	buf_release(&g->argtext);
}

static void diag(struct gor *g, enum gs_level lv, uint64_t no, const char *s, size_t n,
                 const char *msg)
{
	gs_model_diag(g->m, lv, g->source, no, s, n, "%s", msg);
}

/* ---- goroutine ids of the current dump: a repeated id starts a new dump ---- */

static size_t idset_slot(uint64_t key, size_t cap)
{
	/* Fibonacci hashing: the top bits of the product spread sequential ids */
	unsigned bits = 0;

	while (((size_t)1 << bits) < cap)
		bits++;
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/* The bitmap has word w: 0, -1 on allocation failure. */
static int idset_cover(struct gor_idset *set, size_t w)
{
	size_t nw = set->nbits_words ? set->nbits_words : 1024;
	uint64_t *nb;

	if (w < set->nbits_words)
		return 0;
	while (nw <= w)
		nw *= 2;
	nb = realloc(set->bits, nw * sizeof(*nb));
	if (nb == NULL)
		return -1;
	memset(nb + set->nbits_words, 0, (nw - set->nbits_words) * sizeof(*nb));
	set->bits = nb;
	set->nbits_words = nw;
	return 0;
}

/* 1 when id was already in the set, 0 when added, -1 on allocation failure. */
static int idset_add(struct gor_idset *set, uint64_t id)
{
	size_t mask, i;
	uint64_t key = id + 1;

	if (id < GOR_ID_BITMAP_MAX) {
		size_t w = (size_t)(id >> 6);
		uint64_t bit = (uint64_t)1 << (id & 63);

		if (idset_cover(set, w) != 0)
			return -1;
		if (set->bits[w] & bit)
			return 1;
		set->bits[w] |= bit;
		if (id > set->max_small)
			set->max_small = id;
		return 0;
	}
	if (set->n * 2 >= set->cap) {
		size_t ncap = set->cap ? set->cap * 2 : 1024, j;
		uint64_t *ns = calloc(ncap, sizeof(*ns));

		if (ns == NULL)
			return -1;
		for (j = 0; j < set->cap; j++) {
			if (set->slots[j] == 0)
				continue;
			i = idset_slot(set->slots[j], ncap);
			while (ns[i])
				i = (i + 1) & (ncap - 1);
			ns[i] = set->slots[j];
		}
		free(set->slots);
		set->slots = ns;
		set->cap = ncap;
	}
	mask = set->cap - 1;
	i = idset_slot(key, set->cap);
	while (set->slots[i]) {
		if (set->slots[i] == key)
			return 1;
		i = (i + 1) & mask;
	}
	set->slots[i] = key;
	set->n++;
	return 0;
}

static int idset_has(const struct gor_idset *set, uint64_t id)
{
	size_t i;

	if (id < GOR_ID_BITMAP_MAX)
		return (size_t)(id >> 6) < set->nbits_words &&
		       (set->bits[id >> 6] >> (id & 63) & 1) != 0;
	if (set->cap == 0)
		return 0;
	for (i = idset_slot(id + 1, set->cap); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (set->slots[i] == id + 1)
			return 1;
	return 0;
}

static void idset_clear(struct gor_idset *set)
{
	if (set->nbits_words)
		memset(set->bits, 0, ((size_t)(set->max_small >> 6) + 1) * sizeof(*set->bits));
	set->max_small = 0;
	if (set->n)
		memset(set->slots, 0, set->cap * sizeof(*set->slots));
	set->n = 0;
}

/* ---- dumps ---- */

static int new_dump(struct gor *g, uint64_t no)
{
	uint32_t d = gs_model_dump(g->m, g->source, GS_KIND_GOROUTINE, no);

	if (d == NO_DUMP)
		return -1;
	g->dump = d;
	g->junk_since_g = 0;
	g->after_separator = 0;
	idset_clear(&g->ids);
	return 0;
}

static int ensure_dump(struct gor *g, uint64_t no)
{
	return g->dump == NO_DUMP ? new_dump(g, no) : 0;
}

static struct gs_dump *cur_dump(struct gor *g)
{
	return g->dump == NO_DUMP ? NULL : &g->m->dumps[g->dump];
}

static void touch(struct gor *g, uint64_t no)
{
	struct gs_dump *d = cur_dump(g);

	if (d && no > d->last_line)
		d->last_line = no;
}

/* ---- the goroutine being read ---- */

/* frame f (made or found) appended to the goroutine being read */
static int push_frame_id(struct gor *g, uint32_t f, uint32_t aoff, uint32_t alen)
{
	if (g->nframes >= MAX_FRAMES) {
		if (!g->frames_capped)
			gs_model_diag(g->m, GS_WARNING, g->source, g->pending_no, NULL, 0,
			              "goroutine %llu has more than %u frames: the rest of its stack is "
			              "dropped (marked elided)", (unsigned long long)g->cur.id, MAX_FRAMES);
		g->frames_capped = 1;
		g->stack_flags |= GS_STACK_ELIDED;
		return 0;
	}
	if (g->nframes == g->cap) {
		uint32_t ncap = g->cap ? g->cap * 2 : 64;
		uint32_t *a = realloc(g->frames, ncap * sizeof(*a));
		uint32_t *b, *c;

		if (a == NULL)
			return -1;
		g->frames = a;
		b = realloc(g->argoff, ncap * sizeof(*b));
		if (b == NULL)
			return -1;
		g->argoff = b;
		c = realloc(g->arglen, ncap * sizeof(*c));
		if (c == NULL)
			return -1;
		g->arglen = c;
		g->cap = ncap;
	}
	g->frames[g->nframes] = f;
	g->argoff[g->nframes] = aoff;
	g->arglen[g->nframes] = alen;
	g->nframes++;
	return 0;
}

static int push_frame(struct gor *g, uint32_t func, uint32_t file, uint32_t line,
                      uint32_t aoff, uint32_t alen)
{
	uint32_t f;

	if (g->nframes >= MAX_FRAMES)
		return push_frame_id(g, 0, aoff, alen); /* says so, once */
	f = gs_model_frame(g->m, func, file, line);
	return f ? push_frame_id(g, f, aoff, alen) : -1;
}

/* ---- the frame cache: (function, file line text) -> frame ---- */

/* Both caches at their full size, empty: they are only caches. Without memory they stay. */
static void caches_grow(struct gor *g)
{
	struct gor_name *nn = calloc((size_t)1 << GOR_CACHE_BITS, sizeof(*nn));
	struct gor_frame *nf = calloc((size_t)1 << GOR_CACHE_BITS, sizeof(*nf));

	if (nn == NULL || nf == NULL || g->names == NULL || g->fcache == NULL) {
		free(nn);
		free(nf);
		return;
	}
	free(g->names);
	free(g->fcache);
	g->names = nn;
	g->fcache = nf;
	g->cache_bits = GOR_CACHE_BITS;
	buf_reset(&g->ftext);
}

static struct gor_frame *frame_slot(const struct gor *g, uint32_t func, const char *s, size_t n)
{
	uint64_t tail = 0;

	if (n >= 8)
		memcpy(&tail, s + n - 8, 8); /* one load; a variable length would be a call */
	else
		memcpy(&tail, s, n);
	return &g->fcache[((tail * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)func * 0xc2b2ae3d27d4eb4full) ^
	                   n) >> (64 - g->cache_bits)];
}

/* The frame a file line after function func made before, 0 when not known. */
static uint32_t frame_cached(const struct gor *g, uint32_t func, const char *s, size_t n)
{
	const struct gor_frame *e;

	if (g->fcache == NULL)
		return 0;
	e = frame_slot(g, func, s, n);
	if (e->frame && e->func == func && e->len == n && memcmp(g->ftext.data + e->text, s, n) == 0)
		return e->frame;
	return 0;
}

static void frame_remember(struct gor *g, uint32_t func, const char *s, size_t n, uint32_t frame)
{
	struct gor_frame *e;

	if (g->fcache == NULL || n > UINT32_MAX)
		return;
	if (g->ftext.len + n > GOR_FRAME_TEXT_MAX) {
		/* full: start afresh rather than grow (a dump of endless distinct frames) */
		memset(g->fcache, 0, sizeof(*g->fcache) << g->cache_bits);
		buf_reset(&g->ftext);
	}
	e = frame_slot(g, func, s, n);
	e->text = g->ftext.len;
	if (buf_add(&g->ftext, s, n) != 0)
		return;
	e->func = func;
	e->len = (uint32_t)n;
	e->frame = frame;
}

/* A function line whose file line never came: keep the frame with an unknown place. */
static int flush_pending(struct gor *g)
{
	if (!g->pending)
		return 0;
	g->pending = 0;
	return push_frame(g, g->pending_func, 0, 0, g->pending_argoff, g->pending_arglen);
}

/* Ends the goroutine: its stack is hash-consed and the goroutine appended to the model.
 * Arguments are interned only for a stack seen for the first time (the representative),
 * so memory follows distinct stacks, not goroutines. */
static int end_goroutine(struct gor *g)
{
	struct gs_goroutine *out;
	uint32_t before, st, i;
	struct gs_stack *s;

	if (!g->have_g)
		return 0;
	g->have_g = 0;
	if (g->pending) {
		g->cur.flags |= GS_G_TRUNCATED;
		if (flush_pending(g) != 0)
			return -1;
	}
	before = g->m->nstacks;
	st = gs_model_stack(g->m, g->frames, NULL, g->nframes, g->stack_flags);
	if (st == 0 && g->nframes > 0)
		return -1;
	if (g->m->nstacks > before && st != 0) {
		s = &g->m->stacks[st];
		for (i = 0; i < g->nframes; i++)
			g->m->stack_args[s->first + i] =
				intern_put(g->m->strings, g->argtext.data + g->argoff[i], g->arglen[i]);
	}
	out = gs_model_goroutine(g->m);
	if (out == NULL)
		return -1; /* a cap or no memory: gs_parser_finish says which (gs_model_stopped) */
	g->cur.stack = st;
	g->cur.dump = g->dump;
	*out = g->cur;
	g->m->dumps[g->dump].ng++;
	g->nframes = 0;
	g->stack_flags = 0;
	buf_reset(&g->argtext);
	return 0;
}

/* Position of the '}' closing the '{' at s[i], skipping quoted text; n when unclosed or
 * nested deeper than GS_MAX_NESTING (*deep set). */
static size_t match_brace(const char *s, size_t n, size_t i, int *deep)
{
	int depth = 0, quoted = 0;

	for (; i < n; i++) {
		char c = s[i];

		if (quoted) {
			if (c == '\\')
				i++;
			else if (c == '"')
				quoted = 0;
		} else if (c == '"') {
			quoted = 1;
		} else if (c == '{') {
			if (++depth > GS_MAX_NESTING) {
				*deep = 1;
				return n;
			}
		} else if (c == '}' && --depth == 0) {
			return i;
		}
	}
	return n;
}

/* header  = "goroutine " GOID [ gpm ] " [" status { ", " suffix } [ labels ] "]:"
 *           [ " {" labels "}:" ] BLANKS                           (draft and 1.27 labels)
 * gpm     = " gp=" HEX ( " m=" DEC " mp=" HEX | " m=nil" )
 * suffix  = DEC " minutes" | "locked to thread" | "synctest group|bubble " DEC
 * labels  = "labels:{" ... "}"                                     (Go 1.26 tracebacklabels) */
const char *gor_header_parse(const char *s, size_t n, struct gor_header *h)
{
	size_t i = 10, open, close, end, lab = 0, labend = 0, p, q, se;
	int deep = 0;

	memset(h, 0, sizeof(*h));
	n = scan_trim_end(s, n);
	if (scan_u64(s, n, &i, &h->id) != 0)
		return "goroutine id is not a number that fits in 64 bits";
	/* gp=0x... m=N mp=0x... / m=nil: skipped up to the bracket */
	open = i;
	while (open < n && !(s[open] == '[' && s[open - 1] == ' '))
		open++;
	if (open >= n)
		return "expected '[' and a state after the goroutine id";
	end = n - 1; /* the final ':' */
	if (end > open && s[end - 1] == '}') {
		/* draft form: "[state] {k: v}:" */
		size_t b = open;

		while (b < end && !(s[b] == ']' && b + 2 < end && s[b + 1] == ' ' && s[b + 2] == '{'))
			b++;
		if (b >= end)
			return "expected ']:' at the end of the header";
		lab = b + 2;
		labend = match_brace(s, end, lab, &deep);
		if (deep)
			return "header labels nested deeper than 64 '{' levels";
		if (labend >= end)
			return "unclosed '{' in header labels";
		close = b;
	} else if (end > open && s[end - 1] == ']') {
		close = end - 1;
	} else {
		return "expected ']:' at the end of the header";
	}
	/* Go 1.26 labels inside the brackets */
	if (lab == 0) {
		const char *l = memmem(s + open, close - open, "labels:{", 8);

		if (l) {
			lab = (size_t)(l - s) + 7;
			labend = match_brace(s, close, lab, &deep);
			if (deep)
				return "header labels nested deeper than 64 '{' levels";
			if (labend >= close)
				return "unclosed '{' in header labels";
			close = (size_t)(l - s);
			while (close > open + 1 && s[close - 1] == ' ')
				close--;
		}
	}
	if (lab) {
		h->labels = lab;
		h->labels_len = labend - lab + 1;
	}
	/* state and ", "-separated suffixes */
	p = open + 1;
	q = p;
	while (q + 1 < close && !(s[q] == ',' && s[q + 1] == ' '))
		q++;
	if (q + 1 >= close)
		q = close;
	se = q;
	if (se - p >= 7 && memcmp(s + se - 7, " (scan)", 7) == 0) {
		h->flags |= GS_G_SCAN;
		se -= 7;
	}
	if (se == p)
		return "empty state in the header";
	h->state = p;
	h->state_len = se - p;
	while (q < close) {
		size_t e;

		p = q + 2;
		e = p;
		while (e + 1 < close && !(s[e] == ',' && s[e + 1] == ' '))
			e++;
		if (e + 1 >= close)
			e = close;
		if (scan_is_digit(s[p])) {
			size_t k = p;
			uint64_t mins = 0;
			int fits = scan_u64(s, e, &k, &mins) == 0 && mins <= UINT32_MAX;

			while (k < e && scan_is_digit(s[k]))
				k++;
			if (STARTS(s + k, e - k, " minutes") || STARTS(s + k, e - k, " minute")) {
				if (fits) {
					h->flags |= GS_G_WAIT;
					h->wait = (uint32_t)mins;
				} else if (h->bad_why == NULL) {
					/* not clamped: a wrong wait would sort the goroutine as the oldest */
					h->bad_why = "wait in minutes does not fit in 32 bits: wait unknown";
					h->bad = p;
					h->bad_len = e - p;
				}
			}
		} else if (STARTS(s + p, e - p, "locked to thread")) {
			h->flags |= GS_G_LOCKED;
		} else if (STARTS(s + p, e - p, "synctest group ") ||
		           STARTS(s + p, e - p, "synctest bubble ")) {
			size_t k = p + (s[p + 9] == 'g' ? 15 : 16);
			int digits = k < e && scan_is_digit(s[k]);
			uint64_t b;

			h->flags |= GS_G_SYNCTEST;
			if (scan_u64(s, e, &k, &b) == 0 && b <= UINT32_MAX) {
				h->bubble = (uint32_t)b;
			} else if (digits && h->bad_why == NULL) {
				h->bad_why = "synctest bubble id does not fit in 32 bits: id 0 kept";
				h->bad = p;
				h->bad_len = e - p;
			}
		} else if (h->nunknown < GOR_HEADER_UNKNOWN_MAX) {
			h->unknown[h->nunknown] = p;
			h->unknown_len[h->nunknown] = e - p;
			h->nunknown++;
		}
		q = e;
	}
	return NULL;
}

static const char *parse_header(struct gor *g, const char *s, size_t n, uint64_t no)
{
	struct gs_goroutine *c = &g->cur;
	struct gor_header h;
	const char *err = gor_header_parse(s, n, &h);
	unsigned k;
	int bad;

	if (err)
		return err;
	memset(c, 0, sizeof(*c));
	c->id = h.id;
	c->line = no;
	c->count = 1;
	c->flags = h.flags;
	c->wait = h.wait;
	c->bubble = h.bubble;
	if (h.labels_len) {
		c->labels = gs_labels_intern(g->m, s + h.labels, h.labels_len, &bad);
		if (bad == GS_LABELS_TOO_MANY)
			gs_model_diag(g->m, GS_WARNING, g->source, no, s + h.labels, h.labels_len,
			              "more than %d labels in one set; goroutine kept without them",
			              GS_MAX_LABELS);
		else if (bad)
			gs_model_diag(g->m, GS_WARNING, g->source, no, s + h.labels, h.labels_len,
			              "labels not understood; goroutine kept without them");
	}
	if (h.bad_why)
		gs_model_diag(g->m, GS_WARNING, g->source, no, s + h.bad, h.bad_len, "%s", h.bad_why);
	c->state = name_id(g, s + h.state, h.state_len);
	if (c->state == 0)
		return NULL;
	for (k = 0; k < h.nunknown; k++)
		gs_model_diag(g->m, GS_NOTE, g->source, no, s + h.unknown[k], h.unknown_len[k],
		              "unknown header suffix ignored");
	return NULL;
}

static int start_goroutine(struct gor *g, const char *s, size_t n, uint64_t no)
{
	const char *err;
	struct gs_dump *d;
	int seen;

	if (end_goroutine(g) != 0)
		return -1;
	err = parse_header(g, s, n, no);
	if (err) {
		if (ensure_dump(g, no) != 0)
			return -1;
		cur_dump(g)->skipped++;
		diag(g, GS_WARNING, no, s, n, err);
		g->state = ST_SKIP;
		return 0;
	}
	if (g->cur.id == 0) {
		/* goroutine 0: a thread's g0 stack in crash output, not a goroutine */
		if (ensure_dump(g, no) != 0)
			return -1;
		cur_dump(g)->g0_stacks++;
		touch(g, no);
		g->state = ST_SKIP;
		return 0;
	}
	if (g->dump != NO_DUMP) {
		d = cur_dump(g);
		seen = idset_add(&g->ids, g->cur.id);
		if (seen < 0)
			return -1;
		if (seen || (g->junk_since_g && d->ng > 0)) {
			/* A repeated id or text between goroutines: the next dump began. When the
			 * goroutine just before was [running] and not the dump's first, it was the
			 * writer of the next dump (debug=2 prints the writing goroutine first). */
			size_t last = d->first_g + d->ng - 1;
			int move = seen && !g->junk_since_g && d->ng > 1 &&
			           strcmp(gs_str(g->m, g->m->goroutines[last].state), "running") == 0;
			struct gs_goroutine moved;

			if (move) {
				moved = g->m->goroutines[last];
				d->ng--;
			}
			if (new_dump(g, no) != 0)
				return -1;
			if (move) {
				d = cur_dump(g);
				d->first_g = last;
				d->ng = 1;
				d->first_line = moved.line;
				g->m->goroutines[last].dump = g->dump;
				if (idset_add(&g->ids, moved.id) < 0)
					return -1;
			}
			if (idset_add(&g->ids, g->cur.id) < 0)
				return -1;
		}
	} else {
		if (new_dump(g, no) != 0 || idset_add(&g->ids, g->cur.id) < 0)
			return -1;
	}
	g->cur.dump = g->dump;
	g->have_g = 1;
	if (++g->ngs == GOR_CACHE_GROW_AFTER)
		caches_grow(g);
	g->nframes = 0;
	g->frames_capped = 0;
	g->stack_flags = 0;
	buf_reset(&g->argtext);
	g->state = ST_FRAMES;
	touch(g, no);
	return 0;
}

/* fileline = WS FILE ":" LINE [ " +0x" HEX ] [ " fp=" HEX " sp=" HEX " pc=" HEX | " pc=" HEX ]
 * FILE may hold spaces and colons (C:/...): the line number follows the last colon that
 * is followed by digits and then the end or a space. A line number past 32 bits is read
 * as 0 and returns 1 (never clamped or wrapped: the caller says so). */
int gor_fileline_split(const char *s, size_t n, size_t *file, size_t *file_len,
                       uint32_t *line)
{
	size_t st = 0, end = n;
	uint64_t v;

	while (st < n && (s[st] == '\t' || s[st] == ' '))
		st++;
	while (end > st) {
		const char *colon = memrchr(s + st, ':', end - st);
		size_t c, k;

		if (colon == NULL)
			return -1;
		c = (size_t)(colon - s);
		k = c + 1;
		if (k < n && scan_is_digit(s[k]) && c > st) {
			int fits = scan_u64(s, n, &k, &v) == 0 && v <= UINT32_MAX;

			while (k < n && scan_is_digit(s[k]))
				k++;
			if (k == n || s[k] == ' ') {
				*file = st;
				*file_len = c - st;
				*line = fits ? (uint32_t)v : 0;
				return fits ? 0 : 1;
			}
		}
		end = c;
	}
	return -1;
}

/* 0, -1 when the line is not FILE:LINE, -2 when memory ran out. */
static int parse_fileline(struct gor *g, const char *s, size_t n, uint64_t no, uint32_t *file,
                          uint32_t *line)
{
	size_t f, flen;
	int rc = gor_fileline_split(s, n, &f, &flen, line);

	if (rc < 0)
		return -1;
	if (rc > 0)
		diag(g, GS_WARNING, no, s, n, "line number does not fit in 32 bits: frame kept with line 0");
	*file = name_id(g, s + f, flen);
	return *file ? 0 : -2;
}

/* funcline = FUNCNAME "(" args ")" ; the args are the text in the last "(...)". */
static int parse_funcline(struct gor *g, const char *s, size_t n, uint64_t no)
{
	const char *open;
	size_t o;

	if (n < 3 || s[n - 1] != ')')
		return 1;
	open = memrchr(s, '(', n - 1);
	if (open == NULL || open == s)
		return 1;
	o = (size_t)(open - s);
	if (flush_pending(g) != 0)
		return -1;
	g->pending_func = name_id(g, s, o);
	if (g->pending_func == 0)
		return -1;
	g->pending_argoff = (uint32_t)g->argtext.len;
	if (g->argtext.cap - g->argtext.len > n - o) {
		/* the common case, without a call: room is there */
		memcpy(g->argtext.data + g->argtext.len, s + o, n - o);
		g->argtext.len += n - o;
		g->argtext.data[g->argtext.len] = '\0';
		g->pending_arglen = (uint32_t)(n - o);
	} else if (buf_add(&g->argtext, s + o, n - o) != 0) {
		/* args past the scratch cap are dropped: they are only shown, never keyed */
		g->pending_arglen = 0;
	} else {
		g->pending_arglen = (uint32_t)(n - o);
	}
	g->pending_no = no;
	g->pending = 1;
	g->state = ST_FILE;
	return 0;
}

/* created = "created by " FUNCNAME [ " in goroutine " GOID ] NL fileline */
static int parse_created(struct gor *g, const char *s, size_t n, uint64_t no)
{
	const char *in = NULL;
	size_t fe = n;

	if (n > 11 + 14) {
		/* search from the right: names may contain spaces (generic shapes) */
		size_t k;

		for (k = n - 14; k > 11; k--)
			if (memcmp(s + k, " in goroutine ", 14) == 0) {
				in = s + k;
				break;
			}
	}
	if (in) {
		size_t k = (size_t)(in - s) + 14;
		uint64_t parent;

		if (scan_u64(s, n, &k, &parent) == 0 && k == n) {
			g->cur.parent = parent;
			fe = (size_t)(in - s);
		} else if (k < n && scan_is_digit(s[k])) {
			while (k < n && scan_is_digit(s[k]))
				k++;
			if (k == n) {
				diag(g, GS_WARNING, no, in + 1, n - (size_t)(in + 1 - s),
				     "parent goroutine id does not fit in 64 bits: parent unknown");
				fe = (size_t)(in - s);
			}
		}
	}
	g->pending_func = name_id(g, s + 11, fe - 11);
	return g->pending_func ? 0 : -1;
}

static int is_elision(const char *s, size_t n)
{
	return n >= 6 && s[0] == '.' && s[1] == '.' && s[2] == '.' &&
	       memcmp(s + n - 3, "...", 3) == 0 && memmem(s, n, "elided", 6) != NULL;
}

/* A "SIGQUIT: quit" / "SIGSEGV: segmentation violation" / "Signal 12" line. */
static int is_signal_line(const char *s, size_t n)
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

static int is_register_line(const char *s, size_t n)
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

/* Lines outside goroutines: preamble, trailers, junk. */
static int outside_line(struct gor *g, const char *s, size_t n, uint64_t no)
{
	struct gs_dump *d = cur_dump(g);
	int is_panic = STARTS(s, n, "panic: ") || STARTS(s, n, "fatal error: ");

	if (is_panic || is_signal_line(s, n)) {
		/* A new failure report starts a dump, unless it continues a crash after
		 * "-----" or follows the panic lines of the same report. */
		int cont = d && (g->after_separator || (d->ng == 0 && d->g0_stacks == 0));

		if (!cont && new_dump(g, no) != 0)
			return -1;
		d = cur_dump(g);
		g->after_separator = 0;
		if (is_panic && d->panic == 0)
			d->panic = intern_put(g->m->strings, s, n);
		else if (!is_panic && d->signal == 0)
			d->signal = intern_put(g->m->strings, s, n);
		touch(g, no);
		return 0;
	}
	if (d == NULL) {
		g->m->sources[g->source].skipped_lines++;
		return 0;
	}
	if (STARTS(s, n, "[signal ")) {
		if (d->signal == 0)
			d->signal = intern_put(g->m->strings, s, n);
	} else if (STARTS(s, n, "-----")) {
		g->after_separator = 1;
	} else if (STARTS(s, n, "runtime stack:")) {
		g->state = ST_SKIP;
	} else if (STARTS(s, n, "WARNING: DATA RACE")) {
		d->races++;
		g->state = ST_RACE;
	} else if (STARTS(s, n, "PC=") || STARTS(s, n, "exit status ") ||
	           STARTS(s, n, "instruction bytes:") || is_register_line(s, n) ||
	           STARTS(s, n, "signal arrived during") || STARTS(s, n, "[recovered") ||
	           STARTS(s, n, "runtime: ") || STARTS(s, n, "==================") ||
	           STARTS(s, n, "Found ") || STARTS(s, n, "\tpanic: ")) {
		/* report metadata: part of the dump, not goroutines */
	} else {
		g->m->sources[g->source].skipped_lines++;
		g->junk_since_g = 1;
		return 0;
	}
	touch(g, no);
	return 0;
}

int gor_line(struct gor *g, const char *s, size_t n, uint64_t no)
{
	uint32_t file, line, f;
	int rc;

	if (n == 0) {
		if (g->state == ST_RACE)
			return 0;
		if (g->have_g && g->state == ST_FILE)
			g->cur.flags |= GS_G_TRUNCATED;
		if (end_goroutine(g) != 0)
			return -1;
		g->state = ST_OUTSIDE;
		return 0;
	}
	if (gs_header_kind(s, n) == GS_KIND_GOROUTINE)
		return start_goroutine(g, s, n, no);
	if (s[0] == '\t' || s[0] == ' ') {
		switch (g->state) {
		case ST_FILE:
			/* most frames repeat, file line and all: one lookup instead of a parse */
			f = frame_cached(g, g->pending_func, s, n);
			if (f) {
				g->pending = 0;
				touch(g, no);
				g->state = ST_FRAMES;
				return push_frame_id(g, f, g->pending_argoff, g->pending_arglen);
			}
			rc = parse_fileline(g, s, n, no, &file, &line);
			if (rc == -2)
				return -1;
			if (rc != 0) {
				diag(g, GS_WARNING, no, s, n, "expected FILE:LINE after a function line");
				file = 0;
				line = 0;
			}
			g->pending = 0;
			touch(g, no);
			g->state = ST_FRAMES;
			f = g->nframes;
			if (push_frame(g, g->pending_func, file, line, g->pending_argoff,
			               g->pending_arglen) != 0)
				return -1;
			if (rc == 0 && g->nframes > f)
				frame_remember(g, g->pending_func, s, n, g->frames[f]);
			return 0;
		case ST_CFILE:
			rc = parse_fileline(g, s, n, no, &file, &line);
			if (rc == -2)
				return -1;
			if (rc != 0) {
				diag(g, GS_WARNING, no, s, n, "expected FILE:LINE after 'created by'");
				file = 0;
				line = 0;
			}
			g->cur.creator = gs_model_frame(g->m, g->pending_func, file, line);
			touch(g, no);
			g->state = ST_FRAMES;
			return g->cur.creator ? 0 : -1;
		case ST_FRAMES:
			if (memmem(s, n, "goroutine running on other thread", 33)) {
				g->cur.flags |= GS_G_UNAVAILABLE;
				touch(g, no);
				return 0;
			}
			break;
		case ST_SKIP:
		case ST_RACE:
			return 0;
		default:
			break;
		}
		if (g->state == ST_OUTSIDE && g->dump != NO_DUMP &&
		    (STARTS(s, n, "\tpanic: ") || STARTS(s, n, "\t")))
			return outside_line(g, s, n, no);
		g->m->sources[g->source].skipped_lines++;
		if (g->have_g)
			diag(g, GS_WARNING, no, s, n, "unexpected indented line inside a goroutine");
		return 0;
	}
	switch (g->state) {
	case ST_SKIP:
		return 0;
	case ST_RACE:
		if (STARTS(s, n, "=================="))
			g->state = ST_OUTSIDE;
		return 0;
	case ST_FILE:
		/* a function line with no file line: keep it, read this line afresh */
		diag(g, GS_WARNING, no, s, n, "expected FILE:LINE after a function line");
		if (flush_pending(g) != 0)
			return -1;
		g->state = ST_FRAMES;
		break;
	case ST_CFILE:
		diag(g, GS_WARNING, no, s, n, "expected FILE:LINE after 'created by'");
		g->cur.creator = gs_model_frame(g->m, g->pending_func, 0, 0);
		g->state = ST_FRAMES;
		break;
	default:
		break;
	}
	if (g->state == ST_FRAMES) {
		touch(g, no);
		/* the first byte tells the rare lines from a function line */
		switch (s[0]) {
		case 'c':
			if (STARTS(s, n, "created by ")) {
				if (flush_pending(g) != 0 || parse_created(g, s, n, no) != 0)
					return -1;
				g->state = ST_CFILE;
				return 0;
			}
			break;
		case '.':
			if (is_elision(s, n)) {
				g->stack_flags |= GS_STACK_ELIDED;
				return 0;
			}
			break;
		case '[':
			if (STARTS(s, n, "[originating from goroutine ")) {
				g->state = ST_SKIP; /* ancestors: another goroutine's past */
				return 0;
			}
			break;
		case 'n':
			if (STARTS(s, n, "non-Go function"))
				return 0;
			break;
		default:
			break;
		}
		rc = parse_funcline(g, s, n, no);
		if (rc <= 0)
			return rc;
		/* not a frame: the goroutine ended without its blank line */
		if (g->cur.flags & GS_G_UNAVAILABLE || g->nframes > 0) {
			uint64_t junk = g->m->sources[g->source].skipped_lines;

			if (end_goroutine(g) != 0)
				return -1;
			g->state = ST_OUTSIDE;
			rc = outside_line(g, s, n, no);
			if (g->m->sources[g->source].skipped_lines != junk) {
				/* not a known trailer either: maybe a frame cut by the end of input */
				g->odd_no = no;
				g->odd_g = g->m->ngoroutines - 1;
			}
			return rc;
		}
		g->odd_no = no;
		g->odd_g = SIZE_MAX;
		diag(g, GS_WARNING, no, s, n, "expected a function line or 'created by'");
		g->m->sources[g->source].skipped_lines++;
		return 0;
	}
	return outside_line(g, s, n, no);
}

uint32_t gor_at_boundary(const struct gor *g)
{
	if (g->dump == NO_DUMP || g->state != ST_OUTSIDE || g->have_g || g->pending ||
	    g->junk_since_g || g->after_separator)
		return NO_DUMP;
	return g->dump;
}

/* Adds every id of src to dst: 0, -1 on allocation failure. */
static int idset_union(struct gor_idset *dst, const struct gor_idset *src)
{
	size_t w, words = src->nbits_words ? (size_t)(src->max_small >> 6) + 1 : 0, j;

	if (words && idset_cover(dst, words - 1) != 0)
		return -1;
	for (w = 0; w < words; w++)
		dst->bits[w] |= src->bits[w];
	if (src->max_small > dst->max_small)
		dst->max_small = src->max_small;
	for (j = 0; j < src->cap; j++)
		if (src->slots[j] && idset_add(dst, src->slots[j] - 1) < 0)
			return -1;
	return 0;
}

int gor_continue(struct gor *g, const struct gor *rest, uint32_t dump, int joined)
{
	if (!joined)
		idset_clear(&g->ids);
	if (idset_union(&g->ids, &rest->ids) != 0)
		return -1;
	g->dump = dump;
	g->state = ST_OUTSIDE;
	g->have_g = 0;
	g->pending = 0;
	g->junk_since_g = 0;
	g->after_separator = 0;
	g->odd_no = 0;
	g->ngs += rest->ngs;
	return 0;
}

int gor_id_seen(const struct gor *g, uint64_t id)
{
	return idset_has(&g->ids, id);
}

int gor_finish(struct gor *g, uint64_t last_no)
{
	/* The input's last line was not understood and stood where a frame belonged: the
	 * dump was cut inside that frame (a 64 MiB pprof cut, a crash mid-write). */
	if (last_no && g->odd_no == last_no) {
		struct gs_goroutine *cut = g->odd_g == SIZE_MAX ? (g->have_g ? &g->cur : NULL)
		                                                : &g->m->goroutines[g->odd_g];

		if (cut) {
			cut->flags |= GS_G_TRUNCATED;
			if (cut->dump < g->m->ndumps)
				g->m->dumps[cut->dump].flags |= GS_DUMP_TRUNCATED;
			gs_model_diag(g->m, GS_WARNING, g->source, last_no, NULL, 0,
			              "input ends inside goroutine %llu: its stack is cut",
			              (unsigned long long)cut->id);
		}
		g->odd_no = 0;
	}
	if (g->have_g && (g->state == ST_FILE || g->state == ST_CFILE)) {
		g->cur.flags |= GS_G_TRUNCATED;
		if (g->state == ST_CFILE)
			g->cur.creator = gs_model_frame(g->m, g->pending_func, 0, 0);
		gs_model_diag(g->m, GS_WARNING, g->source, last_no, NULL, 0,
		              "input ends inside goroutine %llu: its stack is cut",
		              (unsigned long long)g->cur.id);
		if (g->dump != NO_DUMP)
			g->m->dumps[g->dump].flags |= GS_DUMP_TRUNCATED;
	}
	if (g->have_g && g->cur.flags & GS_G_TRUNCATED)
		g->stack_flags |= GS_STACK_TRUNCATED;
	if (end_goroutine(g) != 0)
		return -1;
	g->state = ST_OUTSIDE;
	return 0;
}
