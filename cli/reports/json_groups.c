/* json_groups.c - gostacks.summary/1 of goroutine groups and gostacks.check/1 (json.h). */
#include "reports/json.h"
#include "reports/keys.h"

#include <stdlib.h>

/* The marks of one document's counts (render.h). */
struct seen {
	size_t *stacks;
	size_t *sources;
};

static void json_group(struct gs_jsonw *w, const struct render_ctx *r, const struct group *g,
                       const struct seen *seen)
{
	const struct gs_model *m = r->m;
	const struct gs_goroutine *rep = &m->goroutines[r->gr->member[g->members]];
	struct group_info gi;
	uint32_t canon = m->stacks[rep->stack].canon;
	size_t k;
	int pretty;

	render_group_info(r, g, &gi);
	gs_jw_obj_begin(w);
	gs_jw_key(w, "count");
	gs_jw_uint(w, g->count);
	gs_jw_key(w, "records");
	gs_jw_uint(w, g->records);
	gs_jw_key(w, "state");
	json_text(w, m, gi.state);
	gs_jw_key(w, "wait_min");
	if (g->nwait)
		gs_jw_uint(w, g->wait_min);
	else
		gs_jw_null(w);
	gs_jw_key(w, "wait_max");
	if (g->nwait)
		gs_jw_uint(w, g->wait_max);
	else
		gs_jw_null(w);
	if (r->go->keys & GK_WAIT) {
		gs_jw_key(w, "wait_bucket");
		gs_jw_str(w, gs_wait_bucket_name((enum gs_wait_bucket)g->key.v[GS_KEY_WAIT]));
	}
	gs_jw_key(w, "where");
	json_frame(w, m, gi.where);
	if (r->go->keys & GK_SOURCE)
		keys_json(w, m, GS_KEY_SOURCE, g->key.v[GS_KEY_SOURCE], 0);
	if (r->go->keys & GK_DUMP)
		keys_json(w, m, GS_KEY_DUMP, g->key.v[GS_KEY_DUMP], 0);
	/* how many SOURCEs the members come from: a fleet's group spread over hosts */
	gs_jw_key(w, "sources");
	gs_jw_uint(w, render_group_sources(r, g, seen->sources));
	gs_jw_key(w, "creator");
	json_frame(w, m, gi.creator);
	if (r->go->keys & GK_LABEL) {
		gs_jw_key(w, "label");
		gs_jw_obj_begin(w);
		gs_jw_key(w, gs_str(m, r->go->label_key));
		json_text(w, m, g->key.v[GS_KEY_LABEL]);
		gs_jw_obj_end(w);
	}
	gs_jw_key(w, "ids");
	/* ids on one line: thousands of them one per line would drown the document */
	pretty = w->pretty;
	w->pretty = 0;
	gs_jw_arr_begin(w);
	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = &m->goroutines[r->gr->member[g->members + k]];

		/* debug=1 records stand for several goroutines and have no id */
		if (!(x->flags & GS_G_NOSTATE))
			gs_jw_uint(w, x->id);
	}
	gs_jw_arr_end(w);
	w->pretty = pretty;
	gs_jw_key(w, "labels");
	json_labels(w, m, gi.labels);
	/* how many distinct canonical stacks the members have: "stack" is the first's */
	gs_jw_key(w, "stacks");
	gs_jw_uint(w, render_group_stacks(r, g, seen->stacks));
	gs_jw_key(w, "stack");
	json_stack(w, m, canon);
	gs_jw_obj_end(w);
}

/* The first dump of the kind summarised (any goroutine kind for a mix), for "header". */
static uint32_t first_dump_of(const struct gs_model *m, enum gs_kind kind)
{
	uint32_t i;

	for (i = 0; i < m->ndumps; i++)
		if (m->dumps[i].kind == kind || (kind == GS_KIND_GOROUTINE &&
		                                 render_kind_is_goroutine(m->dumps[i].kind)))
			return i;
	return UINT32_MAX;
}

void json_summary(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	struct render_totals tot;
	uint64_t records = 0;
	struct seen seen;
	size_t i;

	render_totals(m, &tot);
	seen.stacks = render_stacks_seen(m);
	seen.sources = render_sources_seen(m);
	for (i = 0; i < r->gr->ngroups; i++)
		records += r->gr->groups[i].records;
	json_doc_begin(&doc, f, "gostacks.summary/1");
	json_sources(w, r, 0);
	gs_jw_key(w, "kind");
	gs_jw_str(w, gs_kind_name(r->kind ? r->kind : GS_KIND_GOROUTINE));
	json_by(w, r->by);
	gs_jw_key(w, "total");
	gs_jw_uint(w, r->gr->total);
	gs_jw_key(w, "skipped");
	gs_jw_uint(w, tot.skipped);
	gs_jw_key(w, "g0_stacks");
	gs_jw_uint(w, tot.g0_stacks);
	gs_jw_key(w, "filtered");
	gs_jw_uint(w, r->gr->filtered);
	gs_jw_key(w, "lines_not_understood");
	gs_jw_uint(w, tot.lines_skipped);
	gs_jw_key(w, "records");
	gs_jw_uint(w, records);
	gs_jw_key(w, "header");
	json_dump_header(w, m, first_dump_of(m, r->kind));
	json_dumps(w, m);
	gs_jw_key(w, "groups");
	gs_jw_arr_begin(w);
	for (i = 0; i < r->gr->ngroups; i++) {
		json_group(w, r, &r->gr->groups[i], &seen);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	free(seen.stacks);
	free(seen.sources);
	json_diags(w, m, 1);
	json_doc_end(&doc);
}

void json_check(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	struct render_totals tot;
	uint64_t total = 0;
	size_t i;

	render_totals(m, &tot);
	for (i = 0; i < m->ngoroutines; i++)
		total += m->goroutines[i].count;
	json_doc_begin(&doc, f, "gostacks.check/1");
	json_sources(w, r, 1);
	gs_jw_key(w, "total");
	gs_jw_uint(w, total);
	gs_jw_key(w, "skipped");
	gs_jw_uint(w, tot.skipped);
	gs_jw_key(w, "g0_stacks");
	gs_jw_uint(w, tot.g0_stacks);
	gs_jw_key(w, "dumps");
	gs_jw_uint(w, m->ndumps);
	gs_jw_key(w, "lines_not_understood");
	gs_jw_uint(w, tot.lines_skipped);
	json_diags(w, m, 1);
	json_doc_end(&doc);
}

