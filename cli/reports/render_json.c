/* render_json.c - see render_json.h; the key lists are in the README's JSON section. */
#include "reports/render_json.h"

#include <string.h>

#include "jsonw.h"
#include "reports/render_profile_json.h"
#include "sites.h"
#include "outputs/term.h"

static void json_text(struct jsonw *w, const struct gs_model *m, uint32_t id)
{
	if (id == 0 || id == RENDER_MIXED)
		jw_null(w);
	else
		jw_strn(w, gs_str(m, id), intern_len(m->strings, id));
}

/* {"func","file","line"} or null (no frame, or members differ) */
static void json_frame(struct jsonw *w, const struct gs_model *m, uint32_t frame)
{
	const struct gs_frame *f;

	if (frame == 0 || frame == RENDER_MIXED) {
		jw_null(w);
		return;
	}
	f = &m->frames[frame];
	jw_obj_begin(w);
	jw_key(w, "func");
	json_text(w, m, f->func);
	jw_key(w, "file");
	json_text(w, m, f->file);
	jw_key(w, "line");
	jw_uint(w, f->line);
	jw_obj_end(w);
}

static void json_labels(struct jsonw *w, const struct gs_model *m, uint32_t labels)
{
	const char *s, *k, *v;
	size_t len, pos = 0, kl, vl;
	struct buf key = BUF_INIT;

	if (labels == 0 || labels == RENDER_MIXED) {
		jw_null(w);
		return;
	}
	s = gs_str(m, labels);
	len = intern_len(m->strings, labels);
	jw_obj_begin(w);
	while (gs_label_next(s, len, &pos, &k, &kl, &v, &vl)) {
		/* jw_key takes a C string; label keys hold no NUL (it separates them) */
		buf_reset(&key);
		buf_add(&key, k, kl);
		jw_key(w, key.data);
		jw_strn(w, v, vl);
	}
	jw_obj_end(w);
	buf_release(&key);
}

/* check: the records of a source and the sums of their value columns, as the file gives
 * them, named like the corpus MANIFEST's facts: "records", "header_total" (debug=1 count
 * profiles), "sum_count", "sum_cycles", "sum_inuse_objects" ... "sum_alloc_space". */
static void json_source_records(struct jsonw *w, const struct gs_model *m,
                                const struct gs_source *src)
{
	int64_t heap[4] = { 0, 0, 0, 0 }, count = 0, cycles = 0;
	uint64_t records = 0, header_total = 0;
	int has_total = 0, has_count = 0, has_heap = 0, has_cont = 0, k;
	uint32_t d;
	size_t i;

	for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
		const struct gs_dump *dp = &m->dumps[d];
		enum gs_family fam = gs_kind_family(dp->kind);
		size_t n = gs_dump_nrecords(m, d);

		records += n;
		if (dp->flags & GS_DUMP_HAS_TOTAL) {
			has_total = 1;
			header_total += dp->total;
		}
		for (i = 0; i < n; i++) {
			struct gs_rec_values r;

			gs_dump_record_values(m, d, i, &r);
			if (fam == GS_FAM_COUNT) {
				count = gs_sat_add(count, r.raw[0]);
			} else if (fam == GS_FAM_HEAP) {
				for (k = 0; k < 4; k++)
					heap[k] = gs_sat_add(heap[k], r.raw[k]);
			} else if (fam == GS_FAM_CONTENTION) {
				cycles = gs_sat_add(cycles, r.raw[0]);
				count = gs_sat_add(count, r.raw[1]);
			}
		}
		has_count |= fam == GS_FAM_COUNT || fam == GS_FAM_CONTENTION;
		has_heap |= fam == GS_FAM_HEAP;
		has_cont |= fam == GS_FAM_CONTENTION;
	}
	jw_key(w, "records");
	jw_uint(w, records);
	jw_key(w, "header_total");
	if (has_total)
		jw_uint(w, header_total);
	else
		jw_null(w);
	if (has_count) {
		jw_key(w, "sum_count");
		jw_int(w, count);
	}
	if (has_cont) {
		jw_key(w, "sum_cycles");
		jw_int(w, cycles);
	}
	if (has_heap) {
		static const char *const names[] = { "sum_inuse_objects", "sum_inuse_space",
		                                     "sum_alloc_objects", "sum_alloc_space" };

		for (k = 0; k < 4; k++) {
			jw_key(w, names[k]);
			jw_int(w, heap[k]);
		}
	}
}

