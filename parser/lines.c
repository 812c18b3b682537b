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
 *  - Re-typed characters are all outside ASCII. The short way takes no line they would
 *    change: a function line whose arguments end in one ("(…)"), a header with labels
 *    (curly quotes) and anything indented by one (U+00A0) take the long way, which ORs the
 *    line's bytes for a high bit before it asks paste_retype. So a clean dump pays nothing.
 *  - Log prefix match: the line starts with the prefix's shape (same length; a digit where the
 *    prefix has a digit, the same byte elsewhere). Then the same with digit runs of any length
 *    (`kubectl logs --timestamps` prints RFC 3339 nano times without trailing zeros, journald a
 *    pid of any width); a line that ends where only the prefix's last blank is left is the
 *    prefix of an empty line whose blank a copy trimmed. Fallback, for a prefix that ends in a
 *    space (`2024-05-01T10:00:00.5Z stderr F `): a line whose first byte has the same class
 *    (digit or the same byte) and whose first K space-separated fields end with the prefix's
 *    last field, K being the prefix's field count. Lines matching none pass through unchanged.
 *  - Indentation: the blanks before the header are stored as they are; a later line loses the
 *    longest common start with them, so an indent of spaces keeps a frame's own tab.
 *  - gs_lines_detected() names the most recently learned prefix, even after a column-0 header
 *    reset it, as the shape with digits shown as '0' and control bytes as \xNN.
 *  - Wraps: a line is held back while the next may go on with it (paste.h says which lines a
 *    wrap cut and which piece continues one). On the short way only a tab-indented line is
 *    held, as a pointer into the chunk (copied when the chunk ends): what the short way hands
 *    out next (a function line, a tab-indented line, a '#' line) never continues a file line,
 *    so it is handed out at once; anything else takes the long way, which asks paste_join.
 *    A blank line is never held, so a reader that stops at one holds nothing.
 *    The 40 columns a wrap's edge needs (paste_wrap_edge) are measured on the line as it
 *    came, log prefix and all: the terminal wrapped that.
 *  - Structured log entries: a line starting with "{" is asked for its text (paste.h) until
 *    one holds a dump header; from then on every entry is read as its text's lines. An entry
 *    of Docker's "log" that does not end in "\n" goes on in the next one (the driver splits
 *    lines longer than 16 KiB), up to max_line.
 */
#include "lines.h"

#include "buf.h"
#include "header.h"
#include "paste.h"
#include "reversed.h"
#include "scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	SEEN_LOG = 1u << 5,
	SEEN_JSON = 1u << 6,
	SEEN_RETYPED = 1u << 7,
	SEEN_WRAP = 1u << 8,
	SEEN_REVERSED = 1u << 9
};

/* the line held back (see the top) */
enum { HELD_NONE, HELD_PLAIN, HELD_COPY };

/* Why a plain line takes the long way (fast_line): each set and cleared where it changes. */
enum {
	SLOW_FIRST = 1u << 0,   /* the first line: it may begin with a BOM */
	SLOW_PREFIX = 1u << 1,  /* a prefix is in force */
	SLOW_JSON = 1u << 2,    /* log entries are read */
	SLOW_ORDER = 1u << 3,   /* the dump's order is not known to be Go's (reversed.h) */
	SLOW_OPEN = 1u << 4     /* the held line is the start of one: the next may go on with it */
};


struct gs_lines {
	gs_lines_fn fn;
	void *ctx;
	gs_lines_body_fn body;  /* NULL: no bodies at once */
	size_t max_line;
	uint64_t no;            /* number of the last input line read (handed out, held, dropped) */
	int stop;               /* sticky: the callback's code, or -1 for no memory */
	size_t unread;          /* bytes of the stopping feed after the line it stopped on */
	int skipping;           /* inside a cut line: drop bytes up to the next '\n' */
	unsigned slow;          /* SLOW_*: why a plain line takes the long way; 0: the short way */
	struct gs_buf carry;       /* the partial last line of a chunk, <= max_line + 1 bytes */
	struct gs_buf work;        /* a line with its colour removed */
	struct gs_buf ascii;       /* a line with its re-typed characters read as ASCII */
	enum prefix_mode mode;
	char prefix[PREFIX_MAX];
	size_t prefix_len;
	size_t prefix_fields;   /* log prefix ending in ' ': its space count, for the fallback */
	size_t last_field;      /* offset of its last field in prefix[] */
	unsigned seen;
	char detected[DETECTED_MAX];
	/* the line held back: a wrap may have cut it */
	int held;               /* HELD_NONE, HELD_PLAIN (a pointer into the chunk), HELD_COPY */
	const char *held_s;
	size_t held_n;
	uint64_t held_no, held_last;
	unsigned held_flags;
	int held_shape;         /* enum paste_shape, or -1 not asked yet (HELD_PLAIN) */
	int held_whole;         /* ... all of such a line */
	int held_edge;          /* its last piece came as a wrap leaves it (at_edge), -1 not asked */
	size_t held_cols;       /* ... its columns then */
	size_t held_pre;        /* ... the columns stripped before it, when asked later */
	int held_text;          /* ... text before the first header: a prefix, a header cut */
	int held_empty;         /* ... a log prefix alone: its text wrapped to the next line */
	int prefixed;           /* the line being delivered had the log prefix stripped */
	size_t wrap_cols;       /* the columns of a wrap that cut a line in the middle, 0 unknown */
	struct gs_buf hold, join;
	/* structured log entries */
	int json;               /* entries are read as their text */
	struct gs_buf jtext;    /* an entry's text */
	struct gs_buf jpart;    /* a "log" line the next entry goes on with */
	struct lines_rev rev;   /* the order of the dump: the stage after these */
	int peek;               /* the first byte of the line after the one read, -1 unknown */
};

