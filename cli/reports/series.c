/* series.c - see series.h. */
#include "reports/series.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands/cmd_input.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "reports/render_json.h"
#include "reports/render_text.h"
#include "sites.h"
#include "input/source.h"
#include "outputs/table_csv.h"
#include "outputs/table_md.h"
#include "outputs/table_text.h"
#include "outputs/term.h"

/* Not summary's state,wait,where: wait buckets move as goroutines age between two dumps,
 * and a group that only got older is not a change. */
#define DEFAULT_BY "state,where"

enum family { FAM_NONE = 0, FAM_GOROUTINE, FAM_THREADCREATE, FAM_HEAP, FAM_MUTEX, FAM_BLOCK };

static enum family family_of(enum gs_kind k)
{
	switch (k) {
	case GS_KIND_GOROUTINE:
	case GS_KIND_GOROUTINE1:
		return FAM_GOROUTINE;
	case GS_KIND_THREADCREATE:
		return FAM_THREADCREATE;
	case GS_KIND_HEAP:
	case GS_KIND_ALLOCS: /* the same text; the name of the file tells them apart */
		return FAM_HEAP;
	case GS_KIND_MUTEX:
		return FAM_MUTEX;
	case GS_KIND_BLOCK:
		return FAM_BLOCK;
	case GS_KIND_BINARY:
	case GS_KIND_UNKNOWN:
		break;
	}
	return FAM_NONE;
}

const char *series_kind_phrase(enum gs_kind k)
{
	switch (k) {
	case GS_KIND_GOROUTINE: return "a goroutine dump";
	case GS_KIND_GOROUTINE1: return "a goroutine profile (debug=1)";
	case GS_KIND_THREADCREATE: return "a threadcreate profile";
	case GS_KIND_HEAP: return "a heap profile";
	case GS_KIND_ALLOCS: return "an allocs profile";
	case GS_KIND_MUTEX: return "a mutex profile";
	case GS_KIND_BLOCK: return "a block profile";
	case GS_KIND_BINARY: return "a binary (protobuf) profile";
	case GS_KIND_UNKNOWN: break;
	}
	return "nothing gostacks reads";
}

/* --value words, in the order of a sample's v (model.h): pprof's names, top's names
 * (sites.h: delay_ns) and the raw columns' (cycles, count) all pick the same column. */
static const struct {
	enum family fam;
	const char *word;
	int col;
} value_words[] = {
	{ FAM_HEAP, "inuse_objects", 0 }, { FAM_HEAP, "inuse_space", 1 },
	{ FAM_HEAP, "alloc_objects", 2 }, { FAM_HEAP, "alloc_space", 3 },
	{ FAM_MUTEX, "delay", 0 }, { FAM_MUTEX, "delay_ns", 0 }, { FAM_MUTEX, "cycles", 0 },
	{ FAM_MUTEX, "contentions", 1 }, { FAM_MUTEX, "count", 1 },
};

static int is_sample_kind(enum gs_kind k)
{
	enum family f = family_of(k);

	return f == FAM_HEAP || f == FAM_MUTEX || f == FAM_BLOCK;
}

const char *series_quantity_name(const struct series *s)
{
	if (!s->samples || s->value_col < 0)
		return family_of(s->kind) == FAM_THREADCREATE ? "threads" : "goroutines";
	return gs_value_name(gs_kind_family(s->kind), s->value_col, !s->raw);
}

enum unit series_quantity_unit(const struct series *s)
{
	if (!s->samples || s->value_col < 0)
		return UNIT_COUNT;
	return units_of(gs_kind_family(s->kind), s->value_col, !s->raw);
}

void series_quantity_text(struct buf *b, const struct series *s, int64_t v, int sign,
                          int human)
{
	if (sign && v > 0)
		buf_addch(b, '+');
	if (human)
		units_format(b, series_quantity_unit(s), v);
	else
		buf_addf(b, "%" PRId64, v);
}

