/* lines.c - the normalising line reader. See lines.h for the contract.
 *
 * Choices the header leaves open:
 *  - max_line 0 means LINES_DEFAULT_MAX (1 MiB, the parser's GS_MAX_LINE). The cap counts
 *    the bytes of the line without "\n" and without a final "\r". The carry buffer never holds
 *    more than max_line + 1 bytes (room for that "\r"); the rest of a cut line is skipped.
 *  - feed/finish return -1 when memory runs out; callbacks should stop with positive codes.
 *    After a non-zero return the reader is stopped: later feed/finish return the same code.
 *  - ANSI: one memchr for ESC over each fed chunk, then one more per line that has one. A plain
 *    chunk costs a single extra pass at memchr speed (it is in cache: the '\n' scan just read
 *    it), and a coloured log costs what it strips. This is exact, which a "first byte or first
 *    64 bytes" guess is not, and it is cheaper than a per-line memchr call on short lines.
 *    Only CSI sequences (ESC [ params intermediates final) are removed; a lone ESC stays.
 *  - Log prefix match: the line starts with the prefix's shape (same length; a digit where the
 *    prefix has a digit, the same byte elsewhere). Fallback, for RFC 3339 nano timestamps that
 *    drop trailing zeros (kubectl/CRI `2024-05-01T10:00:00.5Z stderr F `): a prefix that ends
 *    in a space matches a line whose first byte has the same class (digit or the same byte) and
 *    whose first K space-separated fields end with the prefix's last field, K being the
 *    prefix's field count. Lines matching neither pass through unchanged.
 *  - Indentation: the blanks before the header are stored as they are; a later line loses the
 *    longest common start with them, so an indent of spaces keeps a frame's own tab.
 *  - gs_lines_detected() names the most recently learned prefix, even after a column-0 header
 *    reset it, as the shape with digits shown as '0' and control bytes as \xNN.
 */
#include "lines.h"

#include "buf.h"
#include "header.h"
#include "scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define LINES_DEFAULT_MAX ((size_t)1 << 20)
#define PREFIX_MAX 128    /* leading text longer than this is not taken as a prefix */
#define DETECTED_MAX 256
#define ESC '\x1b'

enum prefix_mode { PREFIX_NONE, PREFIX_INDENT, PREFIX_LOG };

enum {
	SEEN_CRLF = 1u << 0,
	SEEN_BOM = 1u << 1,
	SEEN_FENCE = 1u << 2,
	SEEN_ANSI = 1u << 3,
	SEEN_INDENT = 1u << 4,
	SEEN_LOG = 1u << 5
};

struct gs_lines {
	gs_lines_fn fn;
	void *ctx;
	size_t max_line;
	uint64_t no;            /* number of the last line handed out or dropped */
	int stop;               /* sticky: the callback's code, or -1 for no memory */
	size_t unread;          /* bytes of the stopping feed after the line it stopped on */
	int skipping;           /* inside a cut line: drop bytes up to the next '\n' */
	struct gs_buf carry;       /* the partial last line of a chunk, <= max_line + 1 bytes */
	struct gs_buf work;        /* a line with its colour removed */
	enum prefix_mode mode;
	char prefix[PREFIX_MAX];
	size_t prefix_len;
	size_t prefix_fields;   /* log prefix ending in ' ': its space count, for the fallback */
	size_t last_field;      /* offset of its last field in prefix[] */
	unsigned seen;
	char detected[DETECTED_MAX];
};

/* What gs_lines_detected() shows; rebuilt only when something new fires (a few times a stream). */
static void detected_add(char *out, size_t *len, const char *s, size_t n)
{
	if (n > DETECTED_MAX - 1 - *len)
		n = DETECTED_MAX - 1 - *len;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

static void detected_sep(char *out, size_t *len)
{
	if (*len)
		detected_add(out, len, ", ", 2);
}

static void detected_prefix(struct gs_lines *r, size_t *len)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[PREFIX_MAX * 4 + 32];
	size_t t = 0, i;

	if (r->seen & SEEN_INDENT) {
		size_t n = r->prefix_len;

		memcpy(tmp, "indent ", 7);
		t = 7;
		do {    /* decimal, no printf: n is at most PREFIX_MAX */
			memmove(tmp + 8, tmp + 7, t - 7);
			tmp[7] = (char)('0' + n % 10);
			t++;
			n /= 10;
		} while (n);
	} else {
		memcpy(tmp, "log prefix '", 12);
		t = 12;
		for (i = 0; i < r->prefix_len; i++) {
			unsigned char c = (unsigned char)r->prefix[i];

			if (scan_is_digit((char)c)) {
				tmp[t++] = '0';
			} else if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
				tmp[t++] = '\\';
				tmp[t++] = 'x';
				tmp[t++] = hex[c >> 4];
				tmp[t++] = hex[c & 15];
			} else {
				tmp[t++] = (char)c;
			}
		}
		tmp[t++] = '\'';
	}
	detected_add(r->detected, len, tmp, t);
}