static inline void slow_if(struct gs_lines *r, unsigned why, int on)
{
	r->slow = on ? r->slow | why : r->slow & ~why;
}
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
		{ SEEN_JSON, "JSON log entries" }, { SEEN_RETYPED, "re-typed characters" },
		{ SEEN_WRAP, "wrapped lines" }, { SEEN_REVERSED, "newest line first" },
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
		slow_if(r, SLOW_PREFIX, 0);
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
	slow_if(r, SLOW_PREFIX, 1);
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

/* Whether s starts with the prefix p's shape, digit runs of any length: the bytes of s it
 * spans; n when s ends where only p's last blank is left (an empty line, trimmed); 0 when
 * it does not. */
static size_t run_shape(const char *s, size_t n, const char *p, size_t k)
{
	size_t i = 0, j = 0;

	while (j < k) {
		if (i == n)
			return j + 1 == k && scan_is_blank(p[j]) ? n : 0;
		if (scan_is_digit(p[j])) {
			if (!scan_is_digit(s[i]))
				return 0;
			while (j < k && scan_is_digit(p[j]))
				j++;
			while (i < n && scan_is_digit(s[i]))
				i++;
		} else if (s[i++] != p[j++]) {
			return 0;
		}
	}
	return i;
}

/* log_line -> PREFIX_SHAPE rest | PREFIX_RUNS rest | PREFIX_RUNS_TRIMMED
 *           | FIELD{K-1 spaces} LAST_FIELD " " rest   (see the top)
 * How many bytes of the prefix this line starts with, 0 when it does not match. */
static size_t log_prefix_match(const struct gs_lines *r, const char *s, size_t n)
{
	const char *p = r->prefix;
	size_t k = r->prefix_len, i, spaces = 0, field = 0, limit;

	if (n >= k && same_shape(s, p, k))
		return k;
	i = run_shape(s, n, p, k);
	if (i)
		return i;
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
 * holds a header behind a different one. *header: 1 when a dump header follows the prefix,
 * 0 when none does, -1 when not looked for (the log prefix matched). */
static size_t strip_prefix(struct gs_lines *r, const char *s, size_t n, int *header)
{
	long h;
	size_t k;

	*header = -1;
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
		break;
	case PREFIX_LOG:
		k = h >= 0 ? (size_t)h : 0;
		break;
	default:
		k = 0;
		break;
	}
	*header = h >= 0 && (size_t)h == k;
	return k;
}