void series_rate_text(struct buf *b, const struct series *s, double v, int sign, int human)
{
	enum unit u = series_quantity_unit(s);
	size_t start = b->len;

	if (human && u != UNIT_COUNT && fabs(v) < 9e18) {
		series_quantity_text(b, s, (int64_t)llround(v), sign, 1);
		return;
	}
	buf_addf(b, sign && v > 0 ? "%+.2f" : "%.2f", v);
	/* "5.00" -> "5", "6.30" -> "6.3" */
	while (b->len > start && b->data[b->len - 1] == '0')
		b->len--;
	if (b->len > start && b->data[b->len - 1] == '.')
		b->len--;
	b->data[b->len] = '\0';
	if (strcmp(b->data + start, "-0") == 0 || strcmp(b->data + start, "+0") == 0) {
		b->len = start;
		buf_addch(b, '0');
	}
}

void series_note(struct series *s, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
	notef("%s", b.data);
	s->notes = xrealloc(s->notes, (s->nnotes + 1) * sizeof *s->notes);
	s->notes[s->nnotes++] = buf_detach(&b, NULL);
}

int series_init(struct series *s, const struct series_opts *o, const struct cli *c)
{
	memset(s, 0, sizeof *s);
	s->value_col = -1;
	s->raw = o->raw;
	s->filter = o->filter;
	s->src = o->src;
	s->by = o->by ? o->by : DEFAULT_BY;
	s->m = gs_model_new();
	if (s->m == NULL)
		die_oom();
	if (cmd_input_keys(c, s->m, s->by, o->wmode, o->skip, &s->go, &s->wo) != 0)
		return EXIT_USAGE;
	s->keys_asked = s->go.keys;
	return EXIT_OK;
}

void series_free(struct series *s)
{
	size_t i;

	where_free(&s->wo);
	gs_match_free(&s->x);
	for (i = 0; i < s->nnotes; i++)
		free(s->notes[i]);
	free(s->notes);
	free(s->pts);
	free(s->keep_g);
	free(s->keep_s);
	gs_model_free(s->m);
	memset(s, 0, sizeof *s);
}

static struct series_point *new_point(struct series *s, const char *name)
{
	struct series_point *p;

	if (s->npts == s->pts_cap) {
		s->pts_cap = s->pts_cap ? s->pts_cap * 2 : 16;
		s->pts = xrealloc(s->pts, s->pts_cap * sizeof *s->pts);
	}
	p = &s->pts[s->npts++];
	memset(p, 0, sizeof *p);
	p->name = name;
	return p;
}

int series_add_source(struct series *s, const char *name, enum series_pick pick)
{
	struct source_info info;
	const struct gs_source *src;
	struct series_point *p;
	uint32_t first, n, i;
	int64_t t;
	enum stamp_source ts;

	if (source_read(s->src, s->m, name, &info) != 0 || !info.parsed) {
		new_point(s, name);
		s->holes++;
		return -1;
	}
	src = &s->m->sources[info.source];
	first = src->first_dump;
	n = src->ndumps;
	if (n == 0 || (n == 1 && family_of(s->m->dumps[first].kind) == FAM_NONE)) {
		if (n == 1 && s->m->dumps[first].kind == GS_KIND_BINARY)
			errorf("%s: %s: fetch it with ?debug=1 (or ?debug=2 for goroutines)", name,
			       series_kind_phrase(GS_KIND_BINARY));
		else
			errorf("%s: no goroutine dump or text profile found", name);
		new_point(s, name);
		s->holes++;
		return -1;
	}
	/* one time per file: the dumps of a file with several share it, so they get none */
	ts = stamp_of(name, &t);
	if (pick != PICK_ALL && n > 1)
		series_note(s, "%s holds %u dumps: using the %s (from line %llu)", name, (unsigned)n,
		            pick == PICK_FIRST ? "first" : "last",
		            (unsigned long long)s->m->dumps[pick == PICK_FIRST ? first
		                                                              : first + n - 1].first_line);
	for (i = 0; i < n; i++) {
		if ((pick == PICK_FIRST && i != 0) || (pick == PICK_LAST && i != n - 1))
			continue;
		p = new_point(s, name);
		p->ok = 1;
		p->dump = first + i;
		p->nth = i;
		p->ndumps = n;
		if (n == 1 || pick != PICK_ALL) {
			p->time = t;
			p->time_source = ts;
		}
	}
	return 0;
}

