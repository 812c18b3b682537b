/* flame.c - see flame.h.
 *
 * The folded lines become a tree (a node per distinct path, found through a hash on
 * (parent, name)), values summed up the tree; a depth-first walk lays it out, children in
 * the order of the sorted folded text, which is flamegraph.pl's alphabetical order. */
#include "outputs/flame.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "outputs/msg.h"
#include "outputs/table.h"
#include "outputs/sums.h"

#define MIN_WIDTH 0.5      /* narrower frames are not drawn */
#define CHAR_WIDTH 6.7     /* of the 11px monospace labels, in viewBox units (DejaVu
                              Sans Mono advances 6.62, Liberation Mono 6.6) */
#define MAX_DEPTH 256      /* frames read per stack */
#define MAX_ROWS 48        /* rows drawn: deeper frames are left out (their share is above) */

struct node {
	size_t name, len;      /* in fold.text */
	int64_t value;
	unsigned repeat;       /* calls of itself folded into it (recursion), 0 none */
	size_t first, last;    /* children, SIZE_MAX none */
	size_t next;           /* sibling */
	size_t parent;
};

struct tree {
	struct node *n;
	size_t len, cap;
	size_t *slot;          /* node index + 1 */
	size_t nslots;
	const char *text;
};

static uint64_t key_hash(size_t parent, const char *s, size_t len)
{
	return gs_intern_hash(s, len) ^ ((uint64_t)parent * 0x9e3779b97f4a7c15ull);
}

static size_t add_node(struct tree *t, size_t parent, size_t name, size_t len)
{
	struct node *x;

	if (t->len == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->n = xrealloc(t->n, t->cap * sizeof *t->n);
	}
	x = &t->n[t->len];
	x->name = name;
	x->len = len;
	x->value = 0;
	x->repeat = 0;
	x->first = x->last = x->next = SIZE_MAX;
	x->parent = parent;
	if (parent != SIZE_MAX) {
		struct node *p = &t->n[parent];

		if (p->last == SIZE_MAX)
			p->first = t->len;
		else
			t->n[p->last].next = t->len;
		p->last = t->len;
	}
	return t->len++;
}

static void rehash(struct tree *t);

/* The child of parent named text[name, name+len), added when missing. */
static size_t child(struct tree *t, size_t parent, size_t name, size_t len)
{
	uint64_t h;
	size_t i, id;

	if ((t->len + 1) * 2 > t->nslots)
		rehash(t);
	h = key_hash(parent, t->text + name, len);
	for (i = (size_t)h & (t->nslots - 1); t->slot[i]; i = (i + 1) & (t->nslots - 1)) {
		const struct node *x = &t->n[t->slot[i] - 1];

		if (x->parent == parent && x->len == len && memcmp(t->text + x->name, t->text + name,
		                                                   len) == 0)
			return t->slot[i] - 1;
	}
	id = add_node(t, parent, name, len);
	t->slot[i] = id + 1;
	return id;
}

static void rehash(struct tree *t)
{
	size_t i, k;

	free(t->slot);
	t->nslots = t->nslots ? t->nslots * 2 : 1024;
	t->slot = xcalloc(t->nslots, sizeof *t->slot);
	for (k = 1; k < t->len; k++) {
		const struct node *x = &t->n[k];
		uint64_t h = key_hash(x->parent, t->text + x->name, x->len);

		for (i = (size_t)h & (t->nslots - 1); t->slot[i]; i = (i + 1) & (t->nslots - 1))
			;
		t->slot[i] = k + 1;
	}
}

static void build(struct tree *t, const struct fold *f)
{
	size_t e;

	memset(t, 0, sizeof *t);
	t->text = f->text.data;
	add_node(t, SIZE_MAX, 0, 0); /* the root: everything */
	rehash(t);
	for (e = 0; e < f->n; e++) {
		size_t at = 0, p = f->e[e].off, end = p + f->e[e].len, depth = 0;
		unsigned run = 0;

		t->n[0].value = sum_i64(t->n[0].value, f->e[e].value);
		while (p < end && depth++ < MAX_DEPTH) {
			const char *semi = memchr(t->text + p, ';', end - p);
			size_t stop = semi ? (size_t)(semi - t->text) : end;

			/* recursion (f calling f calling f) is drawn once, as "f x97": a stack a
			 * hundred calls deep would otherwise make the graph a hundred rows tall */
			if (at && t->n[at].len == stop - p &&
			    memcmp(t->text + t->n[at].name, t->text + p, stop - p) == 0) {
				run++;
				if (run + 1 > t->n[at].repeat)
					t->n[at].repeat = run + 1;
			} else {
				run = 0;
				at = child(t, at, p, stop - p);
				t->n[at].value = sum_i64(t->n[at].value, f->e[e].value);
			}
			p = stop + 1;
		}
	}
}

static void xml(struct gs_buf *out, const char *s, size_t len);

static size_t code_points(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The byte offset of code point k of s (len when past its end). */
static size_t at_code_point(const char *s, size_t len, size_t k)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && k-- == 0)
			return i;
	return len;
}

/* name in at most cols columns: whole when it fits, else its middle elided with "…", so
 * the start of the package and the end of the function stay (the full name is in the
 * frame's <title>). */
static void fit_name(struct gs_buf *out, const char *name, size_t len, size_t cols)
{
	size_t n = code_points(name, len), head, tail;

	if (n <= cols) {
		xml(out, name, len);
		return;
	}
	head = (cols - 1) / 3;
	tail = cols - 1 - head;
	xml(out, name, at_code_point(name, len, head));
	gs_buf_adds(out, "\xe2\x80\xa6");
	tail = at_code_point(name, len, n - tail);
	xml(out, name + tail, len - tail);
}

