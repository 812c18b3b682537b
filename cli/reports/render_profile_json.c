/* render_profile_json.c - see render_profile_json.h. */
#include "reports/render_profile_json.h"

#include <stdlib.h>
#include <string.h>

#include "select/kinds.h"
#include "reports/render.h"
#include "reports/keys.h"
#include "reports/render_json.h"
#include "reports/units.h"

static void json_id_text(struct jsonw *w, const struct gs_model *m, uint32_t id)
{
	if (id == 0 || id == GS_SITE_MIXED)
		jw_null(w);
	else
		jw_strn(w, gs_str(m, id), intern_len(m->strings, id));
}

/* A double that reads back the same, in as few digits as that takes. */
static void json_double(struct jsonw *w, double v)
{
	char text[64];

	snprintf(text, sizeof text, "%.15g", v);
	jw_double_g(w, v, strtod(text, NULL) == v ? 15 : 17);
}

static void json_stat_value(struct jsonw *w, const struct gs_model *m, const struct gs_stat *st)
{
	uint32_t i;

	switch (st->type) {
	case GS_STAT_INT:
		jw_int(w, st->i);
		return;
	case GS_STAT_PAIR:
		jw_obj_begin(w);
		jw_key(w, "inuse");
		jw_int(w, st->i);
		jw_key(w, "sys");
		jw_int(w, st->i2);
		jw_obj_end(w);
		return;
	case GS_STAT_ARRAY: {
		/* 256 numbers: one line, not 256 */
		int pretty = w->pretty;

		w->pretty = 0;
		jw_arr_begin(w);
		for (i = 0; i < st->nv; i++)
			jw_int(w, m->stat_values[st->first_v + i]);
		jw_arr_end(w);
		w->pretty = pretty;
		return;
	}
	case GS_STAT_FLOAT:
		json_double(w, st->f);
		return;
	case GS_STAT_BOOL:
		jw_bool(w, st->i != 0);
		return;
	case GS_STAT_TEXT:
		break;
	}
	json_id_text(w, m, st->text);
}

/* jw_key takes a C string; stat keys are interned text without NUL */
static void json_stat_key(struct jsonw *w, const struct gs_model *m, uint32_t key)
{
	jw_key(w, gs_str(m, key));
}

void render_json_dump_header(struct jsonw *w, const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;
	size_t i;

	if (dump >= m->ndumps) {
		jw_null(w);
		return;
	}
	d = &m->dumps[dump];
	switch (gs_kind_family(d->kind)) {
	case GS_FAM_COUNT:
		if (d->kind == GS_KIND_GOROUTINE)
			break;
		jw_obj_begin(w);
		jw_key(w, "total");
		if (d->flags & GS_DUMP_HAS_TOTAL)
			jw_uint(w, d->total);
		else
			jw_null(w);
		jw_obj_end(w);
		return;
	case GS_FAM_HEAP:
		jw_obj_begin(w);
		for (i = 0; i < 4; i++) {
			jw_key(w, gs_column_name(GS_FAM_HEAP, (int)i, 0));
			jw_int(w, d->header_v[i]);
		}
		jw_key(w, "sampling");
		json_id_text(w, m, d->sampling);
		jw_key(w, "rate");
		jw_int(w, d->header_rate);
		jw_key(w, "sampling_period");
		jw_int(w, d->rate);
		jw_obj_end(w);
		return;
	case GS_FAM_CONTENTION:
		jw_obj_begin(w);
		jw_key(w, "cycles_per_second");
		if (d->cycles_per_second > 0)
			jw_int(w, d->cycles_per_second);
		else
			jw_null(w);
		jw_key(w, "sampling_period");
		jw_int(w, d->sampling_period);
		for (i = d->first_stat; i < d->first_stat + d->nstat && i < m->nstats; i++) {
			const struct gs_stat *st = &m->stats[i];
			const char *k = gs_str(m, st->key);

			if (strcmp(k, "cycles/second") == 0 || strcmp(k, "sampling period") == 0)
				continue;
			json_stat_key(w, m, st->key);
			json_stat_value(w, m, st);
		}
		jw_obj_end(w);
		return;
	case GS_FAM_NONE:
		break;
	}
	jw_null(w);
}