/* The --by words of the key bits, in --by's order. */
static const struct {
	unsigned bit;
	const char *word;   /* in notes */
	const char *by;     /* as --by spells it (JSON "key_dropped") */
} key_names[] = {
	{ GK_STATE, "state", "state" }, { GK_WAIT, "wait", "wait" },
	{ GK_WAIT_EXACT, "wait", "wait=exact" }, { GK_WHERE, "where", "where" },
	{ GK_FUNC, "func", "func" }, { GK_STACK, "stack", "stack" },
	{ GK_CREATOR, "creator", "creator" }, { GK_LABELS, "labels", "labels" },
	{ GK_LABEL, "label", "label:KEY" },
};
#define NKEY_NAMES (sizeof key_names / sizeof key_names[0])

/* "state and wait", "state, wait and creator" */
static void key_words(struct buf *b, unsigned keys)
{
	size_t i, n = 0, total = 0;

	for (i = 0; i < NKEY_NAMES; i++)
		if (keys & key_names[i].bit)
			total++;
	for (i = 0; i < NKEY_NAMES; i++) {
		if (!(keys & key_names[i].bit))
			continue;
		if (n > 0)
			buf_adds(b, n + 1 == total ? " and " : ", ");
		buf_adds(b, key_names[i].word);
		n++;
	}
}

static int parse_value(const char *arg, enum family f, int *col)
{
	size_t i;

	if (f == FAM_BLOCK)
		f = FAM_MUTEX; /* one format, one set of columns */
	for (i = 0; i < sizeof value_words / sizeof value_words[0]; i++) {
		if (value_words[i].fam == f && strcmp(arg, value_words[i].word) == 0) {
			*col = value_words[i].col;
			return 0;
		}
	}
	return -1;
}