static void detected_update(struct gs_lines *r)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ SEEN_CRLF, "CRLF" }, { SEEN_BOM, "BOM" }, { SEEN_FENCE, "fences" }, { SEEN_ANSI, "ANSI" },
	};
	size_t len = 0, i;

	r->detected[0] = '\0';
	if (r->seen & (SEEN_INDENT | SEEN_LOG))
		detected_prefix(r, &len);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (r->seen & names[i].bit) {
			detected_sep(r->detected, &len);
			detected_add(r->detected, &len, names[i].name, strlen(names[i].name));
		}
	}
}

static void mark_seen(struct gs_lines *r, unsigned bit)
{
	if (!(r->seen & bit)) {
		r->seen |= bit;
		detected_update(r);
	}
}

/* Whether a dump header starts exactly at s: the grammar's recogniser (grammar.h). */
static int header_at(const char *s, size_t n)
{
	return gs_header_kind(s, n) != GS_KIND_UNKNOWN;
}

/* Whether a header starts at s[at], with at most PREFIX_MAX bytes of text before it. */
static long header_at_offset(const char *s, size_t n, size_t at)
{
	return at <= PREFIX_MAX && at < n && header_at(s + at, n - at) ? (long)at : -1;
}

/* Offset of a header after non-blank leading text, or -1. Every header has a telling end,
 * so the end picks the one keyword to look for, and a line that ends otherwise (a function
 * line's ")", a file line's "+0x1d", "created by ... in goroutine 1") costs a few compares:
 *   ... "goroutine " GOID ... ":"           search "goroutine "
 *   ... "--- mutex:" | "--- contention:"   fixed distance from the end
 *   ... "profile: total " DIGITS            fixed distance (goroutine / threadcreate)
 *   ... "@ heap/" DIGITS                    search "heap profile: " */
static long header_after_text(const char *s, size_t n)
{
	size_t e = n, d, at, limit;
	const char *word, *hit;
	size_t wlen;
	long h;

	e = scan_trim_end(s, e);
	if (e < 10)
		return -1;
	if (s[e - 1] == ':') {
		if (ENDS_WITH(s, e, "--- mutex:"))
			return header_at_offset(s, n, e - 10);
		if (ENDS_WITH(s, e, "--- contention:"))
			return header_at_offset(s, n, e - 15);
		word = "goroutine ";
	} else if (scan_is_digit(s[e - 1])) {
		for (d = e; d > 0 && scan_is_digit(s[d - 1]); d--)
			;
		if (ENDS_WITH(s, d, "profile: total ")) {
			h = d >= 25 ? header_at_offset(s, n, d - 25) : -1;
			return h >= 0 || d < 28 ? h : header_at_offset(s, n, d - 28);
		}
		if (!ENDS_WITH(s, d, "@ heap/"))
			return -1;
		word = "heap profile: ";
	} else {
		return -1;
	}
	wlen = strlen(word);
	limit = n < PREFIX_MAX + wlen ? n : PREFIX_MAX + wlen;
	for (at = 0; at < limit; at = (size_t)(hit - s) + 1) {
		hit = memmem(s + at, limit - at, word, wlen);
		if (hit == NULL)
			break;
		h = header_at_offset(s, n, (size_t)(hit - s));
		if (h >= 0)
			return h;
	}
	return -1;
}

/* Offset of the dump header in a line, or -1: at most one cheap look per line.
 * line -> BLANKS header     (indentation)
 *       | header            (column 0: no prefix)
 *       | TEXT header       (log prefix; see header_after_text for the cheap filter) */
