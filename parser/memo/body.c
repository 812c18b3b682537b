/* body.c - a goroutine's body read at once, and the stack memo. See body.h.
 *
 * One pass over the body's lines: their ends 64 bytes at a time (scan_nl_mask), each
 * line's shape by its first byte, its key part copied into b->key and hashed by its ends.
 * The memo's lookup compares the whole key with one memcmp: a hit is exact, never a hash's
 * guess.
 */
#include "memo/body.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "header.h"
#include "lines.h"
#include "scan.h"

/* what the next line of the body may be */
enum { WANT_FRAME, WANT_FILE, WANT_CFILE, WANT_END };

/* fileline = "\t" PLACE [ " +0x" HEX ]: the length without the offset */
static inline size_t place_len(const char *s, size_t n)
{
	size_t k = n;

	while (k > 4 && (scan_class(s[k - 1]) & SCAN_HEX))
		k--;
	if (k < n && k >= 5 && memcmp(s + k - 4, " +0x", 4) == 0)
		return k - 4;
	return n;
}

/* The last "(" of s[0..n), n >= 2, before its last byte: the function line's arguments
 * (gm_frame_line's memrchr). NULL when none. With SSE2 the 16 bytes before the ")" first:
 * arguments are short ("(0xc000012345)", "(...)"). */
static inline const char *args_open(const char *s, size_t n)
{
#ifdef __SSE2__
	if (n >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 17));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')));

		if (m)
			return s + n - 17 + (31 - __builtin_clz(m));
		return memrchr(s, '(', n - 17);
	}
#endif
	return memrchr(s, '(', n - 1);
}

/* created = "created by " NAME [ " in goroutine " DEC ]: the length without the parent, which
 * goes to b. -1: a parent past 64 bits (the long way warns). The " in goroutine " found is
 * the one the builder's search from the right finds (created_line): none can stand further
 * right, as the digits after it hold no blank. */
static long created_len(struct gs_body *b, const char *s, size_t n, size_t off)
{
	size_t d = n, k;
	uint64_t v;

	b->parent_known = 0;
	while (d > 0 && scan_is_digit(s[d - 1]))
		d--;
	if (d == n || d < 14 + 12 || memcmp(s + d - 14, " in goroutine ", 14) != 0)
		return (long)n;
	k = d;
	if (scan_u64(s, n, &k, &v) != 0)
		return -1;
	b->parent_known = 1;
	b->parent = v;
	b->parent_off = (uint32_t)(off + d);
	return (long)(d - 14);
}

/* A function line (or its key part) the grammar reads as one: not an elision ('.'),
 * ancestors ('['), "non-Go function" or a profile's header (no header's literal holds a "(",
 * so the key part, which ends at one, starts with a literal when the line does). */
static int func_line_ok(const char *p, size_t n)
{
	return n > 0 && p[0] != '.' && p[0] != '[' &&
	       !(p[0] == 'n' && STARTS(p, n, "non-Go function")) &&
	       gs_header_kind(p, n) == GS_KIND_UNKNOWN;
}

/* The hash of a key part: its last 8 bytes, where lines differ (a function's name, a file's
 * name and line), and its length. Parts equal there and different before meet in the
 * memo's compare: the hash only spreads the table. */
static inline uint64_t part_hash(uint64_t h, const char *s, size_t n)
{
	uint64_t tail = 0;

	if (n >= 8)
		memcpy(&tail, s + n - 8, 8);
	else
		memcpy(&tail, s, n);
	return (h ^ tail ^ n) * 0x9e3779b97f4a7c15ull;
}

/* The key being written, in locals: a store through b->key may alias any field of b. */
struct keyw {
	char *at, *end;
	uint64_t hash;
};

/* key part s[0..n) and its "\n". With SSE2 by 16-byte blocks when the last one reads
 * nothing past lim (it may write past n: key has room); else memcpy. */