static void json_sources(struct jsonw *w, const struct render_ctx *r, int check)
{
	const struct gs_model *m = r->m;
	uint32_t s, d;

	jw_key(w, "sources");
	jw_arr_begin(w);
	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];

		jw_obj_begin(w);
		jw_key(w, "name");
		json_text(w, m, src->name);
		jw_key(w, "format");
		jw_str(w, render_source_format(m, s));
		jw_key(w, "dumps");
		jw_uint(w, src->ndumps);
		jw_key(w, "bytes");
		jw_uint(w, src->bytes);
		jw_key(w, "lines");
		jw_uint(w, src->lines);
		if (check) {
			uint64_t ng = 0, g0 = 0, skipped = 0;

			for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
				ng += render_dump_goroutines(m, &m->dumps[d]);
				g0 += m->dumps[d].g0_stacks;
				skipped += m->dumps[d].skipped;
			}
			jw_key(w, "kinds");
			jw_arr_begin(w);
			for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++)
				jw_str(w, gs_kind_name(m->dumps[d].kind));
			jw_arr_end(w);
			jw_key(w, "detected");
			jw_str(w, r->detected && r->detected[s] ? r->detected[s] : "");
			jw_key(w, "goroutines");
			jw_uint(w, ng);
			jw_key(w, "g0_stacks");
			jw_uint(w, g0);
			jw_key(w, "skipped");
			jw_uint(w, skipped);
			jw_key(w, "lines_not_understood");
			jw_uint(w, src->skipped_lines);
			json_source_records(w, m, src);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static const char *level_name(enum gs_level l)
{
	return l == GS_NOTE ? "note" : l == GS_WARNING ? "warning" : "error";
}