static void xml(struct gs_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '<': gs_buf_adds(out, "&lt;"); break;
		case '>': gs_buf_adds(out, "&gt;"); break;
		case '&': gs_buf_adds(out, "&amp;"); break;
		case '"': gs_buf_adds(out, "&quot;"); break;
		case '\'': gs_buf_adds(out, "&#39;"); break;
		default: gs_buf_addch(out, s[i]);
		}
	}
}

/* A colour per package kind, its lightness varied by name so neighbours differ. */
static void fill(struct gs_buf *out, const char *s, size_t len, int root)
{
	unsigned v = (unsigned)(gs_intern_hash(s, len) % 16);

	if (root) {
		gs_buf_adds(out, "#c9cdd3");
		return;
	}
	switch (table_func_style(s, len)) {
	case TS_MAIN:
		gs_buf_addf(out, "hsl(%u,85%%,%u%%)", 22 + v, 58 + v / 2);
		break;
	case TS_OTHER:
		gs_buf_addf(out, "hsl(%u,45%%,%u%%)", 160 + v, 55 + v / 2);
		break;
	default:
		gs_buf_addf(out, "hsl(%u,25%%,%u%%)", 210 + v, 70 + v / 2);
		break;
	}
}

struct walk {
	struct gs_buf *out;
	const struct tree *t;
	double scale;          /* viewBox units per value unit */
	int64_t total;
	const char *what;
	struct gs_buf label;   /* the root's */
};

static void draw(struct walk *w, size_t id, double x, unsigned depth)
{
	const struct node *n = &w->t->n[id];
	double width = (double)n->value * w->scale, cx = x;
	const char *name = id ? w->t->text + n->name : "all";
	size_t len = id ? n->len : 3, chars, suffix_cols = 0;
	const char *suffix = "";
	char times[32];
	struct gs_buf *out = w->out;
	size_t c;

	if (width < MIN_WIDTH || depth >= MAX_ROWS)
		return;
	gs_buf_addf(out, "<g><title>");
	if (id)
		xml(out, name, len);
	else
		gs_buf_addf(out, "all %s", w->what);
	if (n->repeat > 1)
		gs_buf_addf(out, ", calling itself: %u deep", n->repeat);
	gs_buf_addf(out, " (%" PRId64 " %s, %.2f%%)</title><rect x=\"%.1f\" y=\"%u\" width=\"%.1f\" "
	         "height=\"%d\" rx=\"2\" fill=\"", n->value, w->what,
	         w->total ? 100.0 * (double)n->value / (double)w->total : 0.0, x,
	         depth * FLAME_ROW, width, FLAME_ROW - 1);
	fill(out, name, len, id == 0);
	gs_buf_adds(out, "\"/>");
	chars = width > 8 ? (size_t)((width - 6) / CHAR_WIDTH) : 0;
	if (n->repeat > 1) {
		/* room for " x97" after the name */
		snprintf(times, sizeof times, " \xc3\x97%u", n->repeat);
		suffix = times;
		suffix_cols = strlen(times) - 1;
	}
	if (chars >= 5 + suffix_cols) {
		gs_buf_addf(out, "<text x=\"%.1f\" y=\"%u\">", x + 3, depth * FLAME_ROW + 12);
		if (id == 0) {
			gs_buf_reset(&w->label);
			gs_buf_addf(&w->label, "all %s (%" PRId64 ")", w->what, n->value);
			fit_name(out, w->label.data, w->label.len, chars);
		} else {
			fit_name(out, name, len, chars - suffix_cols);
			gs_buf_adds(out, suffix);
		}
		gs_buf_adds(out, "</text>");
	}
	gs_buf_adds(out, "</g>\n");
	for (c = n->first; c != SIZE_MAX; c = w->t->n[c].next) {
		draw(w, c, cx, depth + 1);
		cx += (double)w->t->n[c].value * w->scale;
	}
}

static unsigned max_depth(const struct tree *t, size_t id, double scale)
{
	unsigned best = 0, d;
	size_t c;

	for (c = t->n[id].first; c != SIZE_MAX; c = t->n[c].next) {
		if ((double)t->n[c].value * scale < MIN_WIDTH)
			continue;
		d = 1 + max_depth(t, c, scale);
		if (d > MAX_ROWS - 1)
			d = MAX_ROWS - 1;
		if (d > best)
			best = d;
	}
	return best;
}

void flame_svg(struct gs_buf *out, const struct fold *f, const char *what)
{
	struct tree t;
	struct walk w;
	unsigned depth;

	build(&t, f);
	w.out = out;
	w.t = &t;
	w.total = t.n[0].value;
	w.scale = w.total > 0 ? (double)FLAME_WIDTH / (double)w.total : 0;
	w.what = what;
	xbuf_init(&w.label);
	depth = w.total > 0 ? max_depth(&t, 0, w.scale) + 1 : 1;
	gs_buf_addf(out, "<svg class=\"flame\" viewBox=\"0 0 %d %u\" "
	         "role=\"img\" aria-label=\"icicle graph of the stacks\">\n", FLAME_WIDTH,
	         depth * FLAME_ROW);
	if (w.total > 0)
		draw(&w, 0, 0, 0);
	gs_buf_adds(out, "</svg>\n");
	gs_buf_release(&w.label);
	free(t.n);
	free(t.slot);
}
