/* json_sites.c - a profile's sites as JSON (json.h): `summary` of heap, allocs, mutex or
 * block profiles (gostacks.summary/1 with its profile keys) and `top` (gostacks.top/1). */
#include "reports/json.h"

#include <string.h>

#include "reports/keys.h"
#include "reports/units.h"
#include "select/kinds.h"
#include "outputs/sums.h"

/* {"inuse_objects": .., ...} of one set of values */
static void json_values(struct gs_jsonw *w, enum gs_family fam, const int64_t *v, int scaled)
{
	int c, n = gs_family_ncolumns(fam);

	for (c = 0; c < n; c++) {
		gs_jw_key(w, gs_column_name(fam, c, scaled));
		gs_jw_int(w, v[c]);
	}
}

/* raw columns, then "scaled": {...} */
static void json_value_pair(struct gs_jsonw *w, enum gs_family fam, const int64_t *raw,
                            const int64_t *scaled)
{
	json_values(w, fam, raw, 0);
	gs_jw_key(w, "scaled");
	gs_jw_obj_begin(w);
	json_values(w, fam, scaled, 1);
	gs_jw_obj_end(w);
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
static void json_site_key(struct gs_jsonw *w, const struct profile_view *v, const struct gs_site *s,
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

static void json_common_head(struct json_doc *doc, FILE *f, const struct profile_view *v,
                             const char *schema)
{
	struct render_ctx rc;

	memset(&rc, 0, sizeof rc);
	rc.m = v->m;
	json_doc_begin(doc, f, schema);
	json_sources(&doc->w, &rc, 0);
	gs_jw_key(&doc->w, "kind");
	gs_jw_str(&doc->w, gs_kind_name(v->kind));
}

void json_profile_summary(const struct profile_view *v, FILE *f)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	struct render_totals tot;
	uint32_t d = first_dump(v);
	size_t i;

	render_totals(m, &tot);
	json_common_head(&doc, f, v, "gostacks.summary/1");
	json_by(w, v->by);
	/* the goroutine summary's counters, for records */
	gs_jw_key(w, "total");
	gs_jw_uint(w, s->records);
	gs_jw_key(w, "skipped");
	gs_jw_uint(w, tot.skipped);
	gs_jw_key(w, "g0_stacks");
	gs_jw_uint(w, tot.g0_stacks);
	gs_jw_key(w, "filtered");
	gs_jw_uint(w, s->filtered);
	gs_jw_key(w, "lines_not_understood");
	gs_jw_uint(w, tot.lines_skipped);
	gs_jw_key(w, "records");
	gs_jw_uint(w, s->records);
	gs_jw_key(w, "header");
	json_dump_header(w, m, d);
	if (fam == GS_FAM_HEAP) {
		gs_jw_key(w, "memstats");
		json_memstats(w, m, d);
	}
	gs_jw_key(w, "totals");
	gs_jw_obj_begin(w);
	json_value_pair(w, fam, s->total, s->total_scaled);
	gs_jw_obj_end(w);
	json_dumps(w, m);
	gs_jw_key(w, "groups");
	gs_jw_arr_begin(w);
	for (i = 0; i < s->nsites; i++) {
		const struct gs_site *st = &s->sites[i];

		gs_jw_obj_begin(w);
		json_value_pair(w, fam, st->flat, st->flat_scaled);
		gs_jw_key(w, "records");
		gs_jw_uint(w, st->records);
		json_site_key(w, v, st, 1);
		gs_jw_obj_end(w);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	json_diags(w, m, 1);
	json_doc_end(&doc);
}

void json_top(const struct profile_view *v, FILE *f)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	int64_t total = v->scaled ? s->total_scaled[v->col] : s->total[v->col], sum = 0;
	size_t i, shown = v->limit && v->limit < s->nsites ? v->limit : s->nsites;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;

	json_common_head(&doc, f, v, "gostacks.top/1");
	gs_jw_key(w, "value");
	gs_jw_str(w, gs_column_name(fam, v->col, v->scaled));
	gs_jw_key(w, "unit");
	gs_jw_str(w, gs_unit_name(gs_column_unit(fam, v->col, v->scaled)));
	gs_jw_key(w, "scaled");
	gs_jw_bool(w, v->scaled && fam != GS_FAM_COUNT);
	json_by(w, v->by);
	gs_jw_key(w, "total");
	gs_jw_int(w, total);
	gs_jw_key(w, "records");
	gs_jw_uint(w, s->records);
	gs_jw_key(w, "sites");
	gs_jw_uint(w, s->nsites);
	gs_jw_key(w, "shown");
	gs_jw_uint(w, shown);
	gs_jw_key(w, "header");
	json_dump_header(w, m, first_dump(v));
	json_dumps(w, m);
	gs_jw_key(w, "rows");
	gs_jw_arr_begin(w);
	for (i = 0; i < shown; i++) {
		const struct gs_site *st = &s->sites[i];
		int64_t flat = v->scaled ? st->flat_scaled[v->col] : st->flat[v->col];
		int64_t cum = v->scaled ? st->cum_scaled[v->col] : st->cum[v->col];

		sum = sum_i64(sum, flat);
		gs_jw_obj_begin(w);
		gs_jw_key(w, "flat");
		gs_jw_int(w, flat);
		gs_jw_key(w, "flat_pct");
		gs_jw_double_g(w, units_percent_value(flat, total), 15);
		gs_jw_key(w, "sum_pct");
		gs_jw_double_g(w, units_percent_value(sum, total), 15);
		gs_jw_key(w, "cum");
		gs_jw_int(w, cum);
		gs_jw_key(w, "cum_pct");
		gs_jw_double_g(w, units_percent_value(cum, total), 15);
		gs_jw_key(w, "records");
		gs_jw_uint(w, st->records);
		json_site_key(w, v, st, (v->keys & GK_STACK) != 0);
		gs_jw_obj_end(w);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	json_diags(w, m, 1);
	json_doc_end(&doc);
}
