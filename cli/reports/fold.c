/* fold.c - see fold.h.
 *
 * Integer work first: values are summed per (state, stack id) in a hash table, so a dump of
 * 500k goroutines over 1k stacks writes 1k texts. Then the texts are sorted and equal texts
 * (different lines of one function, or stacks that differ only in files) merged. */
#include "reports/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "reports/render.h"
#include "scale.h"
#include "outputs/term.h"
#include "outputs/sums.h"

/* ---- summing by (state, stack) ---- */

struct slot {
	uint32_t state, stack;   /* stack + 1; 0 = empty slot */
	int64_t value;
};

struct sums {
	struct slot *slots;
	size_t cap, n;
};

static void sums_add(struct sums *s, uint32_t state, uint32_t stack, int64_t v);

static void sums_grow(struct sums *s)
{
	struct slot *old = s->slots;
	size_t oldcap = s->cap, i;

	s->cap = s->cap ? s->cap * 2 : 1024;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	s->n = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].stack)
			sums_add(s, old[i].state, old[i].stack - 1, old[i].value);
	free(old);
}

static void sums_add(struct sums *s, uint32_t state, uint32_t stack, int64_t v)
{
	uint64_t h;
	size_t i;

	if ((s->n + 1) * 2 > s->cap)
		sums_grow(s);
	h = ((uint64_t)state << 32 | stack) * 0x9e3779b97f4a7c15ull;
	i = (size_t)(h >> 20) & (s->cap - 1);
	while (s->slots[i].stack) {
		if (s->slots[i].state == state && s->slots[i].stack == stack + 1) {
			s->slots[i].value = sum_i64(s->slots[i].value, v);
			return;
		}
		i = (i + 1) & (s->cap - 1);
	}
	s->slots[i].state = state;
	s->slots[i].stack = stack + 1;
	s->slots[i].value = v;
	s->n++;
}

/* ---- texts ---- */

static void add_name(struct gs_buf *out, const char *s, size_t len)
{
	size_t start = out->len, i;

	term_escape(out, s, len);
	for (i = start; i < out->len; i++)
		if (out->data[i] == ';')
			out->data[i] = ':';
}

static void add_entry(struct fold *f, const struct gs_model *m, uint32_t state, int by_state,
                      uint32_t stack, int64_t value)
{
	const struct gs_stack *st = &m->stacks[stack];
	uint32_t use = st->canon && m->stacks[st->canon].len ? st->canon : stack, i, n;
	const uint32_t *frames = gs_stack_frames(m, use);
	struct fold_entry *e;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->e = xrealloc(f->e, f->cap * sizeof *f->e);
	}
	e = &f->e[f->n++];
	e->off = f->text.len;
	e->value = value;
	if (by_state) {
		if (state)
			add_name(&f->text, gs_str(m, state), gs_intern_len(m->strings, state));
		else
			gs_buf_adds(&f->text, "[no state]");
		gs_buf_addch(&f->text, ';');
	}
	n = m->stacks[use].len;
	if (n == 0)
		gs_buf_adds(&f->text, "[no stack]");
	/* stacks are stored leaf first; folded lines are root first */
	for (i = n; i-- > 0;) {
		uint32_t func = m->frames[frames[i]].func;

		add_name(&f->text, gs_str(m, func), gs_intern_len(m->strings, func));
		if (i > 0)
			gs_buf_addch(&f->text, ';');
	}
	e->len = f->text.len - e->off;
	f->total = sum_i64(f->total, value);
}

static const char *sort_text;

static int cmp_entry(const void *a, const void *b)
{
	const struct fold_entry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(sort_text + x->off, sort_text + y->off, n);

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

static void finish(struct fold *f, const struct gs_model *m, struct sums *s, int by_state)
{
	size_t i, k;

	for (i = 0; i < s->cap; i++)
		if (s->slots[i].stack)
			add_entry(f, m, s->slots[i].state, by_state, s->slots[i].stack - 1,
			          s->slots[i].value);
	free(s->slots);
	sort_text = f->text.data;
	if (f->n > 1) /* qsort's array may not be NULL, even for none */
		qsort(f->e, f->n, sizeof *f->e, cmp_entry);
	for (i = 1, k = 0; i < f->n; i++) {
		if (f->e[i].len == f->e[k].len &&
		    memcmp(f->text.data + f->e[i].off, f->text.data + f->e[k].off, f->e[i].len) == 0)
			f->e[k].value = sum_i64(f->e[k].value, f->e[i].value);
		else
			f->e[++k] = f->e[i];
	}
	if (f->n)
		f->n = k + 1;
	/* a site with nothing in use draws nothing and only lengthens the file */
	for (i = 0, k = 0; i < f->n; i++)
		if (f->e[i].value != 0)
			f->e[k++] = f->e[i];
	f->n = k;
}

static void fold_init(struct fold *f, const char *unit)
{
	memset(f, 0, sizeof *f);
	xbuf_init(&f->text);
	f->unit = unit;
}

void fold_goroutines(struct fold *f, const struct gs_model *m, const unsigned char *keep,
                     int by_state)
{
	struct sums s = { NULL, 0, 0 };
	size_t i;

	fold_init(f, "goroutines");
	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];

		if (keep && !keep[i])
			continue;
		sums_add(&s, by_state && !(g->flags & GS_G_NOSTATE) ? g->state : 0, g->stack,
		         g->count > INT64_MAX ? INT64_MAX : (int64_t)g->count);
	}
	finish(f, m, &s, by_state);
}

void fold_samples(struct fold *f, const struct gs_model *m, const unsigned char *keep, int col,
                  int scaled, const char *unit)
{
	struct sums s = { NULL, 0, 0 };
	size_t i;

	fold_init(f, unit);
	for (i = 0; i < m->nsamples; i++) {
		const struct gs_sample *sp = &m->samples[i];
		int64_t v[4];

		if (keep && !keep[i])
			continue;
		if (!scaled || gs_sample_scaled(m, sp, v) != 0)
			memcpy(v, sp->v, sizeof v);
		sums_add(&s, 0, sp->stack, v[col]);
	}
	finish(f, m, &s, 0);
}

void fold_print(const struct fold *f, FILE *out)
{
	struct gs_buf b = XBUF_INIT;
	size_t i;

	for (i = 0; i < f->n; i++) {
		gs_buf_add(&b, f->text.data + f->e[i].off, f->e[i].len);
		gs_buf_addf(&b, " %lld\n", (long long)f->e[i].value);
		render_flush(&b, out, 0);
	}
	render_flush(&b, out, 1);
	gs_buf_release(&b);
}
