/* chart.c - see chart.h. */
#include "outputs/chart.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

void chart_init(struct chart *c, enum chart_kind kind, size_t npoints, const char *what)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->npoints = npoints ? npoints : 1;
	c->what = what;
	xbuf_init(&c->text);
	c->legend = xcalloc(c->npoints, sizeof *c->legend);
}

void chart_free(struct chart *c)
{
	gs_buf_release(&c->text);
	free(c->legend);
	free(c->x);
	free(c->v);
	free(c->rows);
	memset(c, 0, sizeof *c);
}

static struct chart_text add_text(struct chart *c, const char *s, size_t len)
{
	struct chart_text t;

	t.off = c->text.len;
	t.len = len;
	gs_buf_add(&c->text, s, len);
	gs_buf_addch(&c->text, '\0'); /* each text can be read as a C string too */
	return t;
}

static struct chart_text vadd_text(struct chart *c, const char *fmt, va_list ap)
{
	struct chart_text t;

	t.off = c->text.len;
	gs_buf_vaddf(&c->text, fmt, ap);
	t.len = c->text.len - t.off;
	gs_buf_addch(&c->text, '\0');
	return t;
}

void chart_legend(struct chart *c, size_t i, const char *s, size_t len)
{
	if (i < c->npoints)
		c->legend[i] = add_text(c, s, len);
}

void chart_times(struct chart *c, const double *x)
{
	if (c->x == NULL)
		c->x = xcalloc(c->npoints, sizeof *c->x);
	memcpy(c->x, x, c->npoints * sizeof *c->x);
}

void chart_row(struct chart *c, const char *label, size_t len, size_t link)
{
	struct chart_row *r;
	size_t i;

	if (c->nrows == c->rows_cap) {
		c->rows_cap = c->rows_cap ? c->rows_cap * 2 : 16;
		c->rows = xrealloc(c->rows, c->rows_cap * sizeof *c->rows);
	}
	while (c->nv + c->npoints > c->vcap) {
		c->vcap = c->vcap ? c->vcap * 2 : 64;
		c->v = xrealloc(c->v, c->vcap * sizeof *c->v);
	}
	r = &c->rows[c->nrows++];
	memset(r, 0, sizeof *r);
	r->label = add_text(c, label, len);
	r->badge = r->note = r->numbers = add_text(c, "", 0);
	r->first = c->nv;
	r->link = link;
	for (i = 0; i < c->npoints; i++)
		c->v[c->nv++] = NAN;
}

void chart_badge(struct chart *c, const char *word, enum table_style style)
{
	struct chart_row *r = &c->rows[c->nrows - 1];

	r->badge = add_text(c, word, strlen(word));
	r->style = style;
}

void chart_notef(struct chart *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	c->rows[c->nrows - 1].note = vadd_text(c, fmt, ap);
	va_end(ap);
}

void chart_numbersf(struct chart *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	c->rows[c->nrows - 1].numbers = vadd_text(c, fmt, ap);
	va_end(ap);
}

void chart_value(struct chart *c, size_t i, double v)
{
	if (c->nrows && i < c->npoints)
		c->v[c->rows[c->nrows - 1].first + i] = v;
}

double chart_at(const struct chart *c, size_t r, size_t i)
{
	return c->v[c->rows[r].first + i];
}

const char *chart_str(const struct chart *c, struct chart_text t)
{
	return c->text.data + t.off;
}
