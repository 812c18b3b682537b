/* profile.c - the grammar of the debug=1 text profiles (goroutine, threadcreate,
 * heap/allocs, mutex and block), what of it is compiled once: the record header's reader
 * and the frame line's splitter every sink reads them with. The state machine itself is in
 * grammar_machines.h. */
#include "profile.h"

#include <string.h>

#include "scan.h"

void gs_prof_init(struct prof *p)
{
	memset(p, 0, sizeof(*p));
}

/* ---- record headers ---- */

static const char *shape_error(int rc)
{
	switch (rc) {
	case SCAN_NUM_NEGATIVE:
		return "negative number in a record header: record skipped";
	case SCAN_NUM_OVERFLOW:
		return "number in a record header does not fit in 64 bits: record skipped";
	case SCAN_SHAPE_NO_AT:
		return "expected '@' and the record's PCs after its numbers: record skipped";
	case SCAN_SHAPE_OTHER:
		return "record header not understood: record skipped";
	default:
		return "expected a number in the record header: record skipped";
	}
}

/* pcs = { BLANKS "0x" HEX } ; 0, or -1 with *bad at the first word that is not one. */
static int parse_pcs(const char *s, size_t n, size_t i, size_t *bad)
{
	for (;;) {
		size_t st;

		i = scan_skip_blanks(s, n, i);
		if (i >= n)
			return 0;
		st = i;
		if (i + 2 < n && s[i] == '0' && s[i + 1] == 'x' && scan_is_hex(s[i + 2])) {
			i = scan_skip_hex(s, n, i + 3);
			if (i >= n)
				return 0;
			if (scan_is_blank(s[i])) {
				i++; /* the blank seen: most words have one between them */
				continue;
			}
		}
		*bad = st;
		return -1;
	}
}

/* parse_shape for the text as Go prints it: `ex` is the shape with its blanks ("n: n [n: n] @"),
 * 'n' 1 to 18 digits (too few to overflow), any other byte itself. Nearly every record is
 * so; without the blank skipping and the error bookkeeping it costs half. 0 with v and *i
 * set as parse_shape sets them; -1 for any other text, which parse_shape then reads (and
 * says what is wrong with). */
static int parse_exact(const char *s, size_t n, size_t *i, const char *ex, int64_t v[4])
{
	size_t j = *i;
	int k = 0;

	for (; *ex; ex++) {
		if (*ex == 'n') {
			size_t st = j, end = n - j > 18 ? j + 18 : n;
			uint64_t x = 0;

			while (j < end && scan_is_digit(s[j]))
				x = x * 10 + (unsigned)(s[j++] - '0');
			if (j == st || (j < n && scan_is_digit(s[j])))
				return -1;
			v[k++] = (int64_t)x;
		} else if (j < n && s[j] == *ex) {
			j++;
		} else {
			return -1;
		}
	}
	*i = j;
	return 0;
}

const char *gs_prof_record_read(enum gs_kind kind, const char *s, size_t n, size_t b,
                                int64_t v[4], size_t *at)
{
	static const char *const shapes[] = { "n@", "n:n[n:n]@", "nn@" };
	static const char *const printed[] = { "n @", "n: n [n: n] @", "n n @" };
	int shape = prof_is_count_kind(kind) ? 0 : prof_is_heap_kind(kind) ? 1 : 2;
	size_t i = b;
	int rc;

	*at = b;
	v[0] = v[1] = v[2] = v[3] = 0;
	if (parse_exact(s, n, &i, printed[shape], v) != 0) {
		i = b;
		rc = scan_shape(s, n, &i, shapes[shape], v, at);
		if (rc != SCAN_NUM_OK)
			return shape_error(rc);
	}
	if (parse_pcs(s, n, i, at) != 0)
		return "a word in the PC list is not a 0x hex number: record skipped";
	return NULL;
}

/* ---- frame lines: every sink splits them with gs_prof_frame_split ---- */

/* FILE ":" LINE up to the end (trailing blanks ignored). The last colon splits: Windows
 * paths hold one ("C:/src/x.go:12"). 0 on success; a LINE past 32 bits is read as 0 with
 * *big set (never clamped: the caller says so). */
static int split_fileline(const char *s, size_t n, size_t i, size_t *file, size_t *file_len,
                          uint32_t *line, int *big)
{
	size_t c, k;
	uint64_t v = 0;

	while (n > i && scan_is_blank(s[n - 1]))
		n--;
	/* back over the digits of LINE: the byte before them is the last colon, or there is
	 * no FILE:LINE (a colon after it would have stopped the digits) */
	for (c = n; c > i && scan_is_digit(s[c - 1]); c--)
		;
	if (c == n || c <= i + 1 || s[c - 1] != ':')
		return -1;
	c--;
	for (k = c + 1; k < n; k++)
		if (v <= UINT32_MAX)
			v = v * 10 + (unsigned)(s[k] - '0');
	*file = i;
	*file_len = c - i;
	*big = v > UINT32_MAX;
	*line = *big ? 0 : (uint32_t)v;
	return 0;
}

/* The end of FUNC: the first "+0x" HEX followed by a blank or the end. Names hold '+'
 * rarely and "+0x" never, so the first such token is the offset. n when there is none. */
static size_t find_offset(const char *s, size_t n, size_t i, size_t *after)
{
	const char *plus;

	for (; i + 3 < n; i = (size_t)(plus - s) + 1) {
		size_t k;

		plus = memchr(s + i, '+', n - 3 - i);
		if (plus == NULL)
			break;
		k = (size_t)(plus - s);
		if (plus[1] != '0' || plus[2] != 'x' || !scan_is_hex(plus[3]))
			continue;
		k = scan_skip_hex(s, n, k + 4);
		if (k == n || scan_is_blank(s[k])) {
			*after = k;
			return (size_t)(plus - s);
		}
	}
	return n;
}

/* frame = "#" BLANKS "0x" HEX BLANKS FUNC "+0x" HEX BLANKS FILE ":" LINE
 *       | "#" BLANKS "0x" HEX                      (no function known for the PC)
 * BLANKS is one or more tabs (tabwriter pads columns with tabs) or spaces (a paste). */
int gs_prof_frame_split(const char *s, size_t n, struct prof_frame *f)
{
	size_t i = 1, pc, after = 0;

	memset(f, 0, sizeof(*f));
	i = scan_skip_blanks(s, n, i);
	pc = i;
	if (i + 2 < n && s[i] == '0' && s[i + 1] == 'x' && scan_is_hex(s[i + 2])) {
		size_t k = scan_skip_hex(s, n, i + 3);

		if (k == n || scan_is_blank(s[k])) {
			f->has_pc = 1;
			i = k;
		}
	}
	f->func = pc;
	f->func_len = i - pc;
	i = scan_skip_blanks(s, n, i);
	if (f->has_pc && i >= n) {
		f->pc_only = 1;
		return PROF_FRAME_OK;
	}
	if (i >= n)
		return PROF_FRAME_EMPTY;
	f->func = i;
	f->func_len = find_offset(s, n, i, &after);
	if (f->func_len == n) {
		/* no "+0xOFF": FUNC ends at the first blank run when FILE:LINE follows */
		size_t t = i;

		while (t < n && !scan_is_blank(s[t]))
			t++;
		f->func_len = t;
		after = t;
	}
	f->func_len -= i;
	if (f->func_len == 0)
		return PROF_FRAME_BAD;
	after = scan_skip_blanks(s, n, after);
	if (split_fileline(s, n, after, &f->file, &f->file_len, &f->line, &f->line_big) != 0)
		f->file_len = 0;
	return PROF_FRAME_OK;
}