int series_prepare(struct series *s, const struct series_opts *o, const struct cli *c,
                   const char *cmd)
{
	const struct series_point *first = NULL;
	size_t i, j;
	int nostate = 0, any_debug2 = 0, labels_seen = 0;
	unsigned keys, drop;
	enum family fam;

	for (i = 0; i < s->npts && first == NULL; i++)
		if (s->pts[i].ok)
			first = &s->pts[i];
	if (first == NULL)
		return EXIT_OK; /* the caller reports that nothing could be read */
	s->kind = s->m->dumps[first->dump].kind;
	fam = family_of(s->kind);
	for (i = 0; i < s->npts; i++) {
		const struct series_point *p = &s->pts[i];
		enum gs_kind k;

		if (!p->ok)
			continue;
		k = s->m->dumps[p->dump].kind;
		if (family_of(k) != fam) {
			cli_usage_error(c, "%s is %s, %s is %s: %s compares dumps of one kind",
			                first->name, series_kind_phrase(s->kind), p->name,
			                series_kind_phrase(k), cmd);
			return EXIT_USAGE;
		}
		if (k == GS_KIND_GOROUTINE1 || k == GS_KIND_THREADCREATE || is_sample_kind(k))
			nostate = 1;
		if (k == GS_KIND_GOROUTINE) {
			const struct gs_dump *d = &s->m->dumps[p->dump];

			any_debug2 = 1;
			for (j = d->first_g; j < d->first_g + d->ng && !labels_seen; j++)
				if (s->m->goroutines[j].labels)
					labels_seen = 1;
		}
	}
	s->samples = is_sample_kind(s->kind);
	if (o->value) {
		if (!s->samples) {
			cli_usage_error(c, "--value is for heap, allocs, mutex and block profiles; "
			                "%s is %s", first->name, series_kind_phrase(s->kind));
			return EXIT_USAGE;
		}
		if (parse_value(o->value, fam, &s->value_col) != 0) {
			cli_usage_error(c, "unknown --value '%s' for %s (%s)", o->value,
			                series_kind_phrase(s->kind),
			                fam == FAM_HEAP ? "inuse_objects, inuse_space, alloc_objects or "
			                                  "alloc_space" : "delay or contentions");
			return EXIT_USAGE;
		}
	} else if (s->samples) {
		/* what `go tool pprof` shows first for each */
		s->value_col = s->kind == GS_KIND_HEAP ? 1 : s->kind == GS_KIND_ALLOCS ? 3 : 0;
	}

	/* Go before 1.26 prints no labels in debug=2: one side would have them, the other not */
	drop = gs_match_comparable_keys(s->keys_asked, nostate,
	                                nostate && any_debug2 && !labels_seen, &keys);
	if (drop) {
		struct buf b = BUF_INIT;

		key_words(&b, drop);
		buf_adds(&b, drop & (drop - 1) ? " are" : " is");
		if (s->samples)
			buf_addf(&b, " not in %s profiles", gs_kind_name(s->kind));
		else if (drop & (GK_LABELS | GK_LABEL) && !(drop & ~(unsigned)(GK_LABELS | GK_LABEL)))
			buf_adds(&b, " not printed in these debug=2 dumps");
		else
			buf_adds(&b, " not known in debug=1 profiles");
		if (keys) {
			buf_adds(&b, ": matching by ");
			key_words(&b, keys);
		}
		series_note(s, "%s", b.data);
		buf_release(&b);
	}
	if (keys == 0) {
		cli_usage_error(c, "--by %s leaves nothing to match %s by", s->by,
		                series_kind_phrase(s->kind));
		return EXIT_USAGE;
	}
	s->keys_dropped = drop;
	s->go.keys = keys;
	return EXIT_OK;
}

void series_match(struct series *s, unsigned keys, struct gs_match *x)
{
	struct group_opts go = s->go;
	struct grouping gr;
	size_t i;

	/* the filters of the other commands apply before the join, to every point alike */
	if (!s->filtered_ready && s->filter) {
		s->keep_g = filter_goroutines(s->filter, s->m, &s->filtered_g);
		s->keep_s = filter_samples(s->filter, s->m, &s->filtered_s);
	}
	s->filtered_ready = 1;
	if (keys)
		go.keys = keys;
	go.keep = s->keep_g;
	if (gs_match_init(x, s->npts, s->samples) != 0)
		die_oom();
	for (i = 0; i < s->npts; i++) {
		const struct series_point *p = &s->pts[i];
		const struct gs_dump *d;

		if (!p->ok)
			continue;
		d = &s->m->dumps[p->dump];
		if (s->samples) {
			if (gs_match_add_samples(x, i, s->m, &go, d->first_s, d->ns, s->keep_s,
			                         s->raw) != 0)
				die_oom();
			continue;
		}
		go.first_g = d->first_g;
		go.ng = d->ng;
		if (gs_group(s->m, &go, &gr) != 0 || gs_match_add_groups(x, i, s->m, &gr) != 0)
			die_oom();
		gs_grouping_free(&gr);
	}
}

uint64_t series_filtered(const struct series *s, size_t point)
{
	const struct gs_dump *d;
	uint64_t n = 0;
	size_t i;

	if (point >= s->npts || !s->pts[point].ok)
		return 0;
	d = &s->m->dumps[s->pts[point].dump];
	if (s->samples && s->keep_s) {
		for (i = d->first_s; i < d->first_s + d->ns; i++)
			n += !s->keep_s[i];
	} else if (!s->samples && s->keep_g) {
		for (i = d->first_g; i < d->first_g + d->ng; i++)
			if (!s->keep_g[i])
				n += s->m->goroutines[i].count;
	}
	return n;
}

