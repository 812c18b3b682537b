/* model_json.c - see model_json.h. */
#include "model_json.h"

#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "jsonw.h"
#include "match.h"
#include "scale.h"
#include "sites.h"
#include "trend.h"

static void str_id(struct gs_jsonw *w, const struct gs_model *m, uint32_t id)
{
	gs_jw_strn(w, gs_str(m, id), gs_intern_len(m->strings, id));
}

static void frame(struct gs_jsonw *w, const struct gs_model *m, uint32_t id)
{
	const struct gs_frame *f = &m->frames[id < m->nframes ? id : 0];

	gs_jw_arr_begin(w);
	str_id(w, m, f->func);
	str_id(w, m, f->file);
	gs_jw_uint(w, f->line);
	gs_jw_arr_end(w);
}

/* Canonical label text: key NUL value NUL pairs, as pairs. */
static void labels(struct gs_jsonw *w, const struct gs_model *m, uint32_t id)
{
	const char *s = gs_str(m, id), *k, *v;
	size_t len = gs_intern_len(m->strings, id), pos = 0, kl, vl;

	gs_jw_arr_begin(w);
	while (gs_label_next(s, len, &pos, &k, &kl, &v, &vl)) {
		gs_jw_strn(w, k, kl);
		gs_jw_strn(w, v, vl);
	}
	gs_jw_arr_end(w);
}

static void stack(struct gs_jsonw *w, const struct gs_model *m, uint32_t id, int with_args)
{
	const struct gs_stack *s;
	uint32_t i;

	if (id >= m->nstacks)
		id = 0;
	s = &m->stacks[id];
	gs_jw_obj_begin(w);
	gs_jw_key(w, "flags");
	gs_jw_uint(w, s->flags);
	gs_jw_key(w, "frames");
	gs_jw_arr_begin(w);
	for (i = 0; i < s->len; i++)
		frame(w, m, m->stack_frames[s->first + i]);
	gs_jw_arr_end(w);
	if (with_args) {
		gs_jw_key(w, "args");
		gs_jw_arr_begin(w);
		for (i = 0; i < s->len; i++)
			str_id(w, m, m->stack_args[s->first + i]);
		gs_jw_arr_end(w);
	}
	gs_jw_key(w, "canon");
	gs_jw_arr_begin(w);
	if (id != 0) {
		const struct gs_stack *c = &m->stacks[s->canon];

		for (i = 0; i < c->len; i++)
			frame(w, m, m->stack_frames[c->first + i]);
	}
	gs_jw_arr_end(w);
	gs_jw_key(w, "where");
	frame(w, m, gs_stack_where(m, id));
	gs_jw_obj_end(w);
}

static void dumps(struct gs_jsonw *w, const struct gs_model *m)
{
	uint32_t i;
	int k;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];
		int64_t pause;

		gs_jw_obj_begin(w);
		gs_jw_key(w, "kind");
		gs_jw_str(w, gs_kind_name(d->kind));
		gs_jw_key(w, "source");
		gs_jw_uint(w, d->source);
		gs_jw_key(w, "flags");
		gs_jw_uint(w, d->flags);
		gs_jw_key(w, "panic");
		str_id(w, m, d->panic);
		gs_jw_key(w, "signal");
		str_id(w, m, d->signal);
		gs_jw_key(w, "lines");
		gs_jw_arr_begin(w);
		gs_jw_uint(w, d->first_line);
		gs_jw_uint(w, d->last_line);
		gs_jw_arr_end(w);
		gs_jw_key(w, "total");
		gs_jw_uint(w, d->total);
		gs_jw_key(w, "g");
		gs_jw_arr_begin(w);
		gs_jw_uint(w, d->first_g);
		gs_jw_uint(w, d->ng);
		gs_jw_arr_end(w);
		gs_jw_key(w, "g0_stacks");
		gs_jw_uint(w, d->g0_stacks);
		gs_jw_key(w, "skipped");
		gs_jw_uint(w, d->skipped);
		gs_jw_key(w, "races");
		gs_jw_uint(w, d->races);
		gs_jw_key(w, "s");
		gs_jw_arr_begin(w);
		gs_jw_uint(w, d->first_s);
		gs_jw_uint(w, d->ns);
		gs_jw_arr_end(w);
		gs_jw_key(w, "header");
		gs_jw_arr_begin(w);
		for (k = 0; k < 4; k++)
			gs_jw_int(w, d->header_v[k]);
		gs_jw_int(w, d->header_rate);
		gs_jw_int(w, d->rate);
		str_id(w, m, d->sampling);
		gs_jw_int(w, d->cycles_per_second);
		gs_jw_int(w, d->sampling_period);
		gs_jw_arr_end(w);
		gs_jw_key(w, "stats");
		gs_jw_arr_begin(w);
		gs_jw_uint(w, d->first_stat);
		gs_jw_uint(w, d->nstat);
		gs_jw_arr_end(w);
		gs_jw_key(w, "last_pause");
		if (gs_dump_last_pause(m, i, &pause) == 0)
			gs_jw_int(w, pause);
		else
			gs_jw_null(w);
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
}

