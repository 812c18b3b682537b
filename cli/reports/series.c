/* series.c - see series.h. */
#include "reports/series.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "select/kinds.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "reports/keys.h"
#include "sites.h"
#include "input/source.h"
#include "outputs/term.h"
#include "outputs/sums.h"

/* Not summary's state,wait,where: wait buckets move as goroutines age between two dumps,
 * and a group that only got older is not a change. */
#define DEFAULT_BY "state,where"

/* The kinds a kind's dumps are compared with (kind.h), 0 for nothing gostacks reads. */
static unsigned family_of(enum gs_kind k)
{
	return gs_kind(k)->compare_with;
}

static int is_sample_kind(enum gs_kind k)
{
	return gs_kind(k)->records == GS_REC_SAMPLES;
}

const char *series_quantity_name(const struct series *s)
{
	if (!s->samples || s->value_col < 0)
		return gs_kind(s->kind)->things;
	return gs_column_name(gs_kind_family(s->kind), s->value_col, !s->raw);
}

enum gs_unit series_quantity_unit(const struct series *s)
{
	if (!s->samples || s->value_col < 0)
		return GS_UNIT_COUNT;
	return gs_column_unit(gs_kind_family(s->kind), s->value_col, !s->raw);
}

void series_quantity_text(struct gs_buf *b, const struct series *s, int64_t v, int sign,
                          int human)
{
	if (sign && v > 0)
		gs_buf_addch(b, '+');
	if (human)
		units_format(b, series_quantity_unit(s), v);
	else
		gs_buf_addf(b, "%" PRId64, v);
}

void series_rate_text(struct gs_buf *b, const struct series *s, double v, int sign, int human)
{
	enum gs_unit u = series_quantity_unit(s);
	size_t start = b->len;

	if (human && u != GS_UNIT_COUNT && fabs(v) < 9e18) {
		series_quantity_text(b, s, (int64_t)llround(v), sign, 1);
		return;
	}
	gs_buf_addf(b, sign && v > 0 ? "%+.2f" : "%.2f", v);
	/* "5.00" -> "5", "6.30" -> "6.3" */
	while (b->len > start && b->data[b->len - 1] == '0')
		b->len--;
	if (b->len > start && b->data[b->len - 1] == '.')
		b->len--;
	b->data[b->len] = '\0';
	if (strcmp(b->data + start, "-0") == 0 || strcmp(b->data + start, "+0") == 0) {
		b->len = start;
		gs_buf_addch(b, '0');
	}
}

