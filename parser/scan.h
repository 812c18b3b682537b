/* scan.h - the scanning helpers every reader of lines in libgostacks uses: literal
 * prefixes and suffixes, character classes, blanks, decimal and hex numbers. Internal;
 * everything here is static inline (a few compares where the caller stands).
 *
 * Indexes are passed and returned by value where a loop runs: an index behind a pointer
 * must be stored at every step, since a char may alias it. */
#ifndef GS_SCAN_H
#define GS_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether s[0..n) starts with the string literal lit. */
#define STARTS(s, n, lit) ((n) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)
/* Whether s[0..e) ends with the string literal lit. */
#define ENDS_WITH(s, e, lit) \
	((e) >= sizeof(lit) - 1 && memcmp((s) + (e) - (sizeof(lit) - 1), (lit), sizeof(lit) - 1) == 0)

/* The newlines of b[0..64), or of b[0..end) when that is shorter, as a bit mask: bit i set
 * when b[i] is '\n'. With SSE2 four compares of 16 bytes: a dump's lines are ~40 bytes,
 * and a memchr call a line costs more than the search (lines.c, body.c). */
static inline uint64_t scan_nl_mask(const char *b, const char *end)
{
	uint64_t m = 0;
	size_t i;

#ifdef __SSE2__
	if (end - b >= 64) {
		const __m128i nl = _mm_set1_epi8('\n');
		const __m128i *v = (const __m128i *)(const void *)b;
		uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v), nl));
		uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 1), nl));
		uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 2), nl));
		uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 3), nl));

		return m0 | m1 << 16 | m2 << 32 | m3 << 48;
	}
#endif
	for (i = 0; i < 64 && b + i < end; i++) /* a chunk's last bytes, or no SSE2 */
		m |= (uint64_t)(b[i] == '\n') << i;
	return m;
}

/* Character classes by table: they run on every byte of a record header's PC list and of
 * a frame line no cache holds. The table is local to the function, so a file that includes
 * this header and never asks pays nothing. */
enum { SCAN_DIGIT = 1, SCAN_HEX = 2, SCAN_BLANK = 4 };
static inline unsigned scan_class(char c)
{
	static const unsigned char class[256] = {
		['0'] = SCAN_DIGIT | SCAN_HEX, ['1'] = SCAN_DIGIT | SCAN_HEX,
		['2'] = SCAN_DIGIT | SCAN_HEX, ['3'] = SCAN_DIGIT | SCAN_HEX,
		['4'] = SCAN_DIGIT | SCAN_HEX, ['5'] = SCAN_DIGIT | SCAN_HEX,
		['6'] = SCAN_DIGIT | SCAN_HEX, ['7'] = SCAN_DIGIT | SCAN_HEX,
		['8'] = SCAN_DIGIT | SCAN_HEX, ['9'] = SCAN_DIGIT | SCAN_HEX,
		['a'] = SCAN_HEX, ['b'] = SCAN_HEX, ['c'] = SCAN_HEX, ['d'] = SCAN_HEX,
		['e'] = SCAN_HEX, ['f'] = SCAN_HEX,
		['A'] = SCAN_HEX, ['B'] = SCAN_HEX, ['C'] = SCAN_HEX, ['D'] = SCAN_HEX,
		['E'] = SCAN_HEX, ['F'] = SCAN_HEX,
		/* tabwriter pads with tabs; a paste may have turned them into spaces */
		[' '] = SCAN_BLANK, ['\t'] = SCAN_BLANK,
	};

	return class[(unsigned char)c];
}

static inline int scan_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline int scan_is_hex(char c)
{
	return scan_class(c) & SCAN_HEX;
}

/* A blank: a space or a tab. */
static inline int scan_is_blank(char c)
{
	return scan_class(c) & SCAN_BLANK;
}

/* The index past the blanks at i. */
static inline size_t scan_skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && scan_is_blank(s[i]))
		i++;
	return i;
}

/* The end of s[0..n) without its trailing blanks. */
static inline size_t scan_trim_end(const char *s, size_t n)
{
	while (n > 0 && scan_is_blank(s[n - 1]))
		n--;
	return n;
}

/* The first 8 bytes at s, as the machine stores them. */
static inline uint64_t scan_load8(const char *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return v;
}

/* The index past the hex digits at i. Eight bytes at a time where eight are left: a
 * record header is mostly PCs, and this is most of its cost. In each byte (ASCII, high
 * bit clear) b + (0x80 - c) sets the byte's high bit exactly when b >= c, without a carry
 * into the next byte, so two such tests bound a range: '0'..'9', and 'a'..'f' after
 * folding case with | 0x20. The bytes are read least significant first on any machine,
 * so the lowest set bit of `other` is in the first byte that is not a hex digit. */
