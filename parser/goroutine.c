/* goroutine.c - the grammar of goroutine dumps, what of it is compiled once: the
 * bookkeeping of dumps and their goroutine ids (a repeated id begins a new dump), the
 * hand-over between two readers of one input, and the splitters of header and file lines
 * every sink reads them with. The state machine itself is in grammar_machines.h. */
#include "goroutine.h"

#include <stdlib.h>
#include <string.h>

#include "grammar.h"
#include "scan.h"

void gs_gor_init(struct gor *g)
{
	memset(g, 0, sizeof(*g));
}

void gs_gor_release(struct gor *g)
{
	free(g->ids.slots);
	free(g->ids.bits);
	free(g->first.slots);
	free(g->first.bits);
	memset(g, 0, sizeof(*g));
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

#define IDSET_ALIGN ((size_t)1024) /* words: a window begins at a multiple of 64 Ki ids */

/* The bitmap has word w (of ids / 64): 0, -1 on allocation failure. The window grows
 * down (moving what it holds up) or up, doubling. */
static int idset_cover(struct gor_idset *set, size_t w)
{
	size_t base = set->base, top = set->base + set->nbits_words, nw, lo;
	uint64_t *nb;

	if (set->nbits_words == 0)
		base = top = w & ~(IDSET_ALIGN - 1);
	else if (w >= base && w < top)
		return 0;
	lo = w < base ? w & ~(IDSET_ALIGN - 1) : base;
	nw = set->nbits_words ? set->nbits_words : IDSET_ALIGN;
	while (nw < (w >= top ? w + 1 : top) - lo)
		nw *= 2;
	nb = realloc(set->bits, nw * sizeof(*nb));
	if (nb == NULL)
		return -1;
	if (lo < base && set->nbits_words)
		memmove(nb + (base - lo), nb, set->nbits_words * sizeof(*nb));
	memset(nb, 0, (base - lo) * sizeof(*nb));
	memset(nb + (base - lo) + set->nbits_words, 0,
	       (nw - (base - lo) - set->nbits_words) * sizeof(*nb));
	set->bits = nb;
	set->base = lo;
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
		if (set->bits[w - set->base] & bit)
			return 1;
		set->bits[w - set->base] |= bit;
		if (!set->any_small || id > set->max_small)
			set->max_small = id;
		set->any_small = 1;
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
	size_t i, w = (size_t)(id >> 6);

	if (id < GOR_ID_BITMAP_MAX)
		return w >= set->base && w - set->base < set->nbits_words &&
		       (set->bits[w - set->base] >> (id & 63) & 1) != 0;
	if (set->cap == 0)
		return 0;
	for (i = idset_slot(id + 1, set->cap); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (set->slots[i] == id + 1)
			return 1;
	return 0;
}

/* The words of the window that may hold a bit: [*from, *to), empty when none. */
static void idset_used(const struct gor_idset *set, size_t *from, size_t *to)
{
	*from = set->base;
	*to = set->any_small ? (size_t)(set->max_small >> 6) + 1 : set->base;
}

static void idset_clear(struct gor_idset *set)
{
	size_t from, to;

	idset_used(set, &from, &to);
	if (to > from)
		memset(set->bits, 0, (to - from) * sizeof(*set->bits));
	set->max_small = 0;
	set->any_small = 0;
	if (set->n)
		memset(set->slots, 0, set->cap * sizeof(*set->slots));
	set->n = 0;
}


/* Whether the two sets share an id. */
static int idset_meets(const struct gor_idset *a, const struct gor_idset *b)
{
	size_t af, at, bf, bt, w, j;

	idset_used(a, &af, &at);
	idset_used(b, &bf, &bt);
	for (w = af > bf ? af : bf; w < at && w < bt; w++)
		if (a->bits[w - a->base] & b->bits[w - b->base])
			return 1;
	for (j = 0; j < b->cap; j++)
		if (b->slots[j] && idset_has(a, b->slots[j] - 1))
			return 1;
	return 0;
}

/* Adds every id of src to dst: 0, -1 on allocation failure. */
static int idset_union(struct gor_idset *dst, const struct gor_idset *src)
{
	size_t from, to, w, j;

	idset_used(src, &from, &to);
	if (to > from) {
		if (idset_cover(dst, from) != 0 || idset_cover(dst, to - 1) != 0)
			return -1;
		for (w = from; w < to; w++)
			dst->bits[w - dst->base] |= src->bits[w - src->base];
		if (!dst->any_small || src->max_small > dst->max_small)
			dst->max_small = src->max_small;
		dst->any_small = 1;
	}
	for (j = 0; j < src->cap; j++)
		if (src->slots[j] && idset_add(dst, src->slots[j] - 1) < 0)
			return -1;
	return 0;
}

static void idset_swap(struct gor_idset *a, struct gor_idset *b)
{
	struct gor_idset t = *a;

	*a = *b;
	*b = t;
}

/* ---- the dump a goroutine header opens or goes on (the template's, grammar_machines.h) ---- */

void gs_gor_new_dump(struct gor *g)
{
	/* the first dump's ids are kept aside when a second begins: a reader handing over
	 * (gs_reader_between) is asked about its first dump */
	if (g->ndumps == 1)
		idset_swap(&g->ids, &g->first);
	idset_clear(&g->ids);
	g->ndumps++;
	g->dump_open = 1;
	g->dump_ng = 0;
	g->dump_g0 = 0;
	g->junk_since_g = 0;
	g->after_separator = 0;
}

int gs_gor_begin(struct gor *g, unsigned *flags)
{
	uint64_t id = g->h.id;
	int seen, move;

	*flags = 0;
	if (!g->dump_open) {
		gs_gor_new_dump(g);
		return idset_add(&g->ids, id) < 0 ? -1 : 1;
	}
	/* asked before added: the id belongs to the dump it begins, if it begins one */
	seen = idset_has(&g->ids, id);
	if (!seen && !(g->junk_since_g && g->dump_ng > 0))
		return idset_add(&g->ids, id) < 0 ? -1 : 0;
	/* A repeated id or text between goroutines: the next dump began. When the goroutine
	 * just before was [running] and not the dump's first, it was the writer of the next
	 * dump (debug=2 prints the writing goroutine first) and moves into it. */
	move = seen && !g->junk_since_g && g->dump_ng > 1 && g->last_running;
	gs_gor_new_dump(g);
	if (move) {
		*flags = GS_EVF_MOVE;
		g->dump_ng = 1;
		if (idset_add(&g->ids, g->last_id) < 0)
			return -1;
	}
	return idset_add(&g->ids, id) < 0 ? -1 : 1;
}

/* ---- the hand-over between two readers (grammar.h) ---- */

int gs_reader_between(const struct gs_reader *rd, const struct gs_reader *rest)
{
	const struct gor *g = &rd->g.gor;

	if (!gs_lines_at_line_start(rd->lr) || rd->g.mode != GS_KIND_GOROUTINE ||
	    g->state != GOR_OUTSIDE || g->open)
		return 0;
	if (!g->dump_open || g->junk_since_g || g->after_separator)
		return 1;
	if (rest != NULL &&
	    idset_meets(&g->ids, rest->g.gor.ndumps > 1 ? &rest->g.gor.first : &rest->g.gor.ids))
		return 1;
	return 2;
}

int gs_reader_take(struct gs_reader *rd, struct gs_reader *rest, uint64_t off, int joined)
{
	struct gor *a = &rd->g.gor, *b = &rest->g.gor;
	struct gs_grammar t;

	gs_lines_take(rd->lr, rest->lr, off);
	if (joined) {
		/* rest's only dump went on with rd's: what rd knew of it stays */
		if (idset_union(&b->ids, &a->ids) != 0)
			return -1;
		b->dump_ng += a->dump_ng;
		b->dump_g0 += a->dump_g0;
		if (b->dump_ng == a->dump_ng) {
			b->last_running = a->last_running;
			b->last_id = a->last_id;
		}
		b->ndumps += a->ndumps - 1;
	} else {
		b->ndumps += a->ndumps;
	}
	if (b->odd_no)
		b->odd_no += off; /* rest's line, numbered as rd numbers */
	idset_swap(&a->first, &b->first);
	t = rd->g;
	rd->g = rest->g;
	rest->g = t;
	return 0;
}

/* ---- the lines' splitters: every sink reads them with these ---- */

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

/* The attributes Go prints after the wait reason, each at most once, in this order:
 *   status = REASON [ " (leaked)" ] [ " (scan)" ] [ " (durable)" ]
 * Some reasons end with " (durable)" themselves ("chan receive (durable)"): either way it
 * is the attribute. They are flags, not part of the state, so they never split a group.
 * Returns the end of the reason in s[p..q). */
static size_t strip_attributes(const char *s, size_t p, size_t q, uint32_t *flags)
{
	static const struct {
		const char *text;
		size_t len;
		uint32_t flag;
	} attrs[] = {
		{ " (durable)", 10, GS_G_DURABLE },
		{ " (scan)", 7, GS_G_SCAN },
		{ " (leaked)", 9, GS_G_LEAKED },
	};
	size_t i, len;
	int again = 1;

	/* from the end, whatever the order: "select (durable) (leaked)" too; most reasons
	 * end otherwise, and are past in one compare */
	while (again && q > p && s[q - 1] == ')') {
		again = 0;
		for (i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
			len = attrs[i].len;
			if (!(*flags & attrs[i].flag) && q - p > len &&
			    memcmp(s + q - len, attrs[i].text, len) == 0) {
				*flags |= attrs[i].flag;
				q -= len;
				again = 1;
			}
		}
	}
	return q;
}

/* The first "labels:{" of s[0..n) (Go 1.26's labels inside the brackets), or NULL. By its
 * '{', which a header without labels seldom holds: memmem's set-up cost more than the
 * search on every header. */
static const char *labels_at(const char *s, size_t n)
{
	const char *b = s, *end = s + n;

	while ((b = memchr(b, '{', (size_t)(end - b))) != NULL) {
		if (b - s >= 7 && memcmp(b - 7, "labels:", 7) == 0)
			return b - 7;
		b++;
	}
	return NULL;
}

/* header  = "goroutine " GOID [ gpm ] " [" status { ", " suffix } [ labels ] "]:"
 *           [ " {" labels "}:" ] BLANKS                           (draft and 1.27 labels)
 * gpm     = " gp=" HEX ( " m=" DEC " mp=" HEX | " m=nil" )
 * status  = REASON [ " (leaked)" ] [ " (scan)" ] [ " (durable)" ]     (strip_attributes)
 * suffix  = DEC " minutes" | "locked to thread" | "synctest group|bubble " DEC
 * labels  = "labels:{" ... "}"                                     (Go 1.26 tracebacklabels) */
const char *gs_gor_header_parse(const char *s, size_t n, struct gor_header *h)
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
		const char *l = labels_at(s + open, close - open);

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
	se = strip_attributes(s, p, q, &h->flags);
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
			uint64_t b = 0;

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

/* fileline = WS FILE ":" LINE [ " +0x" HEX ] [ " fp=" HEX " sp=" HEX " pc=" HEX | " pc=" HEX ]
 * FILE may hold spaces and colons (C:/...): the line number follows the last colon that
 * is followed by digits and then the end or a space. A line number past 32 bits is read
 * as 0 and returns 1 (never clamped or wrapped: the caller says so). */
int gs_gor_fileline_split(const char *s, size_t n, size_t *file, size_t *file_len,
                       uint32_t *line)
{
	size_t st = 0, end = n;
	uint64_t v = 0;

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