int64_t series_quantity(const struct series *s, const struct gs_match *x, size_t row,
                        size_t point)
{
	if (s->samples)
		return gs_match_value(x, row, point, s->value_col);
	return (int64_t)gs_match_count(x, row, point);
}

uint32_t series_stack_of(const struct series *s, const struct group *key, uint32_t rep_stack)
{
	uint32_t st = key->stack ? key->stack : s->m->stacks[rep_stack].canon;

	return s->m->stacks[st].len ? st : rep_stack;
}

uint32_t series_row_stack(const struct series *s, size_t row)
{
	return series_stack_of(s, &s->x.rows[row].key, s->x.rows[row].rep_stack);
}

int series_cmp_rows(const struct series *s, size_t a, size_t b)
{
	int c = gs_group_key_cmp(s->m, &s->x.rows[a].key, &s->x.rows[b].key);

	return c ? c : (a < b ? -1 : a > b);
}

/* --- keys as table cells --- */

size_t series_key_ncols(const struct series *s)
{
	unsigned k = s->go.keys;

	return (size_t)(!!(k & GK_STATE) + !!(k & (GK_WAIT | GK_WAIT_EXACT)) + !!(k & GK_WHERE) +
	                !!(k & GK_FUNC) + !!(k & GK_STACK) + !!(k & GK_CREATOR) +
	                !!(k & GK_LABELS) + !!(k & GK_LABEL));
}

void series_key_header(const struct series *s, struct table *g)
{
	unsigned k = s->go.keys;

	if (k & GK_STATE)
		table_lit(g, "STATE");
	if (k & (GK_WAIT | GK_WAIT_EXACT))
		table_lit(g, "WAIT");
	if (k & GK_WHERE)
		table_lit(g, "WHERE");
	if (k & GK_FUNC)
		table_lit(g, "FUNC");
	if (k & GK_STACK)
		table_lit(g, "STACK");
	if (k & GK_CREATOR)
		table_lit(g, "CREATED BY");
	if (k & GK_LABELS)
		table_lit(g, "LABELS");
	if (k & GK_LABEL) {
		struct buf *b = table_cell(g);

		buf_adds(b, "LABEL ");
		buf_add(b, gs_str(s->m, s->go.label_key), intern_len(s->m->strings, s->go.label_key));
	}
}

static void text_or_dash(struct buf *b, const struct gs_model *m, uint32_t id)
{
	if (id == 0)
		buf_addch(b, '-');
	else
		buf_add(b, gs_str(m, id), intern_len(m->strings, id));
}

static void labels_text(struct buf *b, const struct gs_model *m, uint32_t labels)
{
	const char *str = gs_str(m, labels), *k, *v;
	size_t len = intern_len(m->strings, labels), pos = 0, kl, vl;
	int first = 1;

	if (labels == 0) {
		buf_addch(b, '-');
		return;
	}
	while (gs_label_next(str, len, &pos, &k, &kl, &v, &vl)) {
		if (!first)
			buf_addch(b, ',');
		first = 0;
		buf_add(b, k, kl);
		buf_addch(b, '=');
		buf_add(b, v, vl);
	}
}

/* The first frames of a stack, leaf first: "f1 file:line < f2 < f3 < …" */
static void stack_text(struct buf *b, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *fr = gs_stack_frames(m, stack);
	uint32_t i, n = m->stacks[stack].len;

	if (n == 0) {
		buf_addch(b, '-');
		return;
	}
	render_frame_short(b, m, fr[0]);
	for (i = 1; i < n && i < 3; i++) {
		buf_adds(b, " < ");
		text_or_dash(b, m, m->frames[fr[i]].func);
	}
	if (n > 3)
		buf_adds(b, " < \xe2\x80\xa6");
}