/* The prefix in force at the start of a line read before it was learned (reversed.h). */
static size_t prefix_at(void *ctx, const char *s, size_t n)
{
	const struct gs_lines *r = ctx;
	size_t k;

	switch (r->mode) {
	case PREFIX_INDENT:
		for (k = 0; k < n && k < r->prefix_len && s[k] == r->prefix[k]; k++)
			;
		return k;
	case PREFIX_LOG:
		return log_prefix_match(r, s, n);
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

/* The held line's shape, -1 when not asked yet (then what the short way hands out next never
 * goes on with it, see the top). */
static inline void held_shape_set(struct gs_lines *r, int shape, int whole)
{
	r->held_shape = shape;
	r->held_whole = whole;
	slow_if(r, SLOW_OPEN, shape > 0 && !whole);
}

/* The next line needs no normalisation: nothing in force (fast: no SLOW_* reason), no colour
 * (special: the line may hold ESC), not cut, and a plain line (gs_lines_plain; next: as there). */
static inline int fast_line(int fast, const char *s, size_t n, size_t max, int special,
                            const char *next, const char *end)
{
	return fast && !special && n >= 2 && n <= max && gs_lines_plain(s, n, next, end);
}

/* The other lines of a clean dump the short way may hand out, when fast_line holds but for
 * gs_lines_plain: a blank line; a goroutine's header at column 0 that ends in "]:" with no
 * labels (labels after the bracket, or inside it as Go 1.27 prints them, "...}]:", take the
 * long way: an editor may have curled their quotes; the prefix it would teach is none: none
 * is in force); "created by" with a tab-indented line after it (next, end: that line, as
 * gs_lines_plain's), which no wrap's piece is. deliver would hand them out as they are, the line
 * held before them first. */
static inline int clean_line(const char *s, size_t n, const char *next, const char *end)
{
	size_t e;

	if (n == 0)
		return 1;
	if (s[n - 1] == '\r')
		return 0;
	if (s[0] == 'c')
		return next < end && *next == '\t' && STARTS(s, n, "created by ");
	if (s[0] != 'g' || gs_header_kind(s, n) != GS_KIND_GOROUTINE)
		return 0;
	e = scan_trim_end(s, n);
	return s[e - 1] == ':' && s[e - 2] == ']' && s[e - 3] != '}';
}

/* A line goes on to the last stage, the dump's order (reversed.h). */
static inline int to_order(struct gs_lines *r, const char *s, size_t n, uint64_t no, uint64_t last,
                    unsigned flags)
{
	struct gs_line l;
	int rc;

	l.text = s;
	l.len = n;
	l.no = no;
	l.last = last;
	l.flags = flags;
	if (rev_steps_aside(&r->rev))
		return r->fn(r->ctx, &l);
	rc = rev_line(&r->rev, &l, prefix_at, r, r->fn, r->ctx);
	if (r->rev.said && !(r->seen & SEEN_REVERSED))
		mark_seen(r, SEEN_REVERSED);
	slow_if(r, SLOW_ORDER, !rev_steps_aside(&r->rev));
	return rc;
}

/* ---- the line held back: a wrap may have cut it (paste.h) ---- */

/* Whether a line as it came, cols wide, is as wide as a wrap: the wrap seen before, else
 * PASTE_WRAP_MIN columns or more (at_edge without the blank at its end). */
static int at_width(const struct gs_lines *r, size_t cols)
{
	if (r->wrap_cols)
		return cols <= r->wrap_cols && cols + 8 > r->wrap_cols;
	return cols >= PASTE_WRAP_MIN;
}

/* Whether a line as it came (raw, after col columns of a prefix stripped from it) ends where
 * a wrap cuts: at a blank (a wrap at a word), else as wide as the wrap seen before (less
 * than a tab narrower, where a tab did not fit), else PASTE_WRAP_MIN columns or more. */
static int at_edge(struct gs_lines *r, const char *raw, size_t rawn, size_t col, size_t *cols)
{
	*cols = paste_columns(raw, rawn, col);
	if (rawn > 0 && scan_is_blank(raw[rawn - 1])) {
		*cols = 0; /* no width to learn from a wrap at a word */
		return 1;
	}
	return at_width(r, *cols);
}

/* The chunk the held line points into ends: it is copied. */
static int keep_held(struct gs_lines *r)
{
	if (r->held != HELD_PLAIN)
		return 0;
	gs_buf_reset(&r->hold);
	if (gs_buf_add(&r->hold, r->held_s, r->held_n) != 0)
		return -1;
	r->held = HELD_COPY;
	r->held_s = r->hold.data;
	return 0;
}

static int hold_copy(struct gs_lines *r, const char *s, size_t n, uint64_t no, unsigned flags,
                     enum paste_shape shape, int whole)
{
	gs_buf_reset(&r->hold);
	if (gs_buf_add(&r->hold, s, n) != 0)
		return -1;
	r->held = HELD_COPY;
	r->held_s = r->hold.data;
	r->held_n = n;
	r->held_no = no;
	r->held_last = no;
	r->held_flags = flags;
	held_shape_set(r, (int)shape, whole);
	r->held_edge = -1;
	r->held_text = 0;
	r->held_empty = 0;
	return 0;
}

/* The held line goes out. */
static inline int release(struct gs_lines *r)
{
	struct gs_line l;

	l.text = r->held_s;
	l.len = r->held_n;
	l.no = r->held_no;
	l.last = r->held_last;
	l.flags = r->held_flags | (l.last != l.no ? GS_LINE_JOINED : 0);
	r->held = HELD_NONE;
	r->held_text = 0;
	r->held_empty = 0;
	r->slow &= ~(unsigned)SLOW_OPEN;
	if (rev_steps_aside(&r->rev))
		return r->fn(r->ctx, &l);
	return to_order(r, l.text, l.len, l.no, l.last, l.flags);
}

/* text + piece: a goroutine header a wrap cut, behind a log prefix not learned yet (it is
 * learned from a whole header): 0 with the two joined in r->join when together they hold
 * the header or still its start ("goroutine N [" or " gp="), -1 when they do not, -2 when
 * memory ran out. */
static int text_join(struct gs_lines *r, const char *s, size_t n)
{
	const char *g;

	if (paste_known(s, n))
		return -1;
	gs_buf_reset(&r->join);
	if (gs_buf_add(&r->join, r->held_s, r->held_n) != 0 || gs_buf_add(&r->join, s, n) != 0)
		return -2;
	if (find_header(r->join.data, r->join.len) >= 0)
		return 0;
	g = memmem(r->join.data, r->join.len, "goroutine ", 10);
	return g && g + 10 < r->join.data + r->join.len && scan_is_digit(g[10]) ? 0 : -1;
}

/* held_line + line -> one line, when a wrap cut it there (paste_join): 0 when joined, 1 when
 * not, -1 when memory ran out. raw: the line as it came, for its width. */
static int join(struct gs_lines *r, const char *s, size_t n, uint64_t no, unsigned flags,
                const char *raw, size_t rawn)
{
	struct gs_buf t;
	int rc;

	if (r->held_shape < 0) {
		/* held the short way: the line as it came */
		int whole;
		enum paste_shape shape = paste_shape(r->held_s, r->held_n, &whole);

		held_shape_set(r, (int)shape, whole);
	}
	if (r->held_edge < 0)
		r->held_edge = at_edge(r, r->held_s, r->held_n, r->held_pre, &r->held_cols);
	if (!r->held_edge || r->held_n + n + 1 > r->max_line)
		return 1;
	/* no wrap's piece starts with a tab: the rule emit applies when it can peek at the
	 * line (r->peek), applied here too, so a chunk's end does not change the answer */
	if (rawn > 0 && raw[0] == '\t')
		return 1;
	if (r->held_empty) {
		/* a blank line, or the prefix a wrap left alone above its text */
		if (r->prefixed)
			return 1;
		gs_buf_reset(&r->join);
		rc = gs_buf_add(&r->join, s, n) != 0 ? -2 : 0;
	} else if (r->held_text)
		rc = text_join(r, s, n);
	else if (r->held_shape == PASTE_NONE)
		return 1;
	else
		rc = paste_join(r->held_s, r->held_n, (enum paste_shape)r->held_shape, r->held_whole,
		                s, n, &r->join);
	if (rc == -2)
		return -1;
	if (rc < 0)
		return 1;
	/* the joined line is held in place of the first piece */
	t = r->hold;
	r->hold = r->join;
	r->join = t;
	r->held = HELD_COPY;
	r->held_s = r->hold.data;
	r->held_n = r->hold.len;
	r->held_last = no;
	r->held_flags |= flags;
	r->held_empty = 0;
	if (r->held_text && find_header(r->held_s, r->held_n) >= 0) {
		/* the header is whole: the prefix before it is learned, and goes */
		int header;
		size_t k = strip_prefix(r, r->held_s, r->held_n, &header);

		r->held_s += k;
		r->held_n -= k;
		r->held_text = 0;
	}
	{
		int whole;
		enum paste_shape shape = paste_shape(r->held_s, r->held_n, &whole);

		held_shape_set(r, r->held_text ? PASTE_NONE : (int)shape, whole);
	}
	/* the first wrap in the middle of a line says how wide the wrap is */
	if (r->wrap_cols == 0)
		r->wrap_cols = r->held_cols;
	r->held_edge = at_edge(r, raw, rawn, 0, &r->held_cols);
	if (!(r->seen & SEEN_WRAP))
		mark_seen(r, SEEN_WRAP);
	return 0;
}

/* line -> (held_line + line, still held) | held_line, line
 * After normalisation: the held line goes on with this one or goes out; then this one is
 * held when a wrap may have cut it (the start of a dump line, or a whole file or "created by"
 * line, its input line at a wrap's edge), else it goes out. A goroutine header, a "created by"
 * line and a blank line are never a wrap's piece, and a whole header never goes on: a clean
 * dump's lines of the long way ask nothing more. A "created by" line is held as the short way
 * holds a file line, its shape asked only if the next line is a piece of something. */
static int deliver(struct gs_lines *r, const char *s, size_t n, uint64_t no, unsigned flags,
                   int header, const char *raw, size_t rawn)
{
	enum paste_shape shape;
	int rc, whole, created;
	size_t cols;

	if (n == 0 || (flags & GS_LINE_CUT)) {
		rc = r->held != HELD_NONE ? release(r) : 0;
		cols = n == 0 && r->prefixed ? paste_columns(raw, rawn, 0) : 0;
		if (rc == 0 && n == 0 && r->prefixed && r->mode == PREFIX_LOG && at_width(r, cols)) {
			/* the prefix alone, as wide as a wrap: a wrap before the text, or a blank
			 * line (the next line then has a prefix of its own and is not joined). Its
			 * trailing blank says nothing: every prefix alone ends in one. */
			rc = hold_copy(r, s, 0, no, flags, PASTE_NONE, 0);
			r->held_edge = 1;
			r->held_cols = cols;
			r->held_empty = 1;
			slow_if(r, SLOW_OPEN, 1);
			return rc;
		}
		return rc ? rc : to_order(r, s, n, no, no, flags);
	}
	created = !header && STARTS(s, n, "created by ");
	if (r->held != HELD_NONE) {
		if (!header && !created) {
			rc = join(r, s, n, no, flags, raw, rawn);
			if (rc <= 0)
				return rc;
		}
		rc = release(r);
		if (rc)
			return rc;
	}
	/* no wrap's piece starts with a tab: what the next line is, when it is known */
	if (r->peek == '\t')
		return to_order(r, s, n, no, no, flags);
	if (header) {
		size_t e = scan_trim_end(s, n);

		/* a profile's header, or a goroutine's that ends as one (its labels whole) */
		if (s[0] != 'g' || (s[e - 1] == ':' && (s[e - 2] == ']' || s[e - 2] == '}')))
			return to_order(r, s, n, no, no, flags);
	} else if (created) {
		rc = hold_copy(r, s, n, no, flags, PASTE_CREATED, 1);
		held_shape_set(r, -1, 0); /* asked when needed */
		r->held_pre = rawn > n ? rawn - n : 0;
		return rc;
	}
	if (at_edge(r, raw, rawn, 0, &cols)) {
		shape = paste_shape(s, n, &whole);
		if (shape != PASTE_NONE &&
		    (!whole || shape == PASTE_FILE || shape == PASTE_CREATED)) {
			rc = hold_copy(r, s, n, no, flags, shape, whole);
			r->held_edge = 1;
			r->held_cols = cols;
			return rc;
		}
		if (shape == PASTE_NONE && r->mode == PREFIX_NONE && !header &&
		    memmem(s, n, "goroutine ", 10) != NULL) {
			/* a first header behind a prefix, cut: it is whole with the next piece */
			rc = hold_copy(r, s, n, no, flags, PASTE_NONE, 0);
			r->held_edge = 1;
			r->held_cols = cols;
			r->held_text = 1;
			slow_if(r, SLOW_OPEN, 1);
			return rc;
		}
	}
	return to_order(r, s, n, no, no, flags);
}

/* Whether s[0..n) holds a byte outside ASCII: no early exit, so the compiler may take it
 * 16 bytes at a time. */
static int high_in(const char *s, size_t n)
{
	unsigned char any = 0;
	size_t i;

	for (i = 0; i < n; i++)
		any |= (unsigned char)s[i];
	return any >= 0x80;
}

/* text -> ANSI-free, ASCII, unprefixed text, or a fence (dropped); then deliver. special:
 * it may hold ESC. */
static int normalise(struct gs_lines *r, const char *s, size_t n, uint64_t no, unsigned flags,
                     int special, const char *raw, size_t rawn)
{
	int rc, header = 0;

	if (special && memchr(s, ESC, n) != NULL && strip_ansi(r, &s, &n) != 0)
		return -1;
	if (high_in(s, n)) {
		rc = paste_retype(s, n, &r->ascii);
		if (rc < 0)
			return -1;
		if (rc) {
			s = r->ascii.data;
			n = r->ascii.len;
			if (!(r->seen & SEEN_RETYPED)) {
				flags |= GS_LINE_RETYPED;
				mark_seen(r, SEEN_RETYPED);
			}
		}
	}
	r->prefixed = 0;
	if (n) {
		size_t k = strip_prefix(r, s, n, &header);

		s += k;
		n -= k;
		r->prefixed = k > 0;
	}
	if (n >= 3 && (s[0] == '`' || s[0] == '~' || scan_is_blank(s[0])) && is_fence(s, n)) {
		if (!(r->seen & SEEN_FENCE))
			mark_seen(r, SEEN_FENCE);
		return 0;
	}
	if (header < 0)
		header = gs_header_kind(s, n) != GS_KIND_UNKNOWN;
	return deliver(r, s, n, no, flags, header, raw, rawn);
}

/* Whether a line of an entry's text holds a dump header (as find_header finds them), or
 * starts a crash report ("panic: ", "fatal error: ": the entry before the header's). */
static int holds_header(const char *s, size_t n)
{
	const char *nl;
	size_t k;

	while (n > 0) {
		nl = memchr(s, '\n', n);
		k = nl ? (size_t)(nl - s) : n;
		if (find_header(s, k) >= 0 || STARTS(s, k, "panic: ") || STARTS(s, k, "fatal error: "))
			return 1;
		if (nl == NULL)
			break;
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	return 0;
}

/* One line of an entry's text. */
static int entry_line(struct gs_lines *r, const char *s, size_t n)
{
	unsigned flags = 0;

	if (n && s[n - 1] == '\r')
		n--;
	if (n > r->max_line) {
		n = r->max_line;
		flags = GS_LINE_CUT;
	}
	return normalise(r, s, n, r->no, flags | GS_LINE_ENTRY, 1, NULL, 0);
}

/* entry -> "{" ... "}" whose text holds lines (paste_json_text), once one held a dump header.
 * 0 when read, 1 when the line is read as it stands, -1 when memory ran out. */
static int json_entry(struct gs_lines *r, const char *s, size_t n)
{
	int kind = paste_json_text(s, n, &r->jtext);
	const char *t, *nl;
	size_t left;
	struct gs_buf tmp;
	int rc;

	if (kind <= 0)
		return kind < 0 ? -1 : 1;
	r->peek = -1; /* the next line of the text is not the input's next */
	if (!r->json) {
		if (!holds_header(r->jtext.data, r->jtext.len))
			return 1;
		r->json = 1;
		slow_if(r, SLOW_JSON, 1);
		mark_seen(r, SEEN_JSON);
	}
	if (kind == PASTE_JSON_LOG && r->jpart.len) {
		/* the line the last entry began */
		if (gs_buf_add(&r->jpart, r->jtext.data, r->jtext.len) != 0)
			return -1;
		tmp = r->jtext;
		r->jtext = r->jpart;
		r->jpart = tmp;
		gs_buf_reset(&r->jpart);
	}
	t = r->jtext.data;
	left = r->jtext.len;
	while ((nl = memchr(t, '\n', left)) != NULL) {
		rc = entry_line(r, t, (size_t)(nl - t));
		if (rc)
			return rc;
		left -= (size_t)(nl - t) + 1;
		t = nl + 1;
	}
	if (left == 0)
		return 0;
	if (kind == PASTE_JSON_LOG && left <= r->max_line)
		return gs_buf_add(&r->jpart, t, left) != 0 ? -1 : 0;
	return entry_line(r, t, left);
}

/* line -> BOM? ( entry | TEXT ) "\r"?   (BOM on line 1 only; "\n" already gone)
 * One input line: CR, the length cap and BOM, then its text (normalise). special: the line
 * may hold ESC. end: the end of the chunk it is in (the next line's
 * first byte tells deliver something), NULL when not known. A line flagged GS_LINE_CUT on
 * entry keeps its last byte even when it is "\r": it went on. */
static int emit_peek(struct gs_lines *r, const char *s, size_t n, unsigned flags, int special,
                     int peek)
{
	int rc;

	r->no++;
	r->peek = peek;
	r->slow &= ~(unsigned)SLOW_FIRST;
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
	}
	if (r->no == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
		mark_seen(r, SEEN_BOM);
	}
	rc = 1;
	if (n && s[0] == '{' && !(flags & GS_LINE_CUT))
		rc = json_entry(r, s, n);
	if (rc == 1)
		rc = normalise(r, s, n, r->no, flags, special, s, n);
	r->peek = -1;
	return rc;
}

static int emit(struct gs_lines *r, const char *s, size_t n, unsigned flags, int special,
                const char *end)
{
	return emit_peek(r, s, n, flags, special, end && s + n + 1 < end ? (unsigned char)s[n + 1] : -1);
}

/* Whether s[0..n) holds ESC (a carried line: the scan did not see it). The chunk's scan
 * (nl_next) says only that, so a carried line takes the way the same line would take
 * inside a chunk: a byte outside ASCII sends neither the long way by itself. */
static int special_in(const char *s, size_t n)
{
	return memchr(s, ESC, n) != NULL;
}

/* A line carried from the last chunk: what read_lines does with it, the short way by
 * read_lines' own test, written out in both (as one always-inlined function gcc compiles
 * read_lines' loop worse: +0.5% instructions on a clean dump). A "created by" line the short
 * way hands out is not searched for a header after text, so the long way must not get it
 * either. next, end: the lines after it, as far as they are known (NULL: none known). */
static int emit_carried(struct gs_lines *r, const char *s, size_t n, unsigned flags,
                        const char *next, const char *end)
{
	int special = special_in(s, n), rc, fast = r->slow == 0;

	if (flags || !(fast_line(fast, s, n, r->max_line, special, next, end) ||
	               (fast && !special && n <= r->max_line && clean_line(s, n, next, end))))
		return emit_peek(r, s, n, flags, special,
		                 next && next < end ? (unsigned char)*next : -1);
	rc = r->held != HELD_NONE ? release(r) : 0;
	r->no++;
	if (rc || n == 0 || s[0] != '\t')
		return rc ? rc : to_order(r, s, n, r->no, r->no, 0);
	rc = hold_copy(r, s, n, r->no, 0, PASTE_FILE, 1);
	held_shape_set(r, -1, 0);
	r->held_pre = 0;
	return rc;
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
	gs_buf_init(&r->ascii, 0);
	gs_buf_init(&r->hold, max_line + 1);
	gs_buf_init(&r->join, max_line + 1);
	gs_buf_init(&r->jtext, 0);
	gs_buf_init(&r->jpart, max_line + 1);
	rev_init(&r->rev);
	r->mode = PREFIX_NONE;
	r->held_shape = -1;
	r->slow = SLOW_FIRST | SLOW_ORDER;
	r->peek = -1;
	return r;
}

void gs_lines_set_body(struct gs_lines *r, gs_lines_body_fn fn)
{
	r->body = fn;
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

	if (r->carry.data[r->carry.len - 1] == '\n') {
		/* a whole line kept for what comes after it (read_lines): it meets it now */
		*used = 0;
		rc = emit_carried(r, r->carry.data, r->carry.len - 1, 0, data, data + len);
		gs_buf_reset(&r->carry);
		return rc;
	}
	*used = nl ? take + 1 : len;
	if (take > room) {
		/* Too long: hand out what fits now, drop the rest of the line as it arrives. */
		if (gs_buf_add(&r->carry, data, room) != 0)
			return -1;
		rc = emit(r, r->carry.data, r->carry.len, GS_LINE_CUT,
		          special_in(r->carry.data, r->carry.len), NULL);
		gs_buf_reset(&r->carry);
		r->skipping = nl == NULL;
		return rc;
	}
	if (gs_buf_add(&r->carry, data, take) != 0)
		return -1;
	if (nl == NULL)
		return 0;
	if (nl + 1 == data + len && r->carry.len > 0 && r->carry.len <= r->max_line)
		return gs_buf_addch(&r->carry, '\n') != 0 ? -1 : 0; /* as read_lines keeps one */
	rc = emit_carried(r, r->carry.data, r->carry.len, 0, nl + 1, data + len);
	gs_buf_reset(&r->carry);
	return rc;
}

/* The newlines of a chunk in order. With SSE2, 64 bytes at a time into a bit mask, one
 * bit a newline: a dump's lines are ~40 bytes, and a memchr call per line cost more than
 * the search (callgrind: 29 instructions a line in memchr alone). Elsewhere, memchr.
 * *esc: the line holds the chunk's next ESC (one memchr a chunk, one more a coloured line).
 * Bytes outside ASCII are not looked for here (three ORs a block cost a clean dump 1%):
 * the short way takes no line a re-typed character changes (gs_lines_plain, clean_line), and
 * normalise looks for them in the others. */
struct nl_scan {
	const char *block, *end;
	uint64_t mask;           /* newlines of [block, block + 64) not handed out yet */
	const char *esc;         /* the first ESC not behind a line handed out, NULL none */
};

#ifdef __SSE2__
static inline void nl_start(struct nl_scan *s, const char *p, const char *end)
{
	s->block = p;
	s->end = end;
	s->mask = scan_nl_mask(p, end);
	s->esc = memchr(p, ESC, (size_t)(end - p));
}

static inline const char *nl_next(struct nl_scan *s, int *esc)
{
	const char *at;

	while (s->mask == 0) {
		s->block += 64;
		if (s->block >= s->end)
			return NULL;
		s->mask = scan_nl_mask(s->block, s->end);
	}
	at = s->block + __builtin_ctzll(s->mask);
	s->mask &= s->mask - 1;
	*esc = 0;
	if (s->esc != NULL && s->esc < at) {
		*esc = 1;
		s->esc = memchr(at + 1, ESC, (size_t)(s->end - at - 1));
	}
	return at;
}

/* The scan goes on at p (< end), the lines before it handed out (no ESC among them). */
static inline void nl_skip(struct nl_scan *s, const char *p)
{
	s->block = p;
	s->mask = scan_nl_mask(p, s->end);
}
#else
static inline void nl_start(struct nl_scan *s, const char *p, const char *end)
{
	s->block = p;
	s->end = end;
	s->esc = memchr(p, ESC, (size_t)(end - p));
}

static inline const char *nl_next(struct nl_scan *s, int *esc)
{
	const char *nl = memchr(s->block, '\n', (size_t)(s->end - s->block));

	if (nl)
		s->block = nl + 1;
	*esc = 0;
	if (nl && s->esc != NULL && s->esc < nl) {
		*esc = 1;
		s->esc = memchr(nl + 1, ESC, (size_t)(s->end - nl - 1));
	}
	return nl;
}

static inline void nl_skip(struct nl_scan *s, const char *p)
{
	s->block = p;
}
#endif

/* A tab-indented line the short way held, handed to the long way: it goes on as the held line. */
static void held_plain(struct gs_lines *r, const char *s, size_t n, uint64_t no)
{
	r->held = HELD_PLAIN;
	r->held_s = s;
	r->held_n = n;
	r->held_no = no;
	r->held_last = no;
	r->held_flags = 0;
	r->held_shape = -1;
	r->held_edge = -1;
	r->held_pre = 0;
	r->held_text = 0;
	r->held_empty = 0;
}

/* (LINE "\n")* of a chunk, from *pp: the short way for plain lines, emit for the others.
 * The short way keeps the line number and the tab-indented line it holds in locals (the
 * callback could change anything behind r, so in r they would be stored and loaded again
 * for every line), and hands them to r before the long way and at the end. */
static int read_lines(struct gs_lines *r, const char **pp, const char *end)
{
	const gs_lines_fn fn = r->fn;
	const gs_lines_body_fn body = r->body;
	void *const ctx = r->ctx;
	const size_t max = r->max_line;
	const char *p = *pp, *nl, *hp = NULL;
	struct nl_scan scan;
	struct gs_line l;
	uint64_t no = r->no;
	size_t hn = 0;
	int rc = 0, special, fast = r->slow == 0, held = r->held != HELD_NONE;

	nl_start(&scan, p, end);
	l.flags = 0;
	while ((nl = nl_next(&scan, &special)) != NULL) {
		size_t n = (size_t)(nl - p);

		/* The chunk's last line, when it has text: how it goes may hang on the line after
		 * it (gs_lines_plain, clean_line, r->peek), which the next chunk brings. It is kept,
		 * "\n" and all, as a carried line, so any split reads as the whole does. */
		if (nl + 1 == end && n > 0 && n <= max)
			break;

		/* emit's first case without the call: most lines of a dump */
		if (fast_line(fast, p, n, max, special, nl + 1, end) ||
		    (fast && !special && n <= max && clean_line(p, n, nl + 1, end))) {
			if (hp != NULL) {
				l.text = hp;
				l.len = hn;
				l.no = no;
				hp = NULL;
				rc = fn(ctx, &l);
			} else if (held) {
				rc = release(r);
				held = 0;
			}
			if (rc) {
				r->unread = (size_t)(end - p); /* stopped on a line before this one */
				break;
			}
			no++;
			if (p[0] == '\t' && n > 0) {
				hp = p;
				hn = n;
			} else {
				l.text = p;
				l.len = n;
				l.no = no;
				rc = fn(ctx, &l);
				if (rc) {
					r->unread = (size_t)(end - nl) - 1;
					break;
				}
				/* a goroutine's header: its body may go at once (gs_lines_body_fn) */
				if (body != NULL && n > 0 && p[n - 1] == ':' && p[0] == 'g') {
					size_t used = 0;
					size_t k = body(ctx, nl + 1, scan.esc != NULL ? scan.esc : end, max,
					                no, &used);

					if (k > 0) {
						no += k;
						p = nl + 1 + used;
						nl_skip(&scan, p);
						continue;
					}
				}
			}
		} else {
			if (hp != NULL)
				held_plain(r, hp, hn, no);
			hp = NULL;
			r->no = no;
			rc = emit(r, p, n, 0, special, end);
			no = r->no;
			fast = r->slow == 0;
			held = r->held != HELD_NONE;
			if (rc) {
				r->unread = (size_t)(end - nl) - 1;
				break;
			}
		}
		p = nl + 1;
	}
	if (hp != NULL)
		held_plain(r, hp, hn, no);
	r->no = no;
	*pp = p;
	return rc;
}

/* chunk -> REST_OF_CUT_LINE? REST_OF_CARRIED_LINE? (LINE "\n")* PARTIAL_LINE? */
int gs_lines_feed(struct gs_lines *r, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
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
	rc = read_lines(r, &p, end);
	if (rc)
		return stopped(r, rc);
	if (keep_held(r) != 0)
		return stopped(r, -1);
	if (p == end)
		return 0;
	if ((size_t)(end - p) > r->max_line + 1) {
		rc = emit(r, p, (size_t)(end - p), GS_LINE_CUT, special_in(p, (size_t)(end - p)), NULL);
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
	int rc = 0;

	if (r->stop)
		return r->stop;
	r->skipping = 0;
	if (r->carry.len) {
		/* a whole line kept for its next one: there is none */
		rc = emit_carried(r, r->carry.data,
		                  r->carry.len - (r->carry.data[r->carry.len - 1] == '\n'), 0, NULL, NULL);
		gs_buf_reset(&r->carry);
	}
	if (rc == 0 && r->jpart.len) {
		/* the last entry's line had no end */
		struct gs_buf t = r->jpart;

		r->jpart = r->jtext;
		r->jtext = t;
		gs_buf_reset(&r->jpart);
		rc = entry_line(r, r->jtext.data, r->jtext.len);
	}
	if (rc == 0 && r->held != HELD_NONE)
		rc = release(r);
	if (rc == 0)
		rc = rev_finish(&r->rev, r->fn, r->ctx);
	slow_if(r, SLOW_ORDER, !rev_steps_aside(&r->rev));
	return rc ? stopped(r, rc) : 0;
}

void gs_lines_free(struct gs_lines *r)
{
	if (r == NULL)
		return;
	gs_buf_release(&r->carry);
	gs_buf_release(&r->work);
	gs_buf_release(&r->ascii);
	gs_buf_release(&r->hold);
	gs_buf_release(&r->join);
	gs_buf_release(&r->jtext);
	gs_buf_release(&r->jpart);
	rev_release(&r->rev);
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
	return r->stop == 0 && r->carry.len == 0 && !r->skipping && r->mode == PREFIX_NONE &&
	       r->held == HELD_NONE && !r->json && r->jpart.len == 0 && rev_steps_aside(&r->rev) &&
	       r->wrap_cols == 0;
}

int gs_lines_apart(const struct gs_lines *r, const struct gs_lines *rest)
{
	return (r->seen & rest->seen & SEEN_RETYPED) || (rest->seen & SEEN_WRAP);
}

void gs_lines_take(struct gs_lines *r, struct gs_lines *rest, uint64_t off)
{
	const unsigned prefix = SEEN_INDENT | SEEN_LOG;
	struct gs_lines old = *r;
	size_t i;

	*r = *rest;
	*rest = old;
	r->fn = old.fn;
	r->ctx = old.ctx;
	r->body = old.body;
	rest->fn = NULL;
	rest->body = NULL;
	rest->ctx = NULL;
	r->no += off;
	r->held_no += off;
	r->held_last += off;
	for (i = 0; i < r->rev.n; i++) {
		r->rev.lines[i].no += off;
		r->rev.lines[i].last += off;
	}
	/* the prefix named is the one learned last: rest's, else the one before it */
	if ((r->seen & prefix) == 0 && (old.seen & prefix) != 0) {
		memcpy(r->prefix, old.prefix, old.prefix_len);
		r->prefix_len = old.prefix_len;
		r->prefix_fields = old.prefix_fields;
		r->last_field = old.last_field;
		r->seen |= old.seen & prefix;
	}
	r->seen |= old.seen & ~prefix;
	r->rev.said |= old.rev.said;
	detected_update(r);
}