static long find_header(const char *s, size_t n)
{
	size_t i = 0;

	if (n < sizeof("--- mutex:") - 1)
		return -1;
	if (scan_is_blank(s[0])) {
		while (i < n && i < PREFIX_MAX && scan_is_blank(s[i]))
			i++;
		return i < n && header_at(s + i, n - i) ? (long)i : -1;
	}
	if (header_at(s, n))
		return 0;
	return header_after_text(s, n);
}

static void learn_prefix(struct gs_lines *r, const char *s, size_t k)
{
	size_t i;
	int blank = 1;

	if (k == r->prefix_len && r->mode != PREFIX_NONE && memcmp(s, r->prefix, k) == 0)
		return;
	if (k == 0) {
		r->mode = PREFIX_NONE;
		return;
	}
	for (i = 0; i < k; i++)
		blank = blank && scan_is_blank(s[i]);
	memcpy(r->prefix, s, k);
	r->prefix_len = k;
	r->prefix_fields = 0;
	r->last_field = 0;
	if (!blank && s[k - 1] == ' ') {
		for (i = 0; i + 1 < k; i++) {
			if (s[i] == ' ') {
				r->prefix_fields++;
				r->last_field = i + 1;
			}
		}
		r->prefix_fields++;   /* the trailing space */
	}
	r->mode = blank ? PREFIX_INDENT : PREFIX_LOG;
	r->seen &= ~(unsigned)(SEEN_INDENT | SEEN_LOG);
	r->seen |= blank ? SEEN_INDENT : SEEN_LOG;
	detected_update(r);
}

/* Whether s has the shape of the prefix p: a digit for a digit, the same byte elsewhere.
 * Eight bytes at a time: consecutive log lines mostly differ only in a few clock digits. */
static int same_shape(const char *s, const char *p, size_t k)
{
	size_t i = 0, j;

	for (; i < k; i += 8) {
		uint64_t a, b;
		size_t m = k - i < 8 ? k - i : 8;

		if (m == 8) {
			memcpy(&a, s + i, 8);
			memcpy(&b, p + i, 8);
			if (a == b)
				continue;
		}
		for (j = i; j < i + m; j++) {
			if (s[j] != p[j] && !(scan_is_digit(p[j]) && scan_is_digit(s[j])))
				return 0;
		}
	}
	return 1;
}

/* log_line -> PREFIX_SHAPE rest | FIELD{K-1 spaces} LAST_FIELD " " rest   (see the top)
 * How many bytes of the prefix this line starts with, 0 when it does not match. */
static size_t log_prefix_match(const struct gs_lines *r, const char *s, size_t n)
{
	const char *p = r->prefix;
	size_t k = r->prefix_len, i, spaces = 0, field = 0, limit;

	if (n >= k && same_shape(s, p, k))
		return k;
	if (r->prefix_fields < 2 || n == 0 || (scan_is_digit(p[0]) ? !scan_is_digit(s[0]) : s[0] != p[0]))
		return 0;
	limit = n < 2 * k + 16 ? n : 2 * k + 16;
	for (i = 0; i < limit; i++) {
		if (s[i] != ' ')
			continue;
		if (++spaces == r->prefix_fields) {
			size_t flen = k - 1 - r->last_field;

			if (i - field == flen && memcmp(s + field, p + r->last_field, flen) == 0)
				return i + 1;
			return 0;
		}
		field = i + 1;
	}
	return 0;
}

/* How many leading bytes of the line are the learned prefix; also re-learns it when the line
 * holds a header behind a different one. */
static size_t strip_prefix(struct gs_lines *r, const char *s, size_t n)
{
	long h;
	size_t k;

	if (r->mode == PREFIX_LOG) {
		k = log_prefix_match(r, s, n);
		if (k)
			return k;
	}
	h = find_header(s, n);
	if (h >= 0)
		learn_prefix(r, s, (size_t)h);
	switch (r->mode) {
	case PREFIX_INDENT:
		for (k = 0; k < n && k < r->prefix_len && s[k] == r->prefix[k]; k++)
			;
		return k;
	case PREFIX_LOG:
		return h >= 0 ? (size_t)h : 0;
	default:
		return 0;
	}
}