static void goroutines(struct gs_jsonw *w, const struct gs_model *m)
{
	size_t i;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_goroutine *g = &m->goroutines[i];

		gs_jw_obj_begin(w);
		gs_jw_key(w, "id");
		gs_jw_uint(w, g->id);
		gs_jw_key(w, "parent");
		gs_jw_uint(w, g->parent);
		gs_jw_key(w, "line");
		gs_jw_uint(w, g->line);
		gs_jw_key(w, "count");
		gs_jw_uint(w, g->count);
		gs_jw_key(w, "state");
		str_id(w, m, g->state);
		gs_jw_key(w, "wait");
		gs_jw_uint(w, g->wait);
		gs_jw_key(w, "flags");
		gs_jw_uint(w, g->flags);
		gs_jw_key(w, "bubble");
		gs_jw_uint(w, g->bubble);
		gs_jw_key(w, "dump");
		gs_jw_uint(w, g->dump);
		gs_jw_key(w, "labels");
		labels(w, m, g->labels);
		gs_jw_key(w, "object");
		gs_jw_uint(w, gs_goroutine_object(m, i));
		gs_jw_key(w, "creator");
		frame(w, m, g->creator);
		gs_jw_key(w, "stack");
		stack(w, m, g->stack, 1);
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
}

static void samples(struct gs_jsonw *w, const struct gs_model *m)
{
	size_t i;
	int k;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->nsamples; i++) {
		const struct gs_sample *s = &m->samples[i];
		int64_t scaled[4];

		gs_jw_obj_begin(w);
		gs_jw_key(w, "line");
		gs_jw_uint(w, s->line);
		gs_jw_key(w, "dump");
		gs_jw_uint(w, s->dump);
		gs_jw_key(w, "labels");
		labels(w, m, s->labels);
		gs_jw_key(w, "v");
		gs_jw_arr_begin(w);
		for (k = 0; k < 4; k++)
			gs_jw_int(w, s->v[k]);
		gs_jw_arr_end(w);
		gs_jw_key(w, "scaled");
		gs_jw_arr_begin(w);
		if (gs_sample_scaled(m, s, scaled) == 0)
			for (k = 0; k < 4; k++)
				gs_jw_int(w, scaled[k]);
		gs_jw_arr_end(w);
		gs_jw_key(w, "stack");
		stack(w, m, s->stack, 0);
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
}

static void stats(struct gs_jsonw *w, const struct gs_model *m)
{
	size_t i, k;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->nstats; i++) {
		const struct gs_stat *st = &m->stats[i];

		gs_jw_arr_begin(w);
		str_id(w, m, st->key);
		str_id(w, m, st->text);
		gs_jw_int(w, (int64_t)st->type);
		gs_jw_int(w, st->i);
		gs_jw_int(w, st->i2);
		gs_jw_double_g(w, st->f, 17);
		gs_jw_arr_begin(w);
		if (st->type == GS_STAT_ARRAY)
			for (k = 0; k < st->nv && st->first_v + k < m->nstat_values; k++)
				gs_jw_int(w, m->stat_values[st->first_v + k]);
		gs_jw_arr_end(w);
		gs_jw_arr_end(w);
	}
	gs_jw_arr_end(w);
}

static void diags(struct gs_jsonw *w, const struct gs_model *m)
{
	size_t i;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->ndiags; i++) {
		const struct gs_diag *d = &m->diags[i];

		gs_jw_arr_begin(w);
		gs_jw_int(w, (int64_t)d->level);
		gs_jw_uint(w, d->source);
		gs_jw_uint(w, d->line);
		str_id(w, m, d->message);
		str_id(w, m, d->near);
		gs_jw_arr_end(w);
	}
	gs_jw_arr_end(w);
}