void series_note(struct series *s, const char *fmt, ...)
{
	struct gs_buf b = XBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gs_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (rc != 0)
		die_oom();
	notef("%s", b.data);
	s->notes = xrealloc(s->notes, (s->nnotes + 1) * sizeof *s->notes);
	s->notes[s->nnotes++] = gs_buf_detach(&b, NULL);
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
	if (keys_setup(c, s->m, s->by, o->wmode, o->skip, &s->go, &s->wo) != 0)
		return EXIT_USAGE;
	s->m->fold_repeats = filter_fold(o->filter, s->go.keys, o->fold);
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

/* Whether the source has an error-level diagnostic of its own. */
static int has_error(const struct gs_model *m, uint32_t source)
{
	size_t i;

	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].source == source && m->diags[i].level >= GS_ERROR)
			return 1;
	return 0;
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
	if (n == 0 || (n == 1 && family_of(s->m->dumps[first].kind) == 0)) {
		/* a binary or empty input has said so in its own diagnostic: once is enough */
		if (!has_error(s->m, info.source))
			errorf_at(name, "no goroutine dump or text profile found");
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

/* "state and wait", "state, wait and creator": the keys' nouns (key.h), a noun once */
static void key_words(struct gs_buf *b, unsigned keys)
{
	const char *nouns[GS_NKEYS] = { NULL };
	size_t i, j, n = 0;

	for (i = 0; i < GS_NKEYS; i++) {
		const char *noun = gs_key_row((enum gs_key_id)i)->noun;

		if (!(keys & GK_BIT(i)))
			continue;
		for (j = 0; j < n && strcmp(nouns[j], noun) != 0; j++)
			;
		if (j == n)
			nouns[n++] = noun;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			gs_buf_adds(b, i + 1 == n ? " and " : ", ");
		gs_buf_adds(b, nouns[i]);
	}
}

int series_prepare(struct series *s, const struct series_opts *o, const struct cli *c,
                   const char *cmd)
{
	const struct series_point *first = NULL;
	size_t i, j;
	int nostate = 0, any_debug2 = 0, labels_seen = 0;
	unsigned keys, drop;
	unsigned fam;

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
			                first->name, gs_kind(s->kind)->phrase, p->name,
			                gs_kind(k)->phrase, cmd);
			return EXIT_USAGE;
		}
		if (!gs_kind(k)->has_state)
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
	if (kinds_value(c, s->kind, o->value, &s->value_col) != 0)
		return EXIT_USAGE;

	/* Go before 1.26 prints no labels in debug=2: one side would have them, the other not */
	drop = gs_match_comparable_keys(s->keys_asked, nostate,
	                                nostate && any_debug2 && !labels_seen, &keys);
	if (drop) {
		struct gs_buf b = XBUF_INIT;

		key_words(&b, drop);
		gs_buf_adds(&b, drop & (drop - 1) ? " are" : " is");
		if (s->samples)
			gs_buf_addf(&b, " not in %s profiles", gs_kind_name(s->kind));
		else if (drop & (GK_LABELS | GK_LABEL) && !(drop & ~(unsigned)(GK_LABELS | GK_LABEL)))
			gs_buf_adds(&b, " not printed in these debug=2 dumps");
		else
			gs_buf_adds(&b, " not known in debug=1 profiles");
		if (keys) {
			gs_buf_adds(&b, ": matching by ");
			key_words(&b, keys);
		}
		series_note(s, "%s", b.data);
		gs_buf_release(&b);
	}
	if (keys == 0) {
		cli_usage_error(c, "--by %s leaves nothing to match %s by", s->by,
		                gs_kind(s->kind)->phrase);
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
	return sum_signed(gs_match_count(x, row, point));
}

uint32_t series_stack_of(const struct series *s, const struct gs_key *key, uint32_t rep_stack)
{
	uint32_t st = key->v[GS_KEY_STACK] ? key->v[GS_KEY_STACK] : s->m->stacks[rep_stack].canon;

	return s->m->stacks[st].len ? st : rep_stack;
}

uint32_t series_row_stack(const struct series *s, size_t row)
{
	return series_stack_of(s, &s->x.rows[row].key, s->x.rows[row].rep_stack);
}

int series_cmp_rows(const struct series *s, size_t a, size_t b)
{
	int c = gs_key_cmp(s->m, &s->x.rows[a].key, &s->x.rows[b].key);

	return c ? c : (a < b ? -1 : a > b);
}

/* --- keys as table cells and JSON (keys.h) --- */

size_t series_key_ncols(const struct series *s)
{
	return (size_t)__builtin_popcount(s->go.keys);
}

void series_key_header(const struct series *s, struct table *g)
{
	keys_headers(g, s->m, s->go.keys, s->go.label_key);
}

void series_key_cells(const struct series *s, struct table *g, size_t row)
{
	struct gs_key k = s->x.rows[row].key;

	/* the row's stack: the key's, or its first member's when the key has none */
	k.v[GS_KEY_STACK] = series_row_stack(s, row);
	keys_cells(g, s->m, s->go.keys, &k, KEYS_STACK_BRIEF);
}

void series_key_label(const struct series *s, size_t row, struct gs_buf *b)
{
	struct table t;
	const char *cell;
	size_t n = series_key_ncols(s), i, len;

	table_init(&t, n);
	series_key_cells(s, &t, row);
	for (i = 0; i < n; i++) {
		table_get(&t, 0, i, &cell, &len);
		if (i)
			gs_buf_adds(b, "  ");
		gs_buf_add(b, cell, len);
	}
	table_free(&t);
}

void series_stack_detail(const struct series *s, struct table *t, size_t row)
{
	render_stack_detail(t, s->m, series_row_stack(s, row));
}