/* fence -> BLANKS? ( "```" "`"* INFO_WITHOUT_BACKTICK | "~~~" "~"* ANY ) */
static int is_fence(const char *s, size_t n)
{
	size_t i = 0, run;
	char c;

	while (i < n && scan_is_blank(s[i]))
		i++;
	if (i == n || (s[i] != '`' && s[i] != '~'))
		return 0;
	c = s[i];
	for (run = 0; i < n && s[i] == c; i++)
		run++;
	if (run < 3)
		return 0;
	return c == '~' || memchr(s + i, '`', n - i) == NULL;
}

/* csi -> ESC "[" [0x30-0x3f]* [0x20-0x2f]* [0x40-0x7e]
 * Copies the line without its CSI sequences into r->work. */
static int strip_ansi(struct gs_lines *r, const char **s, size_t *n)
{
	const char *p = *s, *end = *s + *n;
	char *out;

	gs_buf_reset(&r->work);
	if (gs_buf_grow(&r->work, *n) != 0)
		return -1;
	out = r->work.data;
	while (p < end) {
		const char *e = memchr(p, ESC, (size_t)(end - p));
		size_t run = e ? (size_t)(e - p) : (size_t)(end - p);

		memcpy(out, p, run);
		out += run;
		p += run;
		if (p == end)
			break;
		if (p + 1 == end || p[1] != '[') {
			*out++ = *p++;
			continue;
		}
		p += 2;
		while (p < end && *p >= 0x30 && *p <= 0x3f)
			p++;
		while (p < end && *p >= 0x20 && *p <= 0x2f)
			p++;
		if (p < end && *p >= 0x40 && *p <= 0x7e)
			p++;
	}
	r->work.len = (size_t)(out - r->work.data);
	r->work.data[r->work.len] = '\0';
	*s = r->work.data;
	*n = r->work.len;
	mark_seen(r, SEEN_ANSI);
	return 0;
}

/* line -> BOM? PREFIX? TEXT "\r"?   (BOM on line 1 only; "\n" already gone)
 * Normalises one line and hands it out unless it is a fence. has_esc: the line holds an ESC.
 * A line flagged GS_LINE_CUT on entry keeps its last byte even when it is "\r": it went on. */
/* The lines a clean dump is made of: a frame's file line ("\t/path/x.go:12 +0x1d"), a
 * function line ("main.f(0x1, ...)") and the "#" lines of a debug=1 profile. Neither can be a header, a fence or carry a
 * learned prefix, so with no prefix in force they go out untouched. A tab-indented paste
 * ("\tgoroutine 1 [running]:", "\t\t/path...") and anything starting with g, t, h, -
 * (headers) or a fence byte take the full path. */
static int plain_line(const char *s, size_t n)
{
	if (s[0] == '#') /* a debug=1 frame, label or MemStats line */
		return 1;
	if (s[0] == '\t')
		return !scan_is_blank(s[1]) && s[1] != 'g' && s[1] != '`' && s[1] != '~';
	return s[n - 1] == ')' && !scan_is_blank(s[0]) && s[0] != 'g' && s[0] != 't' &&
	       s[0] != 'h' && s[0] != '-' && s[0] != '`' && s[0] != '~';
}

/* The next line needs no normalisation: no prefix in force, no colour, not the first line
 * (BOM), no "\r", not cut, and a plain_line. */
static inline int fast_line(const struct gs_lines *r, const char *s, size_t n, int has_esc)
{
	return r->mode == PREFIX_NONE && !has_esc && r->no >= 1 && n >= 2 && n <= r->max_line &&
	       s[n - 1] != '\r' && plain_line(s, n);
}

static inline int hand_out(struct gs_lines *r, const char *s, size_t n)
{
	struct gs_line l;

	l.text = s;
	l.len = n;
	l.no = ++r->no;
	l.flags = 0;
	return r->fn(r->ctx, &l);
}