void model_json(const struct gs_model *m, struct gs_buf *out)
{
	struct gs_jsonw w;
	uint32_t i;

	gs_jw_init(&w, out, 0);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "sources");
	gs_jw_arr_begin(&w);
	for (i = 0; i < m->nsources; i++) {
		const struct gs_source *s = &m->sources[i];

		gs_jw_arr_begin(&w);
		str_id(&w, m, s->name);
		gs_jw_uint(&w, s->bytes);
		gs_jw_uint(&w, s->lines);
		gs_jw_uint(&w, s->skipped_lines);
		gs_jw_uint(&w, s->first_dump);
		gs_jw_uint(&w, s->ndumps);
		gs_jw_arr_end(&w);
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "dumps");
	dumps(&w, m);
	gs_jw_key(&w, "goroutines");
	goroutines(&w, m);
	gs_jw_key(&w, "samples");
	samples(&w, m);
	gs_jw_key(&w, "stats");
	stats(&w, m);
	gs_jw_key(&w, "diags");
	diags(&w, m);
	gs_jw_key(&w, "diags_dropped");
	gs_jw_uint(&w, m->diags_dropped);
	gs_jw_key(&w, "worst");
	gs_jw_int(&w, (int64_t)m->worst);
	gs_jw_obj_end(&w);
}

/* ---- analyses ---- */

static void group_json(struct gs_jsonw *w, const struct gs_model *m, const struct grouping *g)
{
	size_t i, k;

	gs_jw_obj_begin(w);
	gs_jw_key(w, "total");
	gs_jw_uint(w, g->total);
	gs_jw_key(w, "filtered");
	gs_jw_uint(w, g->filtered);
	gs_jw_key(w, "groups");
	gs_jw_arr_begin(w);
	for (i = 0; i < g->ngroups; i++) {
		const struct group *gr = &g->groups[i];

		gs_jw_arr_begin(w);
		gs_jw_uint(w, gr->count);
		gs_jw_uint(w, gr->records);
		str_id(w, m, gr->key.v[GS_KEY_STATE]);
		gs_jw_str(w, gs_wait_bucket_name((enum gs_wait_bucket)gr->key.v[GS_KEY_WAIT]));
		gs_jw_uint(w, gr->key.v[GS_KEY_WAIT_EXACT]);
		frame(w, m, gr->key.v[GS_KEY_WHERE]);
		str_id(w, m, gr->key.v[GS_KEY_FUNC]);
		stack(w, m, gr->key.v[GS_KEY_STACK], 0);
		frame(w, m, gr->key.v[GS_KEY_CREATOR]);
		labels(w, m, gr->key.v[GS_KEY_LABELS]);
		str_id(w, m, gr->key.v[GS_KEY_LABEL]);
		gs_jw_uint(w, gr->wait_min);
		gs_jw_uint(w, gr->wait_max);
		gs_jw_uint(w, gr->nwait);
		gs_jw_uint(w, gr->rep);
		gs_jw_arr_begin(w);
		for (k = 0; k < gr->records && gr->members + k < g->nmember; k++)
			gs_jw_uint(w, g->member[gr->members + k]);
		gs_jw_arr_end(w);
		gs_jw_arr_end(w);
	}
	gs_jw_arr_end(w);
	gs_jw_obj_end(w);
}

static int sites_json(struct gs_jsonw *w, const struct gs_model *m, enum gs_kind kind,
                      unsigned keys, uint32_t label_key)
{
	struct gs_sites_opts o;
	struct gs_sites s;
	enum gs_family fam = gs_kind_family(kind);
	size_t i;
	int k, nv = gs_family_ncolumns(fam);

	memset(&o, 0, sizeof o);
	o.kinds = 1u << kind;
	o.keys = keys;
	o.label_key = label_key;
	o.cum = 1;
	if (gs_sites_build(m, &o, &s) != 0)
		return -1;
	gs_sites_sort(m, &s, 0, 1);
	gs_jw_arr_begin(w);
	for (i = 0; i < s.nsites; i++) {
		const struct gs_site *st = &s.sites[i];

		gs_jw_arr_begin(w);
		frame(w, m, st->key.v[GS_KEY_WHERE]);
		str_id(w, m, st->key.v[GS_KEY_FUNC]);
		gs_jw_uint(w, st->records);
		for (k = 0; k < nv; k++) {
			const char *name = gs_column_name(fam, k, 1);

			gs_jw_str(w, name ? name : "");
			gs_jw_int(w, st->flat[k]);
			gs_jw_int(w, st->flat_scaled[k]);
			gs_jw_int(w, st->cum[k]);
			gs_jw_int(w, st->cum_scaled[k]);
		}
		gs_jw_arr_end(w);
	}
	gs_jw_arr_end(w);
	gs_sites_free(&s);
	return 0;
}

