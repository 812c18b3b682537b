/* skel.c - a body recognised by its fixed text. See skel.h.
 *
 * The nodes are an array (indices, not pointers: it grows). A node with one child names
 * it; a node with more has a run of kids in one pool, sorted by the bytes after the
 * children's common prefix (at most 8, within the shortest child): the text at hand gives
 * those bytes, and the kids with them are compared whole. A run is written anew when a
 * child comes (the old one stays unused in the pool until the skel starts afresh).
 * Compares go 16 bytes at a time.
 */
#include "memo/skel.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "scan.h"

/* then it starts afresh, as when its text is full */
#define SKEL_NODES_MAX ((size_t)1 << 17)
#define SKEL_KIDS_MAX ((size_t)1 << 18)

/* a[0..n) == b[0..n): 32 bytes a step, then the last 32 or 16 (overlapping) */
static inline int same(const char *a, const char *b, size_t n)
{
#ifdef __SSE2__
	if (n >= 16) {
		__m128i e;
		size_t i;

		for (i = 0; i + 32 < n; i += 32) {
			e = _mm_and_si128(
				_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(a + i)),
				               _mm_loadu_si128((const __m128i *)(const void *)(b + i))),
				_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(a + i + 16)),
				               _mm_loadu_si128((const __m128i *)(const void *)(b + i + 16))));
			if (_mm_movemask_epi8(e) != 0xffff)
				return 0;
		}
		e = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(a + n - 16)),
		                   _mm_loadu_si128((const __m128i *)(const void *)(b + n - 16)));
		if (n - i > 16)
			e = _mm_and_si128(e, _mm_cmpeq_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)(a + i)),
				_mm_loadu_si128((const __m128i *)(const void *)(b + i))));
		return _mm_movemask_epi8(e) == 0xffff;
	}
#endif
	if (n >= 8)
		return scan_load8(a) == scan_load8(b) && scan_load8(a + n - 8) == scan_load8(b + n - 8);
	return memcmp(a, b, n) == 0;
}

/* ARGS at p: the "\n" ending its line, before lim, with no "(" before it; NULL when none. */
static inline const char *args_end(const char *p, const char *lim)
{
#ifdef __SSE2__
	while (lim - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned nl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
		unsigned op = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')));

		if (nl) {
			unsigned at = (unsigned)__builtin_ctz(nl);

			return op & ((1u << at) - 1) ? NULL : p + at;
		}
		if (op)
			return NULL;
		p += 16;
	}
#endif
	for (; p < lim; p++) {
		if (*p == '\n')
			return p;
		if (*p == '(')
			return NULL;
	}
	return NULL;
}

/* The n <= 8 bytes at p, p + n <= lim, as a number. */
static inline uint64_t win(const char *p, size_t n, const char *lim)
{
	uint64_t v = 0;

	if (lim - p >= 8) {
		v = scan_load8(p);
		return n == 8 ? v : v & ((1ull << (8 * n)) - 1);
	}
	memcpy(&v, p, n);
	return v;
}

void gs_skel_init(struct gs_skel *k)
{
	memset(k, 0, sizeof(*k));
	gs_buf_init(&k->text, 0);
}

void gs_skel_release(struct gs_skel *k)
{
	free(k->nodes);
	free(k->kids);
	gs_buf_release(&k->text);
	gs_skel_init(k);
}

/* A child of node `at` whose segment is s[0..n), followed by next; 0 when none. */
static uint32_t child_of(const struct gs_skel *k, size_t at, const char *s, size_t n,
                         uint32_t next)
{
	const struct gs_skel_node *nd = &k->nodes[at];
	uint32_t i, ci;

	for (i = 0; i < nd->nchild; i++) {
		const struct gs_skel_node *c;

		ci = nd->nchild == 1 ? nd->child : k->kids[nd->child + i].node;
		c = &k->nodes[ci];
		if (c->seglen == n && c->next == next && same(s, k->text.data + c->seg, n))
			return ci;
	}
	return 0;
}

