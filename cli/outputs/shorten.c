/* shorten.c - see shorten.h.
 *
 * A cell is FUNC, or FUNC " " DIR/FILE:LINE [" " REMARK]. The candidates, least lossy
 * first: the function with fewer of its package path's middle elements ("a/…/d.F", then
 * "…/d.F"), with the whole tail; the same with the tail's directory dropped ("FILE:LINE
 * REMARK"); last the function's last element cut in its middle. The first that fits is
 * taken; FILE:LINE and the remark are in every one of them.
 */
#include "outputs/shorten.h"

#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"

#define ELLIPSIS "\xe2\x80\xa6"
/* a function cut in its middle keeps at least this many columns */
#define FUNC_MIN 20

struct parts {
	const char *func;        /* up to the first blank */
	size_t func_len;
	const char *tail;        /* from the first blank: " DIR/FILE:LINE ..." ("" none) */
	size_t tail_len;
	const char *file;        /* the tail without its directory: "FILE:LINE ..." */
	size_t file_len;
};

static void split(const char *s, size_t len, struct parts *p)
{
	const char *blank = memchr(s, ' ', len), *slash = NULL, *q, *end;

	p->func = s;
	p->func_len = blank ? (size_t)(blank - s) : len;
	p->tail = s + p->func_len;
	p->tail_len = len - p->func_len;
	p->file = p->tail;
	p->file_len = p->tail_len;
	if (blank == NULL)
		return;
	/* the directory is the first word of the tail up to its last '/' */
	end = memchr(blank + 1, ' ', (size_t)(s + len - blank - 1));
	if (end == NULL)
		end = s + len;
	for (q = blank + 1; q < end; q++)
		if (*q == '/')
			slash = q;
	if (slash) {
		p->file = slash + 1;
		p->file_len = (size_t)(s + len - p->file);
	}
}

/* The byte offset of display column col in s (UTF-8: a column per code point). */
static size_t byte_at(const char *s, size_t len, size_t col)
{
	size_t i, cols = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cols == col)
				return i;
			cols++;
		}
	return len;
}

/* s cut in its middle to max columns (max >= 2): its start, "…", its end, which names
 * the function and gets the larger part. */
static void cut_middle(struct gs_buf *b, const char *s, size_t len, size_t max)
{
	size_t w = term_width(s, len), keep, front, back, at;

	if (w <= max) {
		gs_buf_add(b, s, len);
		return;
	}
	keep = max > 1 ? max - 1 : 1;
	front = keep / 3;
	back = keep - front;
	gs_buf_add(b, s, byte_at(s, len, front));
	gs_buf_adds(b, ELLIPSIS);
	at = byte_at(s, len, w - back);
	gs_buf_add(b, s + at, len - at);
}

/* The function's last path element: "d.F" of "a/b/c/d.F". */
static const char *last_element(const char *f, size_t len)
{
	const char *p, *last = f;

	for (p = f; p < f + len; p++)
		if (*p == '/')
			last = p + 1;
	return last;
}

/* Appends the function with path elements [1, from) dropped: "a/…/FROM...". from is the
 * start of a later element; from == NULL keeps it whole, from == f writes "…/LAST". */
static void func_form(struct gs_buf *b, const char *f, size_t len, const char *from)
{
	const char *slash = memchr(f, '/', len);

	if (from == NULL) {
		gs_buf_add(b, f, len);
		return;
	}
	if (from != f && slash)
		gs_buf_add(b, f, (size_t)(slash - f) + 1);
	gs_buf_adds(b, ELLIPSIS "/");
	from = from == f ? last_element(f, len) : from;
	gs_buf_add(b, from, len - (size_t)(from - f));
}

/* Tries the function's forms with one tail; 1 when one fits max (left in b). */
static int try_forms(struct gs_buf *b, const struct parts *p, const char *tail, size_t tail_len,
                     size_t max)
{
	const char *f = p->func, *first = memchr(f, '/', p->func_len), *q;
	size_t flen = p->func_len;

	gs_buf_reset(b);
	func_form(b, f, flen, NULL);
	gs_buf_add(b, tail, tail_len);
	if (term_width(b->data, b->len) <= max)
		return 1;
	if (first == NULL)
		return 0;
	/* keep the first element and as many of the last ones as fit */
	for (q = first + 1; q < f + flen; q++) {
		const char *next;

		if (q[-1] != '/')
			continue;
		next = memchr(q, '/', flen - (size_t)(q - f));
		if (next == NULL)
			continue;
		gs_buf_reset(b);
		func_form(b, f, flen, next + 1);
		gs_buf_add(b, tail, tail_len);
		if (term_width(b->data, b->len) <= max)
			return 1;
	}
	gs_buf_reset(b);
	func_form(b, f, flen, f);
	gs_buf_add(b, tail, tail_len);
	return term_width(b->data, b->len) <= max;
}

size_t shorten_floor(const char *s, size_t len)
{
	struct parts p;
	size_t w = term_width(s, len), last, filew;

	split(s, len, &p);
	last = term_width(last_element(p.func, p.func_len),
	                  p.func_len - (size_t)(last_element(p.func, p.func_len) - p.func));
	if (p.file != p.tail)
		filew = term_width(p.file, p.file_len) + 1;
	else
		filew = term_width(p.tail, p.tail_len);
	last = last < FUNC_MIN ? last : FUNC_MIN;
	return last + filew < w ? last + filew : w;
}

size_t shorten_cell(struct gs_buf *out, size_t start, size_t max)
{
	struct gs_buf b = XBUF_INIT, file = XBUF_INIT;
	const char *s = out->data + start;
	size_t len = out->len - start, w = term_width(s, len), filew;
	struct parts p;
	const char *last;

	if (max == 0 || w <= max)
		return w;
	split(s, len, &p);
	gs_buf_addch(&file, ' ');
	gs_buf_add(&file, p.file, p.file_len);
	if (p.file == p.tail)
		gs_buf_reset(&file), gs_buf_add(&file, p.tail, p.tail_len);
	if (!try_forms(&b, &p, p.tail, p.tail_len, max) &&
	    !try_forms(&b, &p, file.data, file.len, max)) {
		/* the last element cut in its middle, at least FUNC_MIN columns of it */
		filew = term_width(file.data, file.len);
		last = last_element(p.func, p.func_len);
		gs_buf_reset(&b);
		/* a dropped package path still shows that something was dropped */
		if (last != p.func) {
			gs_buf_adds(&b, ELLIPSIS "/");
			filew += 2;
		}
		cut_middle(&b, last, p.func_len - (size_t)(last - p.func),
		           max > filew + FUNC_MIN ? max - filew : FUNC_MIN);
		gs_buf_add(&b, file.data, file.len);
	}
	out->len = start;
	gs_buf_add(out, b.data, b.len);
	gs_buf_release(&b);
	gs_buf_release(&file);
	return term_width(out->data + start, out->len - start);
}