/* The dumps of one kind family as the points of a diff/trend. */
static int match_json(struct gs_jsonw *w, const struct gs_model *m, const struct group_opts *base)
{
	enum { MAX_POINTS = 8 };
	struct gs_match x;
	struct grouping g;
	uint32_t d, points[MAX_POINTS];
	size_t np = 0, p, r;
	int samples = 0, rc = 0;

	for (d = 0; d < m->ndumps && np < MAX_POINTS; d++) {
		enum gs_kind k = m->dumps[d].kind;
		int is_samples = k == GS_KIND_HEAP || k == GS_KIND_ALLOCS || k == GS_KIND_MUTEX ||
		                 k == GS_KIND_BLOCK;

		if (k == GS_KIND_BINARY || k == GS_KIND_UNKNOWN)
			continue;
		if (np == 0)
			samples = is_samples;
		if (is_samples == samples)
			points[np++] = d;
	}
	if (np == 0)
		return 0;
	if (gs_match_init(&x, np, samples) != 0)
		return -1;
	for (p = 0; p < np && rc == 0; p++) {
		const struct gs_dump *dd = &m->dumps[points[p]];
		struct group_opts o = *base;

		if (samples) {
			rc = gs_match_add_samples(&x, p, m, &o, dd->first_s, dd->ns, NULL, (int)(p & 1));
			continue;
		}
		o.first_g = dd->first_g;
		o.ng = dd->ng;
		if (gs_group(m, &o, &g) != 0) {
			rc = -1;
			break;
		}
		rc = gs_match_add_groups(&x, p, m, &g);
		gs_grouping_free(&g);
	}
	gs_jw_arr_begin(w);
	for (r = 0; rc == 0 && r < x.nrows; r++) {
		int64_t series[MAX_POINTS];
		unsigned char known[MAX_POINTS];
		uint32_t young[MAX_POINTS];
		double times[MAX_POINTS];
		struct trend_verdict v;

		for (p = 0; p < np; p++) {
			series[p] = samples ? gs_match_value(&x, r, p, 0)
			                    : (int64_t)(gs_match_count(&x, r, p) & INT64_MAX);
			known[p] = (unsigned char)(p != 1 || np < 3);
			young[p] = x.wait_young[r * np + p];
			times[p] = 60.0 * (double)p;
		}
		gs_trend_judge(series, known, np, 1, times, known, young, &v);
		gs_jw_arr_begin(w);
		stack(w, m, x.rows[r].rep_stack, 0);
		for (p = 0; p < np; p++)
			gs_jw_int(w, series[p]);
		gs_jw_int(w, v.suspect);
		gs_jw_int(w, v.stuck);
		gs_jw_int(w, v.rise);
		gs_jw_uint(w, v.dips);
		gs_jw_double_g(w, v.growth, 6);
		gs_jw_double_g(w, v.has_per_minute ? v.growth_per_minute : 0.0, 6);
		gs_jw_arr_end(w);
	}
	gs_jw_arr_end(w);
	gs_match_free(&x);
	return rc;
}

int model_json_analyses(struct gs_model *m, unsigned variant, struct gs_buf *out)
{
	static const char *const specs[] = {
		"state,wait,where", "stack,creator,labels,wait=exact", "func,label:tenant",
		"where,labels,state", "creator,wait,label:k,object",
	};
	struct group_opts sets[3];
	struct gs_jsonw w;
	struct grouping g;
	struct gs_by_error err;
	uint32_t d;
	size_t k;
	int rc = 0;

	memset(sets, 0, sizeof sets);
	/* three of the five key sets, chosen by the variant */
	for (k = 0; k < 3; k++) {
		const char *spec = specs[(variant + k * 2) % (sizeof specs / sizeof specs[0])];

		if (gs_by_parse(spec, m, &sets[k].keys, &sets[k].label_key, &err) != 0)
			return -1;
	}
	gs_jw_init(&w, out, (int)(variant & 1));
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "groups");
	gs_jw_arr_begin(&w);
	for (d = 0; d < m->ndumps && rc == 0; d++) {
		for (k = 0; k < 3; k++) {
			struct group_opts o = sets[k];

			o.first_g = m->dumps[d].first_g;
			o.ng = m->dumps[d].ng;
			if (gs_group(m, &o, &g) != 0) {
				rc = -1;
				break;
			}
			group_json(&w, m, &g);
			gs_grouping_free(&g);
		}
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "sites");
	gs_jw_arr_begin(&w);
	for (d = 0; d < m->ndumps && rc == 0; d++) {
		enum gs_kind kind = m->dumps[d].kind;

		if (gs_kind_family(kind) == GS_FAM_NONE)
			continue;
		/* once per kind: sites read every dump of the kind */
		{
			uint32_t e;

			for (e = 0; e < d && m->dumps[e].kind != kind; e++)
				;
			if (e < d)
				continue;
		}
		rc = sites_json(&w, m, kind, (variant & 2) ? GK_FUNC : GK_WHERE, 0);
		if (rc == 0)
			rc = sites_json(&w, m, kind, sets[2].keys & (GK_LABEL | GK_FUNC), sets[2].label_key);
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "match");
	if (rc == 0)
		rc = match_json(&w, m, &sets[variant % 3]);
	gs_jw_obj_end(&w);
	return rc;
}