void render_json_memstats(struct jsonw *w, const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;
	size_t i;

	if (dump >= m->ndumps || gs_kind_family(m->dumps[dump].kind) != GS_FAM_HEAP ||
	    m->dumps[dump].nstat == 0) {
		jw_null(w);
		return;
	}
	d = &m->dumps[dump];
	jw_obj_begin(w);
	for (i = d->first_stat; i < d->first_stat + d->nstat && i < m->nstats; i++) {
		json_stat_key(w, m, m->stats[i].key);
		json_stat_value(w, m, &m->stats[i]);
	}
	jw_obj_end(w);
}

/* {"inuse_objects": .., ...} of one set of values */
static void json_values(struct jsonw *w, enum gs_family fam, const int64_t *v, int scaled)
{
	int c, n = gs_family_ncolumns(fam);

	for (c = 0; c < n; c++) {
		jw_key(w, gs_column_name(fam, c, scaled));
		jw_int(w, v[c]);
	}
}

/* raw columns, then "scaled": {...} */
static void json_value_pair(struct jsonw *w, enum gs_family fam, const int64_t *raw,
                            const int64_t *scaled)
{
	json_values(w, fam, raw, 0);
	jw_key(w, "scaled");
	jw_obj_begin(w);
	json_values(w, fam, scaled, 1);
	jw_obj_end(w);
}

static uint32_t first_dump(const struct profile_view *v)
{
	uint32_t d;

	for (d = 0; d < v->m->ndumps; d++)
		if (KIND_BIT(v->m->dumps[d].kind) & v->kinds)
			return d;
	return UINT32_MAX;
}

/* The keys a site always shows, its facts: where and labels (the key's, or the records'
 * common ones), and func, label:KEY and stack when in the key, in this order. */
#define SITE_FACTS (GK_WHERE | GK_FUNC | GK_LABEL | GK_LABELS | GK_STACK)

/* The key of a site: its facts, then any other key in table order (keys.h). */
static void json_site_key(struct jsonw *w, const struct profile_view *v, const struct gs_site *s,
                          int with_stack)
{
	const struct gs_model *m = v->m;
	const uint32_t *k = s->key.v;
	int i;

	keys_json(w, m, GS_KEY_WHERE, (v->keys & GK_WHERE) ? k[GS_KEY_WHERE] : s->common_where, 0);
	if (v->keys & GK_FUNC)
		keys_json(w, m, GS_KEY_FUNC, k[GS_KEY_FUNC], 0);
	if (v->keys & GK_LABEL)
		keys_json(w, m, GS_KEY_LABEL, k[GS_KEY_LABEL], v->label_key);
	keys_json(w, m, GS_KEY_LABELS, (v->keys & GK_LABELS) ? k[GS_KEY_LABELS] : s->common_labels,
	          0);
	if (with_stack)
		keys_json(w, m, GS_KEY_STACK, render_site_stack(m, s), 0);
	for (i = 0; i < GS_NKEYS; i++)
		if ((v->keys & ~SITE_FACTS) & GK_BIT(i))
			keys_json(w, m, (enum gs_key_id)i, k[i], v->label_key);
}

static void json_common_head(struct jsonw *w, const struct profile_view *v, const char *schema)
{
	struct render_ctx rc;

	memset(&rc, 0, sizeof rc);
	rc.m = v->m;
	jw_key(w, "schema");
	jw_str(w, schema);
	render_json_sources(w, &rc);
	jw_key(w, "kind");
	jw_str(w, gs_kind_name(v->kind));
}