/* The child of node `at` whose segment the text at p starts with; 0 when none. */
static inline uint32_t child_at(const struct gs_skel *k, size_t at, const char *p,
                                const char *lim)
{
	const struct gs_skel_node *nd = &k->nodes[at], *c;
	const struct gs_skel_kid *run;
	uint32_t lo, hi, mid;
	uint64_t w;

	if (nd->nchild == 1) {
		c = &k->nodes[nd->child];
		return (size_t)(lim - p) >= c->seglen && same(p, k->text.data + c->seg, c->seglen) ?
		       nd->child : 0;
	}
	if (nd->nchild == 0 || (size_t)(lim - p) < (size_t)nd->crit + nd->win)
		return 0;
	w = win(p + nd->crit, nd->win, lim);
	run = k->kids + nd->child;
	if (nd->nchild <= 8) { /* the first kid with w or more: counted, without a branch */
		for (lo = 0, mid = 0; mid < nd->nchild; mid++)
			lo += run[mid].w < w;
	} else {
		for (lo = 0, hi = nd->nchild; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (run[mid].w < w)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	for (; lo < nd->nchild && run[lo].w == w; lo++) {
		c = &k->nodes[run[lo].node];
		if ((size_t)(lim - p) >= c->seglen && same(p, k->text.data + c->seg, c->seglen))
			return run[lo].node;
	}
	return 0;
}

const struct gs_skel_node *gs_skel_match(const struct gs_skel *k, struct gs_body *b,
                                         const char *s, const char *lim, size_t max_line)
{
	const struct gs_skel_node *c;
	const char *p = s, *e;
	size_t at = 0, i;
	uint32_t f = 0, ci;
	uint64_t v;

	if (k->nnodes == 0)
		return NULL;
	if ((size_t)(lim - s) > UINT32_MAX) /* offsets are 32 bits */
		lim = s + UINT32_MAX;
	b->parent_known = 0;
	for (;;) {
		ci = child_at(k, at, p, lim);
		if (ci == 0)
			return NULL;
		c = &k->nodes[ci];
		if (c->longest > max_line)
			return NULL;
		p += c->seglen;
		if (c->next == GS_SKEL_END)
			break;
		if (c->next == GS_SKEL_ARGS) {
			/* up to the ")" ending the line (the next segment starts with it) */
			e = args_end(p, lim);
			if (e == NULL || e == p || (e - 1 > p && (signed char)e[-2] < 0) ||
			    c->pre + (size_t)(e - p) > max_line || f == GS_BODY_MAX_FRAMES)
				return NULL;
			b->argoff[f] = (uint32_t)(p - 1 - s);
			b->arglen[f] = (uint32_t)(e - p + 1);
			f++;
			p = e - 1;
		} else {
			i = 0;
			if (scan_u64(p, (size_t)(lim - p), &i, &v) != 0 || c->pre + i > max_line)
				return NULL;
			b->parent_known = 1;
			b->parent = v;
			b->parent_off = (uint32_t)(p - s);
			p += i;
		}
		at = ci;
	}
	b->bytes = (size_t)(p - 1 - s);
	b->nlines = c->nlines;
	b->nframes = f;
	b->created = (int)c->created;
	return c;
}

/* ---- learning ---- */

static void forget(struct gs_skel *k)
{
	k->nnodes = 0;
	k->nkids = 0;
	gs_buf_reset(&k->text);
}

/* Room for a node and a run of `run` kids: 0, -1 without memory. */
static int room(struct gs_skel *k, size_t run)
{
	struct gs_skel_node *nn;
	struct gs_skel_kid *nk;
	size_t ncap;

	if (k->nnodes == k->node_cap) {
		ncap = k->node_cap ? k->node_cap * 2 : 256;
		nn = realloc(k->nodes, ncap * sizeof(*nn));
		if (nn == NULL)
			return -1;
		k->nodes = nn;
		k->node_cap = ncap;
	}
	if (k->nkids + run <= k->kid_cap)
		return 0;
	for (ncap = k->kid_cap ? k->kid_cap * 2 : 1024; k->nkids + run > ncap; ncap *= 2)
		;
	nk = realloc(k->kids, ncap * sizeof(*nk));
	if (nk == NULL)
		return -1;
	k->kids = nk;
	k->kid_cap = ncap;
	return 0;
}

/* ci, a new node, made a child of node `at` (room() made room for its run). */
static void link(struct gs_skel *k, size_t at, uint32_t ci)
{
	struct gs_skel_node *nd = &k->nodes[at];
	const struct gs_skel_node *c = &k->nodes[ci], *o;
	struct gs_skel_kid *run, t;
	uint32_t crit, minlen, i, j, n = nd->nchild;
	const char *x;

	if (n == 0) {
		nd->child = ci;
		nd->nchild = 1;
		return;
	}
	/* the common prefix with one of the others is the one with all of them */
	o = &k->nodes[n == 1 ? nd->child : k->kids[nd->child].node];
	for (crit = 0; crit < c->seglen && crit < o->seglen &&
	               k->text.data[c->seg + crit] == k->text.data[o->seg + crit]; crit++)
		;
	minlen = c->seglen < o->seglen ? c->seglen : o->seglen;
	if (n > 1) {
		crit = crit < nd->crit ? crit : nd->crit;
		minlen = minlen < nd->minlen ? minlen : nd->minlen;
	}
	run = k->kids + k->nkids;
	for (i = 0; i < n; i++)
		run[i].node = n == 1 ? nd->child : k->kids[nd->child + i].node;
	run[n].node = ci;
	nd->crit = crit;
	nd->minlen = minlen;
	nd->win = minlen - crit < 8 ? minlen - crit : 8;
	for (i = 0; i <= n; i++) {
		x = k->text.data + k->nodes[run[i].node].seg + crit;
		run[i].w = win(x, nd->win, x + nd->win);
	}
	for (i = 1; i <= n; i++) /* sorted by w (insertion: runs are short) */
		for (j = i; j > 0 && run[j - 1].w > run[j].w; j--) {
			t = run[j];
			run[j] = run[j - 1];
			run[j - 1] = t;
		}
	nd->child = (uint32_t)k->nkids;
	nd->nchild = n + 1;
	k->nkids += n + 1;
}

/* A new child of node `at`: the segment s[from..to) of the body at s, followed by next. 0
 * without memory. */
static uint32_t add_child(struct gs_skel *k, size_t at, const char *s, size_t from, size_t to,
                          uint32_t next, uint32_t longest, uint32_t pre)
{
	struct gs_skel_node *c;
	uint32_t ci;

	if (room(k, (size_t)k->nodes[at].nchild + 1) != 0 ||
	    gs_buf_add(&k->text, s + from, to - from) != 0)
		return 0;
	ci = (uint32_t)k->nnodes++;
	c = &k->nodes[ci];
	memset(c, 0, sizeof(*c));
	c->seg = (uint32_t)(k->text.len - (to - from));
	c->seglen = (uint32_t)(to - from);
	c->next = next;
	c->longest = longest;
	c->pre = pre;
	link(k, at, ci);
	return ci;
}

/* The longest of b's lines wholly inside [from, to), looked for from line *ln on (the one
 * holding from); *ln is then the line holding to, and *pre the bytes of it before to. */
static uint32_t lines_in(const struct gs_body *b, size_t from, size_t to, uint32_t *ln,
                         uint32_t *pre)
{
	uint32_t k, longest = 0;
	size_t st, nl;

	for (k = *ln; k < b->nlines && b->line_off[k] < to; k++) {
		st = b->line_off[k];
		nl = (k + 1 < b->nlines ? b->line_off[k + 1] : b->bytes) - 1; /* its "\n" */
		if (st >= from && nl < to && nl - st > longest)
			longest = (uint32_t)(nl - st);
	}
	*ln = k > 0 ? k - 1 : 0;
	*pre = (uint32_t)(to - b->line_off[*ln]);
	return longest;
}

int gs_skel_add(struct gs_skel *k, const struct gs_body *b, const char *s, uint32_t stack,
                uint32_t creator)
{
	size_t at = 0, from = 0, to, end = b->bytes + 1, d;
	uint32_t f, ci, next, ln = 0, longest, pre;
	struct gs_skel_node *c;

	if (b->nlines == 0 || end > UINT32_MAX || b->nframes > GS_BODY_MAX_FRAMES)
		return 0;
	if (k->text.len + end > GS_SKEL_TEXT_MAX || k->nnodes + 2 * b->nlines + 2 > SKEL_NODES_MAX ||
	    k->nkids > SKEL_KIDS_MAX)
		forget(k);
	if (k->nnodes == 0) {
		if (room(k, 0) != 0)
			return 0;
		memset(&k->nodes[0], 0, sizeof(k->nodes[0]));
		k->nnodes = 1;
	}
	/* the VARs in order: each frame's arguments inside "(" ")", then the parent's id */
	for (f = 0; f <= b->nframes; f++) {
		if (f < b->nframes) {
			to = b->argoff[f] + 1u;
			d = b->argoff[f] + b->arglen[f] - 1u;
			next = GS_SKEL_ARGS;
			if (b->arglen[f] < 2 || to < from || d > end)
				return 0;
		} else if (b->parent_known) {
			to = b->parent_off;
			for (d = to; d < end && scan_is_digit(s[d]); d++)
				;
			next = GS_SKEL_PARENT;
			if (to < from || d == to)
				return 0;
		} else {
			break;
		}
		longest = lines_in(b, from, to, &ln, &pre);
		ci = child_of(k, at, s + from, to - from, next);
		if (ci == 0 && (ci = add_child(k, at, s, from, to, next, longest, pre)) == 0)
			return 0;
		at = ci;
		from = d;
	}
	longest = lines_in(b, from, end, &ln, &pre);
	ci = child_of(k, at, s + from, end - from, GS_SKEL_END);
	if (ci == 0 && (ci = add_child(k, at, s, from, end, GS_SKEL_END, longest, 0)) == 0)
		return 0;
	c = &k->nodes[ci];
	c->stack = stack;
	c->creator = creator;
	c->nframes = b->nframes;
	c->nlines = b->nlines;
	c->created = b->created != 0;
	return 1;
}