static inline size_t scan_skip_hex(const char *s, size_t n, size_t i)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;

	while (n - i >= 8) {
		const unsigned char *b = (const unsigned char *)s + i;
		uint64_t x = (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 |
		             (uint64_t)b[3] << 24 | (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 |
		             (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
		uint64_t y = x & ~high, lc = y | ones * 0x20;
		uint64_t digit = (y + ones * (0x80 - '0')) & ~(y + ones * (0x80 - '9' - 1));
		uint64_t alpha = (lc + ones * (0x80 - 'a')) & ~(lc + ones * (0x80 - 'f' - 1));
		uint64_t other = ~((digit | alpha) & ~x) & high;

		if (other)
			return i + (unsigned)__builtin_ctzll(other) / 8;
		i += 8;
	}
	while (i < n && scan_is_hex(s[i]))
		i++;
	return i;
}

/* DEC = DIGIT { DIGIT } into a uint64 at *i: 0 with *i past the digits; -1 when there are
 * none (*i unchanged) or the number passes 64 bits (*i unchanged, *out untouched). 19
 * digits always fit: only a longer number pays for the overflow check. */
static inline int scan_u64(const char *s, size_t n, size_t *i, uint64_t *out)
{
	uint64_t v = 0;
	size_t st = *i, k = st, fast = n - st < 19 ? n : st + 19;

	while (k < fast && scan_is_digit(s[k]))
		v = v * 10 + (unsigned)(s[k++] - '0');
	while (k < n && scan_is_digit(s[k])) {
		unsigned d = (unsigned)(s[k] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
		k++;
	}
	if (k == st)
		return -1;
	*i = k;
	*out = v;
	return 0;
}

/* scan_dec's answers. */
enum { SCAN_NUM_OK = 0, SCAN_NUM_NONE = -1, SCAN_NUM_OVERFLOW = -2, SCAN_NUM_NEGATIVE = -3 };

/* DEC into a non-negative int64 at *i. A '-' before a digit is reported, not read: Go
 * prints every count and size of the debug=1 formats as a non-negative number. On
 * overflow *i is past all the digits. 18 digits cannot pass INT64_MAX, so only a longer
 * number pays for the overflow check. */
static inline int scan_dec(const char *s, size_t n, size_t *i, int64_t *out)
{
	uint64_t v = 0;
	size_t k = *i, end = n - *i > 18 ? *i + 18 : n;

	if (k < n && s[k] == '-')
		return k + 1 < n && scan_is_digit(s[k + 1]) ? SCAN_NUM_NEGATIVE : SCAN_NUM_NONE;
	while (k < end && scan_is_digit(s[k]))
		v = v * 10 + (unsigned)(s[k++] - '0');
	if (k == *i)
		return SCAN_NUM_NONE;
	for (; k < n && scan_is_digit(s[k]); k++) {
		unsigned d = (unsigned)(s[k] - '0');

		if (v > ((uint64_t)INT64_MAX - d) / 10) {
			while (k < n && scan_is_digit(s[k]))
				k++;
			*i = k;
			return SCAN_NUM_OVERFLOW;
		}
		v = v * 10 + d;
	}
	*i = k;
	*out = (int64_t)v;
	return SCAN_NUM_OK;
}

/* scan_shape's answers beside scan_dec's. */
enum { SCAN_SHAPE_NO_AT = -4, SCAN_SHAPE_OTHER = -5 };

/* The numbers and punctuation before "@" of a debug=1 record or heap header, by a pattern:
 * 'n' is a DEC (scan_dec), any other byte is itself; blanks are allowed around every token
 * (pprof's regexps allow them too). Up to four numbers into v. SCAN_NUM_OK, a scan_dec
 * error, SCAN_SHAPE_NO_AT ('@' missing after the numbers) or SCAN_SHAPE_OTHER, with *at
 * at the offending byte; *i ends after the pattern. */
static inline int scan_shape(const char *s, size_t n, size_t *i, const char *pat, int64_t v[4],
                             size_t *at)
{
	size_t j = *i;
	int k = 0, rc = SCAN_NUM_OK;

	for (; *pat; pat++) {
		j = scan_skip_blanks(s, n, j);
		*at = j;
		if (*pat == 'n') {
			rc = scan_dec(s, n, &j, &v[k++]);
			if (rc != SCAN_NUM_OK)
				break;
		} else if (j < n && s[j] == *pat) {
			j++;
		} else {
			rc = *pat == '@' ? SCAN_SHAPE_NO_AT : SCAN_SHAPE_OTHER;
			break;
		}
	}
	*i = j;
	return rc;
}

#endif
