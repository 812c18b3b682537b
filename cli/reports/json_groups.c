/* json_groups.c - gostacks.summary/1 of goroutine groups and gostacks.check/1 (json.h). */
#include "reports/json.h"
#include "reports/keys.h"
#include "reports/member_facts.h"
#include "outputs/sums.h"

#include <stdlib.h>

#include "object.h"
#include "outputs/msg.h"

/* "holders": the ids of the goroutines that may hold the group's object (object.h) */
static void json_holders(struct gs_jsonw *w, const struct render_ctx *r, const struct group *g,
                         uint64_t object, struct gs_holders *h)
{
	size_t n = h ? render_holders(r, h, g, object, NULL, 0) : 0, k;
	struct gs_holder *held;

	gs_jw_key(w, "holders");
	gs_jw_arr_begin(w);
	if (n) {
		held = xmalloc(n * sizeof *held);
		render_holders(r, h, g, object, held, n);
		for (k = 0; k < n; k++)
			gs_jw_uint(w, r->m->goroutines[held[k].g].id);
		free(held);
	}
	gs_jw_arr_end(w);
}

/* What one document reads of the groups' members, and its scratch. */
struct seen {
	const struct member_facts *f;
	uint32_t *slot;          /* per stack id (member_facts_stacks) */
	size_t *sources;         /* render_group_sources' marks */
};

static void json_group(struct gs_jsonw *w, const struct render_ctx *r, size_t index,
                       const struct seen *seen, struct gs_holders *h)
{
	const struct gs_model *m = r->m;
	const struct group *g = &r->gr->groups[index];
	const struct member_facts *f = seen->f;
	struct group_info gi = f->info[index];
	uint32_t canon = f->canon[g->members];
	size_t k;
	int pretty;

	gs_jw_obj_begin(w);
	gs_jw_key(w, "count");
	gs_jw_uint(w, g->count);
	gs_jw_key(w, "records");
	gs_jw_uint(w, g->records);
	/* proven by the runtime: every member, none, or (null) some of them */
	gs_jw_key(w, "leaked");
	if (g->leaked == 0 || g->leaked == g->count)
		gs_jw_bool(w, g->leaked != 0);
	else
		gs_jw_null(w);
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
	for (k = g->members; k < g->members + g->records; k++)
		/* debug=1 records stand for several goroutines and have no id */
		if (!(f->bits[k] & MF_NOSTATE))
			gs_jw_uint(w, f->id[k]);
	gs_jw_arr_end(w);
	w->pretty = pretty;
	gs_jw_key(w, "labels");
	json_labels(w, m, gi.labels);
	gs_jw_key(w, "object");
	json_object(w, m, gi.object);
	json_holders(w, r, g, gi.object_value, h);
	/* how many distinct canonical stacks the members have: "stack" is the first's */
	gs_jw_key(w, "stacks");
	gs_jw_uint(w, member_facts_stacks(r, f, g, seen->slot));
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
		                                 render_read_with(kind, m->dumps[i].kind)))
			return i;
	return UINT32_MAX;
}

/* "label_keys": the keys of the labels the grouped goroutines carry, sorted */
static void label_keys(struct gs_jsonw *w, const struct render_ctx *r)
{
	struct gs_buf keys = XBUF_INIT;
	const char *k;
	size_t pos = 0;

	render_label_keys(r, &keys);
	gs_jw_key(w, "label_keys");
	gs_jw_arr_begin(w);
	while ((k = render_label_key_next(&keys, &pos)) != NULL)
		gs_jw_str(w, k);
	gs_jw_arr_end(w);
	gs_buf_release(&keys);
}

void json_summary(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	struct render_totals tot;
	struct gs_holders *h = NULL;
	uint64_t records = 0;
	struct member_facts facts;
	struct seen seen;
	size_t i;

	render_totals(m, &tot);
	member_facts_make(r, &facts);
	seen.f = &facts;
	seen.slot = xcalloc((size_t)m->nstacks + 1, sizeof *seen.slot);
	seen.sources = render_sources_seen(m);
	for (i = 0; i < r->gr->ngroups; i++)
		records += r->gr->groups[i].records;
	json_doc_begin(&doc, f, "gostacks.summary/1");
	json_sources(w, r, 0);
	gs_jw_key(w, "kind");
	gs_jw_str(w, gs_kind_name(r->kind ? r->kind : GS_KIND_GOROUTINE));
	json_by(w, r->by);
	label_keys(w, r);
	gs_jw_key(w, "total");
	gs_jw_uint(w, r->gr->total);
	gs_jw_key(w, "leaked");
	gs_jw_uint(w, r->gr->leaked);
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
	if (render_any_object(r, NULL, r->gr->ngroups)) {
		h = gs_holders_new(m);
		if (h == NULL)
			die_oom();
	}
	gs_jw_key(w, "groups");
	gs_jw_arr_begin(w);
	for (i = 0; i < r->gr->ngroups; i++) {
		json_group(w, r, i, &seen, h);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	gs_holders_free(h);
	member_facts_free(&facts);
	free(seen.slot);
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
		total = sum_u64(total, m->goroutines[i].count);
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