void render_profile_summary_json(const struct profile_view *v, FILE *f)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	struct buf out = BUF_INIT;
	struct render_totals tot;
	struct jsonw w;
	uint32_t d = first_dump(v);
	size_t i;

	render_totals(m, &tot);
	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	json_common_head(&w, v, "gostacks.summary/1");
	render_json_by(&w, v->by);
	/* the goroutine summary's counters, for records */
	jw_key(&w, "total");
	jw_uint(&w, s->records);
	jw_key(&w, "skipped");
	jw_uint(&w, tot.skipped);
	jw_key(&w, "g0_stacks");
	jw_uint(&w, tot.g0_stacks);
	jw_key(&w, "filtered");
	jw_uint(&w, s->filtered);
	jw_key(&w, "lines_not_understood");
	jw_uint(&w, tot.lines_skipped);
	jw_key(&w, "records");
	jw_uint(&w, s->records);
	jw_key(&w, "header");
	render_json_dump_header(&w, m, d);
	if (fam == GS_FAM_HEAP) {
		jw_key(&w, "memstats");
		render_json_memstats(&w, m, d);
	}
	jw_key(&w, "totals");
	jw_obj_begin(&w);
	json_value_pair(&w, fam, s->total, s->total_scaled);
	jw_obj_end(&w);
	render_json_dumps(&w, m);
	jw_key(&w, "groups");
	jw_arr_begin(&w);
	for (i = 0; i < s->nsites; i++) {
		const struct gs_site *st = &s->sites[i];

		jw_obj_begin(&w);
		json_value_pair(&w, fam, st->flat, st->flat_scaled);
		jw_key(&w, "records");
		jw_uint(&w, st->records);
		json_site_key(&w, v, st, 1);
		jw_obj_end(&w);
		render_flush(&out, f, 0);
	}
	jw_arr_end(&w);
	render_json_diags(&w, m);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	render_flush(&out, f, 1);
	buf_release(&out);
}

void render_top_json(const struct profile_view *v, FILE *f)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	int64_t total = v->scaled ? s->total_scaled[v->col] : s->total[v->col], sum = 0;
	size_t i, shown = v->limit && v->limit < s->nsites ? v->limit : s->nsites;
	struct buf out = BUF_INIT;
	struct jsonw w;

	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	json_common_head(&w, v, "gostacks.top/1");
	jw_key(&w, "value");
	jw_str(&w, gs_column_name(fam, v->col, v->scaled));
	jw_key(&w, "unit");
	jw_str(&w, gs_unit_name(gs_column_unit(fam, v->col, v->scaled)));
	jw_key(&w, "scaled");
	jw_bool(&w, v->scaled && fam != GS_FAM_COUNT);
	render_json_by(&w, v->by);
	jw_key(&w, "total");
	jw_int(&w, total);
	jw_key(&w, "records");
	jw_uint(&w, s->records);
	jw_key(&w, "sites");
	jw_uint(&w, s->nsites);
	jw_key(&w, "shown");
	jw_uint(&w, shown);
	jw_key(&w, "header");
	render_json_dump_header(&w, m, first_dump(v));
	render_json_dumps(&w, m);
	jw_key(&w, "rows");
	jw_arr_begin(&w);
	for (i = 0; i < shown; i++) {
		const struct gs_site *st = &s->sites[i];
		int64_t flat = v->scaled ? st->flat_scaled[v->col] : st->flat[v->col];
		int64_t cum = v->scaled ? st->cum_scaled[v->col] : st->cum[v->col];

		sum += flat;
		jw_obj_begin(&w);
		jw_key(&w, "flat");
		jw_int(&w, flat);
		jw_key(&w, "flat_pct");
		jw_double_g(&w, units_percent_value(flat, total), 15);
		jw_key(&w, "sum_pct");
		jw_double_g(&w, units_percent_value(sum, total), 15);
		jw_key(&w, "cum");
		jw_int(&w, cum);
		jw_key(&w, "cum_pct");
		jw_double_g(&w, units_percent_value(cum, total), 15);
		jw_key(&w, "records");
		jw_uint(&w, st->records);
		json_site_key(&w, v, st, (v->keys & GK_STACK) != 0);
		jw_obj_end(&w);
		render_flush(&out, f, 0);
	}
	jw_arr_end(&w);
	render_json_diags(&w, m);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	render_flush(&out, f, 1);
	buf_release(&out);
}
