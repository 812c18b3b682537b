/* term.c - see term.h. */
#include "outputs/term.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

int term_parse_color(const char *s, enum color_mode *out)
{
	if (strcmp(s, "auto") == 0)
		*out = COLOR_AUTO;
	else if (strcmp(s, "always") == 0)
		*out = COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*out = COLOR_NEVER;
	else
		return -1;
	return 0;
}

int term_isatty(int fd)
{
	return isatty(fd) == 1;
}

size_t term_columns(int fd)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	unsigned long v = 0;
	char *end;

	if (term_isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && *env >= '1' && *env <= '9') {
		v = strtoul(env, &end, 10);
		if (*end == '\0' && v < 100000)
			return (size_t)v;
	}
	return term_isatty(fd) ? 80 : 0;
}

int term_want_color(enum color_mode mode, int fd)
{
	const char *t;

	if (mode == COLOR_ALWAYS)
		return 1;
	if (mode == COLOR_NEVER)
		return 0;
	if (!term_isatty(fd))
		return 0;
	if (getenv("NO_COLOR") != NULL)
		return 0;
	t = getenv("TERM");
	if (t != NULL && strcmp(t, "dumb") == 0)
		return 0;
	return 1;
}

static void add_hex(struct gs_buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4];

	e[0] = '\\';
	e[1] = 'x';
	e[2] = hex[c >> 4];
	e[3] = hex[c & 0xf];
	gs_buf_add(out, e, 4);
}

/* The code point of a UTF-8 sequence at p that makes a terminal show text other than it is:
 * the bidi embeddings and overrides U+202A..U+202E, the isolates U+2066..U+2069 (a name
 * that reads backwards, a file:line that hides its end) and the line and paragraph
 * separators U+2028, U+2029 (a line that breaks where none is). 0 for any other. */
static unsigned lying_code_point(const unsigned char *p, size_t left)
{
	if (left < 3 || p[0] != 0xe2)
		return 0;
	if (p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae)
		return 0x2000u + (p[2] - 0x80u);
	if (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
		return 0x2040u + (p[2] - 0x80u);
	return 0;
}

/* How many bytes at p are printable ASCII (0x20..0x7e), the most of any text: 16 at a
 * time with SSE2, since show writes every member's id and stack through here. */
static size_t printable_run(const unsigned char *p, size_t len)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* signed: 0x80..0xff are below 0x20 too */
		__m128i ok = _mm_andnot_si128(_mm_cmpeq_epi8(v, del), _mm_cmpgt_epi8(v, space));
		unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0xffffu;

		if (bad)
			return i + (size_t)__builtin_ctz(bad);
	}
#endif
	while (i < len && p[i] >= 0x20 && p[i] < 0x7f)
		i++;
	return i;
}

/* keep: one control byte let through as is (0: none) */
static void escape(struct gs_buf *out, const char *s, size_t len, unsigned char keep)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, from = 0; /* p[from..i) is kept and not written yet */

	for (;;) {
		unsigned char c;
		unsigned cp;
		int c1;

		i += printable_run(p + i, len - i);
		if (i >= len)
			break;
		c = p[i];
		c1 = c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f;
		cp = c == 0xe2 ? lying_code_point(p + i, len - i) : 0;
		if (cp) {
			gs_buf_add(out, p + from, i - from);
			gs_buf_addf(out, "\\u%04x", cp);
			i += 3;
			from = i;
			continue;
		}
		if ((c >= 0x20 && c != 0x7f && !c1) || (keep && c == keep)) {
			i++;
			continue;
		}
		gs_buf_add(out, p + from, i - from);
		add_hex(out, c);
		if (c1)
			add_hex(out, p[++i]);
		from = ++i;
	}
	gs_buf_add(out, p + from, len - from);
}

void term_escape(struct gs_buf *out, const char *s, size_t len)
{
	escape(out, s, len, 0);
}

void term_escape_tabs(struct gs_buf *out, const char *s, size_t len)
{
	escape(out, s, len, '\t');
}

size_t term_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

size_t term_cut(struct gs_buf *out, size_t start, size_t max)
{
	size_t i, cols = 0, w = term_width(out->data + start, out->len - start);

	if (max == 0 || w <= max)
		return w;
	/* keep max-1 columns, then the ellipsis; cut on a code point boundary */
	for (i = start; i < out->len; i++) {
		if (((unsigned char)out->data[i] & 0xc0) != 0x80) {
			if (cols == max - 1)
				break;
			cols++;
		}
	}
	out->len = i;
	out->data[i] = '\0';
	gs_buf_adds(out, "\xe2\x80\xa6");
	return max;
}

/* The offset of the code point n columns after from (out->len when there are fewer). */
static size_t skip_columns(const struct gs_buf *out, size_t from, size_t n)
{
	size_t i, cols = 0;

	for (i = from; i < out->len; i++) {
		if (((unsigned char)out->data[i] & 0xc0) != 0x80) {
			if (cols == n)
				break;
			cols++;
		}
	}
	return i;
}

size_t term_cut_middle(struct gs_buf *out, size_t start, size_t max)
{
	size_t w = term_width(out->data + start, out->len - start), head, tail, from, tail_at;

	if (max < 3 || w <= max)
		return term_cut(out, start, max);
	head = (max - 1) / 2;
	tail = max - 1 - head;
	from = skip_columns(out, start, head);
	tail_at = skip_columns(out, start, w - tail);
	/* the tail moves down over the middle, then the ellipsis goes between */
	memmove(out->data + from + 3, out->data + tail_at, out->len - tail_at);
	memcpy(out->data + from, "\xe2\x80\xa6", 3);
	out->len = from + 3 + (out->len - tail_at);
	out->data[out->len] = '\0';
	return max;
}

size_t term_cell(struct gs_buf *out, const char *s, size_t len, size_t max)
{
	size_t start = out->len;

	term_escape(out, s, len);
	return term_cut(out, start, max);
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *term_state_color(const char *state)
{
	if (strcmp(state, "running") == 0 || strcmp(state, "runnable") == 0)
		return TERM_GREEN;
	if (starts(state, "sync.") || starts(state, "semacquire") || strstr(state, "Mutex") ||
	    strstr(state, "RWMutex") || starts(state, "sync.Cond"))
		return TERM_YELLOW;
	if (starts(state, "syscall"))
		return TERM_CYAN;
	if (strcmp(state, "IO wait") == 0 || strcmp(state, "select") == 0 ||
	    starts(state, "chan ") || strcmp(state, "select (no cases)") == 0 ||
	    strcmp(state, "sleep") == 0 || strcmp(state, "idle") == 0)
		return TERM_DIM;
	if (strcmp(state, "deadlock") == 0 || strstr(state, "panic"))
		return TERM_RED;
	return "";
}
