/* jsonw.c - streaming JSON writer; see jsonw.h.
 *
 * The writer never fails visibly: a buffer that cannot grow keeps what it had (buf.h), and
 * the caller notices a short document. Nesting deeper than GS_JW_MAX_DEPTH is still written,
 * but comma tracking is shared by the levels past the cap (our documents are shallow).
 */
#include "jsonw.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char hexdigits[] = "0123456789abcdef";

/* The need_comma slot of the current level, clamped so deep input cannot overflow it. */
static unsigned char *comma_slot(struct gs_jsonw *w)
{
	int d = w->depth;

	if (d < 0)
		d = 0;
	if (d >= GS_JW_MAX_DEPTH)
		d = GS_JW_MAX_DEPTH - 1;
	return &w->need_comma[d];
}

static void newline_indent(struct gs_jsonw *w, int depth)
{
	int i;

	gs_buf_addch(w->out, '\n');
	for (i = 0; i < depth; i++)
		gs_buf_add(w->out, "  ", 2);
}

/* Everything that starts a value or a key: a comma after a sibling, a newline and an
 * indent in pretty mode; nothing right after a key. */
static void before_item(struct gs_jsonw *w)
{
	unsigned char *slot;

	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	slot = comma_slot(w);
	if (*slot)
		gs_buf_addch(w->out, ',');
	if (w->pretty && w->depth > 0)
		newline_indent(w, w->depth);
	*slot = 1;
}

void gs_jw_init(struct gs_jsonw *w, struct gs_buf *out, int pretty)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->pretty = pretty;
}

static void open_level(struct gs_jsonw *w, char c)
{
	before_item(w);
	gs_buf_addch(w->out, c);
	w->depth++;
	*comma_slot(w) = 0;
}

/* An empty container closes on the same line: {} and []. */
static void close_level(struct gs_jsonw *w, char c)
{
	int had_items = *comma_slot(w);

	w->after_key = 0;
	if (w->depth > 0)
		w->depth--;
	if (w->pretty && had_items)
		newline_indent(w, w->depth);
	gs_buf_addch(w->out, c);
}

void gs_jw_obj_begin(struct gs_jsonw *w) { open_level(w, '{'); }
void gs_jw_obj_end(struct gs_jsonw *w) { close_level(w, '}'); }
void gs_jw_arr_begin(struct gs_jsonw *w) { open_level(w, '['); }
void gs_jw_arr_end(struct gs_jsonw *w) { close_level(w, ']'); }

void gs_jw_key(struct gs_jsonw *w, const char *key)
{
	before_item(w);
	gs_buf_addch(w->out, '"');
	gs_jw_escape(w->out, key, strlen(key));
	gs_buf_add(w->out, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
	w->after_key = 1;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes there are not one
 * (overlong forms, surrogates, code points past U+10FFFF, truncated sequences). */
static size_t utf8_valid_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (len < n)
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

static void add_u00(struct gs_buf *out, unsigned char c)
{
	char esc[6];

	memcpy(esc, "\\u00", 4);
	esc[4] = hexdigits[c >> 4];
	esc[5] = hexdigits[c & 0xf];
	gs_buf_add(out, esc, 6);
}

void gs_jw_escape(struct gs_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, n;

	while (i < len) {
		unsigned char c = p[i];

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			run++;
			continue;
		}
		if (c >= 0x80) {
			n = utf8_valid_len(p + i, len - i);
			/* C1 controls (U+0080..U+009F: a terminal may act on them) are escaped too */
			if (n > 0 && !(c == 0xc2 && p[i + 1] <= 0x9f)) {
				i += n;
				run += n;
				continue;
			}
		}
		gs_buf_add(out, p + i - run, run);
		run = 0;
		if (c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			i++;
			add_u00(out, p[i]);
		} else if (c >= 0x80) {
			/* one replacement per bad byte: simple and never swallows good text */
			gs_buf_add(out, "\xef\xbf\xbd", 3);
		} else if (c == '"') {
			gs_buf_add(out, "\\\"", 2);
		} else if (c == '\\') {
			gs_buf_add(out, "\\\\", 2);
		} else if (c == '\n') {
			gs_buf_add(out, "\\n", 2);
		} else if (c == '\t') {
			gs_buf_add(out, "\\t", 2);
		} else if (c == '\r') {
			gs_buf_add(out, "\\r", 2);
		} else {
			add_u00(out, c);
		}
		i++;
	}
	gs_buf_add(out, p + i - run, run);
}

void gs_jw_strn(struct gs_jsonw *w, const char *s, size_t len)
{
	before_item(w);
	gs_buf_addch(w->out, '"');
	gs_jw_escape(w->out, s, len);
	gs_buf_addch(w->out, '"');
}

void gs_jw_str(struct gs_jsonw *w, const char *s)
{
	if (s == NULL) {
		gs_jw_null(w);
		return;
	}
	gs_jw_strn(w, s, strlen(s));
}

void gs_jw_int(struct gs_jsonw *w, int64_t v)
{
	before_item(w);
	gs_buf_addf(w->out, "%" PRId64, v);
}

void gs_jw_uint(struct gs_jsonw *w, uint64_t v)
{
	struct gs_buf *b = w->out;

	/* an item of a compact array, most of a document ("ids" writes one a goroutine):
	 * its comma and digits in place when there is room */
	if (!w->after_key && !w->pretty && b->len + 1 + GS_U64_TEXT_MAX < b->cap) {
		unsigned char *slot = comma_slot(w);
		char *p = b->data + b->len;

		if (*slot)
			*p++ = ',';
		*slot = 1;
		p += gs_u64_text(p, v);
		*p = '\0';
		b->len = (size_t)(p - b->data);
		return;
	}
	before_item(w);
	gs_buf_add_u64(w->out, v);
}

/* JSON has no NaN or infinity: they are written as null. %.17g round-trips a double. */
void gs_jw_double(struct gs_jsonw *w, double v)
{
	before_item(w);
	if (isnan(v) || isinf(v))
		gs_buf_add(w->out, "null", 4);
	else
		gs_buf_addf(w->out, "%.17g", v);
}

void gs_jw_double_g(struct gs_jsonw *w, double v, int digits)
{
	before_item(w);
	if (isnan(v) || isinf(v))
		gs_buf_add(w->out, "null", 4);
	else
		gs_buf_addf(w->out, "%.*g", digits, v);
}

void gs_jw_bool(struct gs_jsonw *w, int v)
{
	before_item(w);
	if (v)
		gs_buf_add(w->out, "true", 4);
	else
		gs_buf_add(w->out, "false", 5);
}

void gs_jw_null(struct gs_jsonw *w)
{
	before_item(w);
	gs_buf_add(w->out, "null", 4);
}
