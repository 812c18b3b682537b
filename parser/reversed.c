/* reversed.c - see reversed.h. */
#include "reversed.h"

#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "paste.h"
#include "scan.h"

void rev_init(struct lines_rev *v)
{
	memset(v, 0, sizeof *v);
	gs_buf_init(&v->text, GS_LINES_BLOCK_MAX + 1);
	v->state = REV_UNKNOWN;
}

void rev_release(struct lines_rev *v)
{
	gs_buf_release(&v->text);
	free(v->lines);
	v->lines = NULL;
	v->n = v->cap = 0;
}

static int hold(struct lines_rev *v, const struct gs_line *l)
{
	struct rev_line *h;

	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		struct rev_line *a = realloc(v->lines, cap * sizeof *a);

		if (a == NULL)
			return -1;
		v->lines = a;
		v->cap = cap;
	}
	h = &v->lines[v->n];
	h->off = v->text.len;
	h->len = l->len;
	h->no = l->no;
	h->last = l->last;
	h->flags = l->flags;
	if (gs_buf_add(&v->text, l->text, l->len) != 0)
		return -1;
	v->n++;
	return 0;
}

static int out(const struct lines_rev *v, size_t i, gs_lines_fn fn, void *ctx)
{
	const struct rev_line *h = &v->lines[i];
	struct gs_line l;

	l.text = v->text.data + h->off;
	l.len = h->len;
	l.no = h->no;
	l.last = h->last;
	l.flags = h->flags | (v->state == REV_YES ? GS_LINE_MOVED : 0);
	return fn(ctx, &l);
}

/* The lines held go out, in input order or last first, and are let go. */
static int flush(struct lines_rev *v, int reversed, gs_lines_fn fn, void *ctx)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < v->n && rc == 0; i++)
		rc = out(v, reversed ? v->n - 1 - i : i, fn, ctx);
	v->n = 0;
	gs_buf_reset(&v->text);
	return rc;
}

/* The held line i without the log prefix learned since it was read. */
static void unprefixed(const struct lines_rev *v, size_t i, rev_prefix_fn prefix, void *pctx,
                       const char **s, size_t *n)
{
	const struct rev_line *h = &v->lines[i];
	size_t k;

	*s = v->text.data + h->off;
	*n = h->len;
	k = prefix(pctx, *s, *n);
	*s += k;
	*n -= k;
}

/* upside_down = BLANKS FILE ":" LINE ...  FUNCNAME "(" args ")"   (the two lines above the
 * first header: a frame, file line first) */
static int upside_down(const struct lines_rev *v, rev_prefix_fn prefix, void *pctx)
{
	const char *s;
	size_t n;
	int whole;

	if (v->n < 2)
		return 0;
	unprefixed(v, v->n - 1, prefix, pctx, &s, &n);
	if (paste_shape(s, n, &whole) != PASTE_FUNC || !whole)
		return 0;
	unprefixed(v, v->n - 2, prefix, pctx, &s, &n);
	return n > 0 && scan_is_blank(s[0]) && paste_shape(s, n, &whole) == PASTE_FILE && whole;
}

/* A goroutine's header: it goes out, then its lines held above it, last first. */
static int header_out(struct lines_rev *v, const struct gs_line *l, gs_lines_fn fn, void *ctx)
{
	struct gs_line h = *l;
	int rc;

	h.flags |= GS_LINE_MOVED;
	if (!v->said)
		h.flags |= GS_LINE_REVERSED;
	v->said = 1;
	rc = fn(ctx, &h);
	return rc ? rc : flush(v, 1, fn, ctx);
}

int rev_line(struct lines_rev *v, const struct gs_line *l, rev_prefix_fn prefix, void *pctx,
             gs_lines_fn fn, void *ctx)
{
	enum gs_kind kind;
	size_t i, k;
	int rc;

	if (v->state == REV_NO)
		return fn(ctx, l);
	kind = gs_header_kind(l->text, l->len);
	if (v->state == REV_UNKNOWN && kind != GS_KIND_UNKNOWN) {
		int reversed = kind == GS_KIND_GOROUTINE && upside_down(v, prefix, pctx);

		/* the prefix is known now: the lines above the header lose it too (a crash's
		 * "panic: " line under a log prefix) */
		for (i = 0; i < v->n; i++) {
			k = prefix(pctx, v->text.data + v->lines[i].off, v->lines[i].len);
			v->lines[i].off += k;
			v->lines[i].len -= k;
		}
		if (!reversed) {
			v->state = REV_NO;
			rc = flush(v, 0, fn, ctx);
			return rc ? rc : fn(ctx, l);
		}
		v->state = REV_YES;
	}
	if (v->state == REV_YES) {
		if (kind == GS_KIND_GOROUTINE)
			return header_out(v, l, fn, ctx);
		if (kind != GS_KIND_UNKNOWN || l->len == 0) {
			/* the end of text that is no goroutine */
			rc = flush(v, 1, fn, ctx);
			return rc ? rc : fn(ctx, l);
		}
	}
	if (v->text.len + l->len > GS_LINES_BLOCK_MAX) {
		/* too long to be a goroutine, or a preamble to wait through: out as it came */
		rc = flush(v, v->state == REV_YES, fn, ctx);
		if (v->state == REV_UNKNOWN)
			v->state = REV_NO;
		if (rc != 0)
			return rc;
		if (v->state == REV_NO || l->len > GS_LINES_BLOCK_MAX)
			return fn(ctx, l);
	}
	return hold(v, l);
}

int rev_finish(struct lines_rev *v, gs_lines_fn fn, void *ctx)
{
	int rc = flush(v, v->state == REV_YES, fn, ctx);

	if (v->state == REV_UNKNOWN)
		v->state = REV_NO;
	return rc;
}