void render_json_diag_list(struct jsonw *w, const struct gs_model *m)
{
	size_t i;

	jw_key(w, "diagnostics");
	jw_arr_begin(w);
	for (i = 0; i < m->ndiags; i++) {
		const struct gs_diag *d = &m->diags[i];

		jw_obj_begin(w);
		jw_key(w, "level");
		jw_str(w, level_name(d->level));
		jw_key(w, "source");
		if (d->source < m->nsources)
			json_text(w, m, m->sources[d->source].name);
		else
			jw_null(w);
		jw_key(w, "line");
		jw_uint(w, d->line);
		jw_key(w, "message");
		json_text(w, m, d->message);
		jw_key(w, "near");
		json_text(w, m, d->near);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void json_diags(struct jsonw *w, const struct gs_model *m)
{
	render_json_diag_list(w, m);
	jw_key(w, "diagnostics_dropped");
	jw_uint(w, m->diags_dropped);
}

static void json_dumps(struct jsonw *w, const struct gs_model *m)
{
	uint32_t i;

	jw_key(w, "dumps");
	jw_arr_begin(w);
	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];

		jw_obj_begin(w);
		jw_key(w, "source");
		json_text(w, m, m->sources[d->source].name);
		jw_key(w, "kind");
		jw_str(w, gs_kind_name(d->kind));
		jw_key(w, "first_line");
		jw_uint(w, d->first_line);
		jw_key(w, "last_line");
		jw_uint(w, d->last_line);
		jw_key(w, "goroutines");
		jw_uint(w, render_dump_goroutines(m, d));
		jw_key(w, "panic");
		json_text(w, m, d->panic);
		jw_key(w, "signal");
		json_text(w, m, d->signal);
		jw_key(w, "records");
		jw_uint(w, gs_dump_nrecords(m, i));
		jw_key(w, "header");
		render_json_dump_header(w, m, i);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void json_by(struct jsonw *w, const char *by)
{
	const char *p = by, *comma;

	jw_key(w, "by");
	jw_arr_begin(w);
	for (;;) {
		comma = strchr(p, ',');
		jw_strn(w, p, comma ? (size_t)(comma - p) : strlen(p));
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	jw_arr_end(w);
}

static void json_group(struct jsonw *w, const struct render_ctx *r, const struct group *g)
{
	const struct gs_model *m = r->m;
	const struct gs_goroutine *rep = &m->goroutines[r->gr->member[g->members]];
	struct group_info gi;
	uint32_t canon = m->stacks[rep->stack].canon;
	size_t k;
	int pretty;

	render_group_info(r, g, &gi);
	jw_obj_begin(w);
	jw_key(w, "count");
	jw_uint(w, g->count);
	jw_key(w, "records");
	jw_uint(w, g->records);
	jw_key(w, "state");
	json_text(w, m, gi.state);
	jw_key(w, "wait_min");
	if (g->nwait)
		jw_uint(w, g->wait_min);
	else
		jw_null(w);
	jw_key(w, "wait_max");
	if (g->nwait)
		jw_uint(w, g->wait_max);
	else
		jw_null(w);
	if (r->go->keys & GK_WAIT) {
		jw_key(w, "wait_bucket");
		jw_str(w, gs_wait_bucket_name((enum gs_wait_bucket)g->key.v[GS_KEY_WAIT]));
	}
	jw_key(w, "where");
	json_frame(w, m, gi.where);
	jw_key(w, "creator");
	json_frame(w, m, gi.creator);
	if (r->go->keys & GK_LABEL) {
		jw_key(w, "label");
		jw_obj_begin(w);
		jw_key(w, gs_str(m, r->go->label_key));
		json_text(w, m, g->key.v[GS_KEY_LABEL]);
		jw_obj_end(w);
	}
	jw_key(w, "ids");
	/* ids on one line: thousands of them one per line would drown the document */
	pretty = w->pretty;
	w->pretty = 0;
	jw_arr_begin(w);
	for (k = 0; k < g->records; k++) {
		const struct gs_goroutine *x = &m->goroutines[r->gr->member[g->members + k]];

		/* debug=1 records stand for several goroutines and have no id */
		if (!(x->flags & GS_G_NOSTATE))
			jw_uint(w, x->id);
	}
	jw_arr_end(w);
	w->pretty = pretty;
	jw_key(w, "labels");
	json_labels(w, m, gi.labels);
	jw_key(w, "stack");
	render_json_stack(w, m, canon);
	jw_obj_end(w);
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

void render_json_summary(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct buf out = BUF_INIT;
	struct jsonw w;
	struct render_totals tot;
	uint64_t records = 0;
	size_t i;

	render_totals(m, &tot);
	for (i = 0; i < r->gr->ngroups; i++)
		records += r->gr->groups[i].records;
	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	jw_key(&w, "schema");
	jw_str(&w, "gostacks.summary/1");
	json_sources(&w, r, 0);
	jw_key(&w, "kind");
	jw_str(&w, gs_kind_name(r->kind ? r->kind : GS_KIND_GOROUTINE));
	json_by(&w, r->by);
	jw_key(&w, "total");
	jw_uint(&w, r->gr->total);
	jw_key(&w, "skipped");
	jw_uint(&w, tot.skipped);
	jw_key(&w, "g0_stacks");
	jw_uint(&w, tot.g0_stacks);
	jw_key(&w, "filtered");
	jw_uint(&w, r->gr->filtered);
	jw_key(&w, "lines_not_understood");
	jw_uint(&w, tot.lines_skipped);
	jw_key(&w, "records");
	jw_uint(&w, records);
	jw_key(&w, "header");
	render_json_dump_header(&w, m, first_dump_of(m, r->kind));
	json_dumps(&w, m);
	jw_key(&w, "groups");
	jw_arr_begin(&w);
	for (i = 0; i < r->gr->ngroups; i++) {
		json_group(&w, r, &r->gr->groups[i]);
		render_flush(&out, f, 0);
	}
	jw_arr_end(&w);
	json_diags(&w, m);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	render_flush(&out, f, 1);
	buf_release(&out);
}

void render_json_check(const struct render_ctx *r, FILE *f)
{
	const struct gs_model *m = r->m;
	struct buf out = BUF_INIT;
	struct jsonw w;
	struct render_totals tot;
	uint64_t total = 0;
	size_t i;

	render_totals(m, &tot);
	for (i = 0; i < m->ngoroutines; i++)
		total += m->goroutines[i].count;
	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	jw_key(&w, "schema");
	jw_str(&w, "gostacks.check/1");
	json_sources(&w, r, 1);
	jw_key(&w, "total");
	jw_uint(&w, total);
	jw_key(&w, "skipped");
	jw_uint(&w, tot.skipped);
	jw_key(&w, "g0_stacks");
	jw_uint(&w, tot.g0_stacks);
	jw_key(&w, "dumps");
	jw_uint(&w, m->ndumps);
	jw_key(&w, "lines_not_understood");
	jw_uint(&w, tot.lines_skipped);
	json_diags(&w, m);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	render_flush(&out, f, 1);
	buf_release(&out);
}

void render_json_text(struct jsonw *w, const struct gs_model *m, uint32_t id)
{
	json_text(w, m, id);
}

void render_json_frame(struct jsonw *w, const struct gs_model *m, uint32_t frame)
{
	json_frame(w, m, frame);
}

void render_json_stack(struct jsonw *w, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *frames = gs_stack_frames(m, stack);
	uint32_t i;

	jw_arr_begin(w);
	for (i = 0; i < m->stacks[stack].len; i++)
		json_frame(w, m, frames[i]);
	jw_arr_end(w);
}

void render_json_labels(struct jsonw *w, const struct gs_model *m, uint32_t labels)
{
	json_labels(w, m, labels);
}

void render_json_sources(struct jsonw *w, const struct render_ctx *r)
{
	json_sources(w, r, 0);
}

void render_json_by(struct jsonw *w, const char *by)
{
	json_by(w, by);
}

void render_json_dumps(struct jsonw *w, const struct gs_model *m)
{
	json_dumps(w, m);
}

void render_json_diags(struct jsonw *w, const struct gs_model *m)
{
	json_diags(w, m);
}