static int emit(struct gs_lines *r, const char *s, size_t n, unsigned flags, int has_esc)
{
	struct gs_line l;

	if (flags == 0 && fast_line(r, s, n, has_esc))
		return hand_out(r, s, n);
	r->no++;
	/* A line that will be cut ends in its last kept byte, not in "\r": a chunked read
	 * never sees the "\r" of a line longer than max_line + 1 (it arrives cut), so a whole
	 * read must not see it either, or the two would report CRLF differently. */
	if (!(flags & GS_LINE_CUT) && n && n <= r->max_line + 1 && s[n - 1] == '\r') {
		n--;
		if (!(r->seen & SEEN_CRLF))
			mark_seen(r, SEEN_CRLF);
	}
	if (n > r->max_line) {
		n = r->max_line;
		flags |= GS_LINE_CUT;
		/* the colour may have been in the part cut off (a chunked read never sees it) */
		has_esc = has_esc && memchr(s, ESC, n) != NULL;
	}
	if (r->no == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
		mark_seen(r, SEEN_BOM);
	}
	if (has_esc && strip_ansi(r, &s, &n) != 0)
		return -1;
	if (n) {
		size_t k = strip_prefix(r, s, n);

		s += k;
		n -= k;
	}
	if (n >= 3 && (s[0] == '`' || s[0] == '~' || scan_is_blank(s[0])) && is_fence(s, n)) {
		if (!(r->seen & SEEN_FENCE))
			mark_seen(r, SEEN_FENCE);
		return 0;
	}
	l.text = s;
	l.len = n;
	l.no = r->no;
	l.flags = flags;
	return r->fn(r->ctx, &l);
}

struct gs_lines *gs_lines_new(size_t max_line, gs_lines_fn fn, void *ctx)
{
	struct gs_lines *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	if (max_line == 0)
		max_line = LINES_DEFAULT_MAX;
	if (max_line > SIZE_MAX / 2)
		max_line = SIZE_MAX / 2;
	r->fn = fn;
	r->ctx = ctx;
	r->max_line = max_line;
	gs_buf_init(&r->carry, max_line + 1);
	gs_buf_init(&r->work, max_line);
	r->mode = PREFIX_NONE;
	return r;
}

static int stopped(struct gs_lines *r, int rc)
{
	r->stop = rc;
	return rc;
}

/* The partial line from the last feed, continued by this chunk. Returns the bytes used. */
static int continue_carry(struct gs_lines *r, const char *data, size_t len, size_t *used)
{
	const char *nl = memchr(data, '\n', len);
	size_t take = nl ? (size_t)(nl - data) : len;
	size_t room = r->max_line + 1 - r->carry.len;
	int rc;

	*used = nl ? take + 1 : len;
	if (take > room) {
		/* Too long: hand out what fits now, drop the rest of the line as it arrives. */
		if (gs_buf_add(&r->carry, data, room) != 0)
			return -1;
		rc = emit(r, r->carry.data, r->carry.len, GS_LINE_CUT,
		          memchr(r->carry.data, ESC, r->carry.len) != NULL);
		gs_buf_reset(&r->carry);
		r->skipping = nl == NULL;
		return rc;
	}
	if (gs_buf_add(&r->carry, data, take) != 0)
		return -1;
	if (nl == NULL)
		return 0;
	rc = emit(r, r->carry.data, r->carry.len, 0, memchr(r->carry.data, ESC, r->carry.len) != NULL);
	gs_buf_reset(&r->carry);
	return rc;
}

/* The newlines of a chunk in order. With SSE2, 64 bytes at a time into a bit mask, one
 * bit a newline: a dump's lines are ~40 bytes, and a memchr call per line cost more than
 * the search (callgrind: 29 instructions a line in memchr alone). Elsewhere, memchr. */
struct nl_scan {
	const char *block, *end;
	uint64_t mask;           /* newlines of [block, block + 64) not handed out yet */
};

#ifdef __SSE2__
static inline uint64_t nl_mask(const char *b, const char *end)
{
	uint64_t m = 0;
	size_t i;

	if (end - b >= 64) {
		const __m128i nl = _mm_set1_epi8('\n');

		for (i = 0; i < 4; i++) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * i));

			m |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) << (16 * i);
		}
		return m;
	}
	for (i = 0; b + i < end; i++) /* the chunk's last bytes, once a chunk */
		m |= (uint64_t)(b[i] == '\n') << i;
	return m;
}

static inline void nl_start(struct nl_scan *s, const char *p, const char *end)
{
	s->block = p;
	s->end = end;
	s->mask = nl_mask(p, end);
}

static inline const char *nl_next(struct nl_scan *s)
{
	const char *at;

	while (s->mask == 0) {
		s->block += 64;
		if (s->block >= s->end)
			return NULL;
		s->mask = nl_mask(s->block, s->end);
	}
	at = s->block + __builtin_ctzll(s->mask);
	s->mask &= s->mask - 1;
	return at;
}
#else
static inline void nl_start(struct nl_scan *s, const char *p, const char *end)
{
	s->block = p;
	s->end = end;
}