static inline int key_put(struct keyw *k, const char *s, size_t n, const char *lim)
{
	size_t i;

	if (n + 1 > (size_t)(k->end - k->at))
		return -1;
	k->hash = part_hash(k->hash, s, n);
#ifdef __SSE2__
	if (n + 16 <= (size_t)(lim - s))
		for (i = 0; i < n; i += 16)
			_mm_storeu_si128((__m128i *)(void *)(k->at + i),
			                 _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
	else
#endif
		memcpy(k->at, s, n);
	(void)i;
	k->at[n] = '\n';
	k->at += n + 1;
	return 0;
}

/* gs_body_read (key: the key too, the function lines' own checks left to key_valid) and
 * gs_body_lines (no key; a function line checked here), compiled apart. */
static inline int body_read(struct gs_body *b, const char *s, const char *lim, size_t max_line,
                            const int key)
{
	const char *p = s, *blk = s, *nl, *open;
	struct keyw k = { b->key, b->key + GS_BODY_MAX_KEY, 0 };
	uint32_t nlines = 0, nframes = 0;
	uint64_t mask;
	int want = WANT_FRAME;
	long cn;
	size_t n;

	b->created = 0;
	b->parent_known = 0;
	if ((size_t)(lim - s) > UINT32_MAX) /* offsets are 32 bits */
		lim = s + UINT32_MAX;
	mask = scan_nl_mask(blk, lim);
	for (;; p = nl + 1) {
		while (mask == 0) {
			blk += 64;
			if (blk >= lim)
				return 0;
			mask = scan_nl_mask(blk, lim);
		}
		nl = blk + __builtin_ctzll(mask);
		mask &= mask - 1;
		n = (size_t)(nl - p);
		if (n == 0) /* the blank line: the body ends */
			break;
		if (n < 2 || n > max_line || nlines == GS_BODY_MAX_LINES)
			return 0;
		b->line_off[nlines++] = (uint32_t)(p - s);
		if (p[0] == '\t') {
			if (want != WANT_FILE && want != WANT_CFILE)
				return 0;
			if (!gs_lines_plain(p, n, nl + 1, lim) ||
			    (key && key_put(&k, p, place_len(p, n), lim) != 0))
				return 0;
			want = want == WANT_FILE ? WANT_FRAME : WANT_END;
			continue;
		}
		if (want != WANT_FRAME)
			return 0;
		if (p[0] == 'c' && STARTS(p, n, "created by ")) {
			/* clean_line's case: the short way hands it out before a tab-indented line */
			if (p[n - 1] == '\r' || nl + 1 >= lim || nl[1] != '\t')
				return 0;
			/* the parent for the skel's sake too; without a key one past 64 bits is
			 * none (its digits stay in the skel's text) */
			cn = created_len(b, p, n, (size_t)(p - s));
			if (key && (cn < 0 || key_put(&k, p, (size_t)cn, lim) != 0))
				return 0;
			b->created = 1;
			want = WANT_CFILE;
			continue;
		}
		/* a function line (with a key, what its key part says of it is key_valid's) */
		if (!gs_lines_plain(p, n, nl + 1, lim) || nframes == GS_BODY_MAX_FRAMES ||
		    (!key && !func_line_ok(p, n)))
			return 0;
		open = args_open(p, n);
		if (open == NULL || open == p ||
		    (key && key_put(&k, p, (size_t)(open - p) + 1, lim) != 0))
			return 0;
		b->argoff[nframes] = (uint32_t)(open - s);
		b->arglen[nframes] = (uint32_t)(nl - open);
		nframes++;
		want = WANT_FILE;
	}
	if (nlines == 0 || want == WANT_FILE || want == WANT_CFILE)
		return 0;
	b->hash = k.hash ^ k.hash >> 29;
	b->bytes = (size_t)(p - s);
	b->nlines = nlines;
	b->nframes = nframes;
	b->keylen = (size_t)(k.at - b->key);
	return 1;
}

int gs_body_read(struct gs_body *b, const char *s, const char *lim, size_t max_line)
{
	return body_read(b, s, lim, max_line, 1);
}

int gs_body_lines(struct gs_body *b, const char *s, const char *lim, size_t max_line)
{
	return body_read(b, s, lim, max_line, 0);
}

/* What gs_body_read leaves to the memo, since the key part of a line says it: a function
 * line is one the grammar reads as such (func_line_ok); a file line's PLACE ends in ":" and
 * a line number of 32 bits, after a FILE (gs_gor_fileline_split then finds that colon
 * first, whatever the frame cache holds). A key made of such lines is remembered; a key is
 * checked once, not each time it is read. */
static int key_valid(const char *k, size_t n)
{
	const char *p = k, *end = k + n, *nl;
	size_t len, d;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return 0;
		len = (size_t)(nl - p);
		if (len > 0 && p[0] == '\t') {
			for (d = len; d > 0 && scan_is_digit(p[d - 1]); d--)
				;
			if (d == len || d < 3 || p[d - 1] != ':' || len - d > 10 ||
			    (len - d == 10 && memcmp(p + d, "4294967295", 10) > 0))
				return 0;
		} else if (!STARTS(p, len, "created by ") && !func_line_ok(p, len)) {
			return 0;
		}
	}
	return 1;
}

/* ---- the memo: open addressing on the key's hash ---- */

void gs_memo_init(struct gs_memo *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
	gs_buf_init(&m->text, 0);
}

void gs_memo_release(struct gs_memo *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
	gs_buf_release(&m->text);
}

const struct gs_memo_entry *gs_memo_find(const struct gs_memo *m, const struct gs_body *b)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = (size_t)b->hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const struct gs_memo_entry *e = &m->slots[i];

		if (e->keylen == 0)
			return NULL;
		if (e->hash == b->hash && e->keylen == b->keylen &&
		    memcmp(m->text.data + e->key, b->key, b->keylen) == 0)
			return e;
	}
}

static void put(struct gs_memo_entry *slots, size_t cap, const struct gs_memo_entry *e)
{
	size_t i = (size_t)e->hash & (cap - 1);

	while (slots[i].keylen != 0)
		i = (i + 1) & (cap - 1);
	slots[i] = *e;
}

/* Room for one more entry at half load: 0, or -1 without memory (the memo stays). */
static int room(struct gs_memo *m)
{
	struct gs_memo_entry *ns;
	size_t ncap, i;

	if ((m->n + 1) * 2 <= m->cap)
		return 0;
	ncap = m->cap ? m->cap * 2 : 256;
	ns = calloc(ncap, sizeof(*ns));
	if (ns == NULL)
		return -1;
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].keylen != 0)
			put(ns, ncap, &m->slots[i]);
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
	return 0;
}

int gs_memo_add(struct gs_memo *m, const struct gs_body *b, uint32_t stack, uint32_t creator)
{
	struct gs_memo_entry e;

	if (b->keylen == 0 || b->keylen > UINT32_MAX || !key_valid(b->key, b->keylen))
		return 0;
	if (m->text.len + b->keylen > GS_MEMO_TEXT_MAX) {
		/* full: start afresh rather than grow */
		if (m->cap)
			memset(m->slots, 0, m->cap * sizeof(*m->slots));
		m->n = 0;
		gs_buf_reset(&m->text);
	}
	if (room(m) != 0)
		return 0;
	e.hash = b->hash;
	e.key = m->text.len;
	e.keylen = (uint32_t)b->keylen;
	e.stack = stack;
	e.creator = creator;
	e.nframes = b->nframes;
	if (gs_buf_add(&m->text, b->key, b->keylen) != 0)
		return 0;
	put(m->slots, m->cap, &e);
	m->n++;
	return 1;
}