void series_key_cells(const struct series *s, struct table *g, size_t row)
{
	const struct gs_model *m = s->m;
	const struct group *key = &s->x.rows[row].key;
	unsigned k = s->go.keys;
	struct buf *b;

	if (k & GK_STATE) {
		b = table_cell(g);
		text_or_dash(b, m, key->state);
		if (key->state)
			table_style(g, table_style_of_ansi(term_state_color(gs_str(m, key->state))));
	}
	if (k & GK_WAIT_EXACT)
		table_cellf(g, "%um", (unsigned)key->wait_exact);
	else if (k & GK_WAIT)
		table_lit(g, gs_wait_bucket_name((enum gs_wait_bucket)key->wait_bucket));
	if (k & GK_WHERE)
		render_frame_short(table_cell(g), m, key->where);
	if (k & GK_FUNC)
		text_or_dash(table_cell(g), m, key->func);
	if (k & GK_STACK)
		stack_text(table_cell(g), m, series_row_stack(s, row));
	if (k & GK_CREATOR) {
		b = table_cell(g);
		text_or_dash(b, m, key->creator ? m->frames[key->creator].func : 0);
	}
	if (k & GK_LABELS)
		labels_text(table_cell(g), m, key->labels);
	if (k & GK_LABEL)
		text_or_dash(table_cell(g), m, key->label_value);
}

/* --- JSON --- */