static inline const char *nl_next(struct nl_scan *s)
{
	const char *nl = memchr(s->block, '\n', (size_t)(s->end - s->block));

	if (nl)
		s->block = nl + 1;
	return nl;
}
#endif

/* chunk -> REST_OF_CUT_LINE? REST_OF_CARRIED_LINE? (LINE "\n")* PARTIAL_LINE? */
int gs_lines_feed(struct gs_lines *r, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl, *esc;
	struct nl_scan scan;
	size_t used;
	int rc;

	if (r->stop)
		return r->stop;
	if (len == 0)
		return 0;
	if (r->skipping) {
		nl = memchr(p, '\n', len);
		if (nl == NULL)
			return 0;
		r->skipping = 0;
		p = nl + 1;
	}
	if (r->carry.len && p < end) {
		rc = continue_carry(r, p, (size_t)(end - p), &used);
		if (rc) {
			r->unread = (size_t)(end - p) - used;
			return stopped(r, rc);
		}
		p += used;
	}
	if (r->skipping || p == end)
		return 0;
	esc = memchr(p, ESC, (size_t)(end - p));
	nl_start(&scan, p, end);
	while ((nl = nl_next(&scan)) != NULL) {
		int has_esc = esc != NULL && esc < nl;
		size_t n = (size_t)(nl - p);

		/* emit's first case without the call: most lines of a dump */
		rc = fast_line(r, p, n, has_esc) ? hand_out(r, p, n) : emit(r, p, n, 0, has_esc);
		if (rc) {
			r->unread = (size_t)(end - nl) - 1;
			return stopped(r, rc);
		}
		p = nl + 1;
		if (has_esc)
			esc = memchr(p, ESC, (size_t)(end - p));
	}
	if (p == end)
		return 0;
	if ((size_t)(end - p) > r->max_line + 1) {
		rc = emit(r, p, (size_t)(end - p), GS_LINE_CUT, esc != NULL);
		r->skipping = 1;
		return rc ? stopped(r, rc) : 0;
	}
	if (gs_buf_add(&r->carry, p, (size_t)(end - p)) != 0) {
		r->unread = (size_t)(end - p);
		return stopped(r, -1);
	}
	return 0;
}

int gs_lines_finish(struct gs_lines *r)
{
	int rc;

	if (r->stop)
		return r->stop;
	r->skipping = 0;
	if (r->carry.len == 0)
		return 0;
	rc = emit(r, r->carry.data, r->carry.len, 0, memchr(r->carry.data, ESC, r->carry.len) != NULL);
	gs_buf_reset(&r->carry);
	return rc ? stopped(r, rc) : 0;
}

void gs_lines_free(struct gs_lines *r)
{
	if (r == NULL)
		return;
	gs_buf_release(&r->carry);
	gs_buf_release(&r->work);
	free(r);
}

size_t gs_lines_unread(const struct gs_lines *r)
{
	return r->unread;
}

const char *gs_lines_detected(const struct gs_lines *r)
{
	return r->detected;
}

int gs_lines_at_line_start(const struct gs_lines *r)
{
	return r->stop == 0 && r->carry.len == 0 && !r->skipping && r->mode == PREFIX_NONE;
}

void gs_lines_take(struct gs_lines *r, struct gs_lines *rest, uint64_t off)
{
	const unsigned prefix = SEEN_INDENT | SEEN_LOG;
	struct gs_lines old = *r;

	*r = *rest;
	*rest = old;
	r->fn = old.fn;
	r->ctx = old.ctx;
	rest->fn = NULL;
	rest->ctx = NULL;
	r->no += off;
	/* the prefix named is the one learned last: rest's, else the one before it */
	if ((r->seen & prefix) == 0 && (old.seen & prefix) != 0) {
		memcpy(r->prefix, old.prefix, old.prefix_len);
		r->prefix_len = old.prefix_len;
		r->prefix_fields = old.prefix_fields;
		r->last_field = old.last_field;
		r->seen |= old.seen & prefix;
	}
	r->seen |= old.seen & ~prefix;
	detected_update(r);
}