void series_key_json(const struct series *s, struct jsonw *w, size_t row)
{
	const struct gs_model *m = s->m;
	const struct group *key = &s->x.rows[row].key;
	unsigned k = s->go.keys;

	jw_key(w, "key");
	jw_obj_begin(w);
	if (k & GK_STATE) {
		jw_key(w, "state");
		render_json_text(w, m, key->state);
	}
	if (k & GK_WAIT_EXACT) {
		jw_key(w, "wait_minutes");
		jw_uint(w, key->wait_exact);
	} else if (k & GK_WAIT) {
		jw_key(w, "wait");
		jw_str(w, gs_wait_bucket_name((enum gs_wait_bucket)key->wait_bucket));
	}
	if (k & GK_WHERE) {
		jw_key(w, "where");
		render_json_frame(w, m, key->where);
	}
	if (k & GK_FUNC) {
		jw_key(w, "func");
		render_json_text(w, m, key->func);
	}
	if (k & GK_STACK) {
		jw_key(w, "stack");
		render_json_stack(w, m, series_row_stack(s, row));
	}
	if (k & GK_CREATOR) {
		jw_key(w, "creator");
		render_json_frame(w, m, key->creator);
	}
	if (k & GK_LABELS) {
		jw_key(w, "labels");
		render_json_labels(w, m, key->labels);
	}
	if (k & GK_LABEL) {
		jw_key(w, "label");
		jw_obj_begin(w);
		jw_key(w, gs_str(m, s->go.label_key));
		render_json_text(w, m, key->label_value);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

void series_stack_json(const struct series *s, struct jsonw *w, size_t row)
{
	jw_key(w, "stack");
	render_json_stack(w, s->m, series_row_stack(s, row));
}

static void json_key_bits(struct jsonw *w, const struct series *s, unsigned keys)
{
	struct buf b = BUF_INIT;
	size_t i;

	jw_arr_begin(w);
	for (i = 0; i < NKEY_NAMES; i++) {
		if (!(keys & key_names[i].bit))
			continue;
		if (key_names[i].bit == GK_LABEL) {
			buf_reset(&b);
			buf_adds(&b, "label:");
			buf_add(&b, gs_str(s->m, s->go.label_key),
			        intern_len(s->m->strings, s->go.label_key));
			jw_strn(w, b.data, b.len);
		} else {
			jw_str(w, key_names[i].by);
		}
	}
	jw_arr_end(w);
	buf_release(&b);
}

void series_json_begin(const struct series *s, struct jsonw *w, struct buf *out,
                       const char *schema)
{
	size_t i;

	jw_init(w, out, 1);
	jw_obj_begin(w);
	jw_key(w, "schema");
	jw_str(w, schema);
	jw_key(w, "kind");
	jw_str(w, gs_kind_name(s->kind));
	render_json_by(w, s->by);
	jw_key(w, "key_dropped");
	json_key_bits(w, s, s->keys_dropped);
	jw_key(w, "quantity");
	jw_str(w, series_quantity_name(s));
	jw_key(w, "scaled");
	if (s->samples)
		jw_bool(w, !s->raw);
	else
		jw_null(w);
	jw_key(w, "notes");
	jw_arr_begin(w);
	for (i = 0; i < s->nnotes; i++)
		jw_str(w, s->notes[i]);
	jw_arr_end(w);
}

void series_json_end(const struct series *s, struct jsonw *w, struct buf *out)
{
	render_json_diag_list(w, s->m);
	jw_obj_end(w);
	buf_addch(out, '\n');
	render_flush(out, stdout, 1);
	buf_release(out);
}

void series_point_json(const struct series *s, struct jsonw *w, size_t i)
{
	const struct series_point *p = &s->pts[i];
	char when[32];

	jw_obj_begin(w);
	jw_key(w, "source");
	jw_str(w, p->name);
	jw_key(w, "ok");
	jw_bool(w, p->ok);
	if (p->ok) {
		const struct gs_dump *d = &s->m->dumps[p->dump];

		jw_key(w, "kind");
		jw_str(w, gs_kind_name(d->kind));
		jw_key(w, "dump");
		jw_uint(w, p->nth);
		jw_key(w, "dumps");
		jw_uint(w, p->ndumps);
		jw_key(w, "first_line");
		jw_uint(w, d->first_line);
	}
	if (s->keep_g || s->keep_s) {
		jw_key(w, "filtered");
		jw_uint(w, series_filtered(s, i));
	}
	jw_key(w, "time");
	if (p->time_source != STAMP_NONE) {
		stamp_format(p->time, when, sizeof when);
		jw_str(w, when);
	} else {
		jw_null(w);
	}
	jw_key(w, "time_source");
	jw_str(w, stamp_source_name(p->time_source));
	jw_obj_end(w);
}

void series_stack_detail(const struct series *s, struct table *t, size_t row)
{
	const struct gs_model *m = s->m;
	uint32_t st = series_row_stack(s, row), i;
	const uint32_t *fr = gs_stack_frames(m, st);
	struct buf head = BUF_INIT;

	buf_adds(&head, "stack");
	if (m->stacks[st].len)
		buf_addf(&head, " of %s", gs_str(m, m->frames[fr[0]].func));
	table_detail(t, head.data, head.len);
	for (i = 0; i < m->stacks[st].len; i++) {
		const struct gs_frame *f = &m->frames[fr[i]];

		if (i > 0)
			table_layout(t, "\n");
		table_span(t, table_func_style(gs_str(m, f->func), intern_len(m->strings, f->func)),
		           gs_str(m, f->func), intern_len(m->strings, f->func));
		if (f->file) {
			table_layout(t, "\n\t");
			table_spanf(t, TS_DIM, "%s:%u", gs_str(m, f->file), (unsigned)f->line);
		}
	}
	buf_release(&head);
}

void series_print_table(const struct table *t, enum out_format f, const struct cli *c)
{
	if (f == FORMAT_CSV)
		table_print_csv(t, stdout);
	else if (f == FORMAT_MD)
		table_print_md(t, stdout);
	else
		table_print_text(t, term_want_color(c->color, STDOUT_FILENO),
		                 term_isatty(STDOUT_FILENO) ? TEXT_CELL_MAX : 0, stdout);
}

void series_opts_of(struct series_opts *o, struct cmd_input *in)
{
	memset(o, 0, sizeof *o);
	o->by = in->by;
	o->value = in->value;
	o->raw = in->raw;
	o->wmode = in->wmode;
	o->skip = in->skip;
	o->filter = &in->filter;
	o->src = &in->src;
}
