/* json_model.c - the pieces of the JSON documents (json.h): the model's texts, frames,
 * stacks, labels, sources, dumps, headers, MemStats and diagnostics. */
#include "reports/json.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "sites.h"

void json_doc_begin(struct json_doc *d, FILE *f, const char *schema)
{
	xbuf_init(&d->out);
	d->f = f;
	gs_jw_init(&d->w, &d->out, 1);
	gs_jw_obj_begin(&d->w);
	gs_jw_key(&d->w, "schema");
	gs_jw_str(&d->w, schema);
}

void json_doc_flush(struct json_doc *d)
{
	render_flush(&d->out, d->f, 0);
}

void json_doc_end(struct json_doc *d)
{
	gs_jw_obj_end(&d->w);
	gs_buf_addch(&d->out, '\n');
	render_flush(&d->out, d->f, 1);
	gs_buf_release(&d->out);
}

void json_text(struct gs_jsonw *w, const struct gs_model *m, uint32_t id)
{
	if (id == 0 || id == RENDER_MIXED)
		gs_jw_null(w);
	else
		gs_jw_strn(w, gs_str(m, id), gs_intern_len(m->strings, id));
}

/* {"func","file","line"} or null (no frame, or members differ) */
void json_frame(struct gs_jsonw *w, const struct gs_model *m, uint32_t frame)
{
	const struct gs_frame *f;

	if (frame == 0 || frame == RENDER_MIXED) {
		gs_jw_null(w);
		return;
	}
	f = &m->frames[frame];
	gs_jw_obj_begin(w);
	gs_jw_key(w, "func");
	json_text(w, m, f->func);
	gs_jw_key(w, "file");
	json_text(w, m, f->file);
	gs_jw_key(w, "line");
	gs_jw_uint(w, f->line);
	gs_jw_obj_end(w);
}

void json_labels(struct gs_jsonw *w, const struct gs_model *m, uint32_t labels)
{
	const char *s, *k, *v;
	size_t len, pos = 0, kl, vl;
	struct gs_buf key = XBUF_INIT;

	if (labels == 0 || labels == RENDER_MIXED) {
		gs_jw_null(w);
		return;
	}
	s = gs_str(m, labels);
	len = gs_intern_len(m->strings, labels);
	gs_jw_obj_begin(w);
	while (gs_label_next(s, len, &pos, &k, &kl, &v, &vl)) {
		/* gs_jw_key takes a C string; label keys hold no NUL (it separates them) */
		gs_buf_reset(&key);
		gs_buf_add(&key, k, kl);
		gs_jw_key(w, key.data);
		gs_jw_strn(w, v, vl);
	}
	gs_jw_obj_end(w);
	gs_buf_release(&key);
}

void json_stack(struct gs_jsonw *w, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *frames = gs_stack_frames(m, stack);
	uint32_t i;

	gs_jw_arr_begin(w);
	for (i = 0; i < m->stacks[stack].len; i++)
		json_frame(w, m, frames[i]);
	gs_jw_arr_end(w);
}

/* check: the records of a source and the sums of their value columns, as the file gives
 * them, named like the corpus MANIFEST's facts: "records", "header_total" (debug=1 count
 * profiles), "sum_count", "sum_cycles", "sum_inuse_objects" ... "sum_alloc_space". */
static void json_source_records(struct gs_jsonw *w, const struct gs_model *m,
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
	gs_jw_key(w, "records");
	gs_jw_uint(w, records);
	gs_jw_key(w, "header_total");
	if (has_total)
		gs_jw_uint(w, header_total);
	else
		gs_jw_null(w);
	if (has_count) {
		gs_jw_key(w, "sum_count");
		gs_jw_int(w, count);
	}
	if (has_cont) {
		gs_jw_key(w, "sum_cycles");
		gs_jw_int(w, cycles);
	}
	if (has_heap) {
		static const char *const names[] = { "sum_inuse_objects", "sum_inuse_space",
		                                     "sum_alloc_objects", "sum_alloc_space" };

		for (k = 0; k < 4; k++) {
			gs_jw_key(w, names[k]);
			gs_jw_int(w, heap[k]);
		}
	}
}

void json_sources(struct gs_jsonw *w, const struct render_ctx *r, int check)
{
	const struct gs_model *m = r->m;
	uint32_t s, d;

	gs_jw_key(w, "sources");
	gs_jw_arr_begin(w);
	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];

		gs_jw_obj_begin(w);
		gs_jw_key(w, "name");
		json_text(w, m, src->name);
		gs_jw_key(w, "format");
		gs_jw_str(w, render_source_format(m, s));
		gs_jw_key(w, "dumps");
		gs_jw_uint(w, src->ndumps);
		gs_jw_key(w, "bytes");
		gs_jw_uint(w, src->bytes);
		gs_jw_key(w, "lines");
		gs_jw_uint(w, src->lines);
		if (check) {
			uint64_t ng = 0, g0 = 0, skipped = 0;

			for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
				ng += render_dump_goroutines(m, &m->dumps[d]);
				g0 += m->dumps[d].g0_stacks;
				skipped += m->dumps[d].skipped;
			}
			gs_jw_key(w, "kinds");
			gs_jw_arr_begin(w);
			for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++)
				gs_jw_str(w, gs_kind_name(m->dumps[d].kind));
			gs_jw_arr_end(w);
			gs_jw_key(w, "detected");
			gs_jw_str(w, r->detected && r->detected[s] ? r->detected[s] : "");
			gs_jw_key(w, "goroutines");
			gs_jw_uint(w, ng);
			gs_jw_key(w, "g0_stacks");
			gs_jw_uint(w, g0);
			gs_jw_key(w, "skipped");
			gs_jw_uint(w, skipped);
			gs_jw_key(w, "lines_not_understood");
			gs_jw_uint(w, src->skipped_lines);
			json_source_records(w, m, src);
		}
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
}

static const char *level_name(enum gs_level l)
{
	return l == GS_NOTE ? "note" : l == GS_WARNING ? "warning" : "error";
}

void json_diags(struct gs_jsonw *w, const struct gs_model *m, int dropped)
{
	size_t i;

	gs_jw_key(w, "diagnostics");
	gs_jw_arr_begin(w);
	for (i = 0; i < m->ndiags; i++) {
		const struct gs_diag *d = &m->diags[i];

		gs_jw_obj_begin(w);
		gs_jw_key(w, "level");
		gs_jw_str(w, level_name(d->level));
		gs_jw_key(w, "source");
		if (d->source < m->nsources)
			json_text(w, m, m->sources[d->source].name);
		else
			gs_jw_null(w);
		gs_jw_key(w, "line");
		gs_jw_uint(w, d->line);
		gs_jw_key(w, "message");
		json_text(w, m, d->message);
		gs_jw_key(w, "near");
		json_text(w, m, d->near);
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
	if (dropped) {
		gs_jw_key(w, "diagnostics_dropped");
		gs_jw_uint(w, m->diags_dropped);
	}
}

void json_dumps(struct gs_jsonw *w, const struct gs_model *m)
{
	uint32_t i;

	gs_jw_key(w, "dumps");
	gs_jw_arr_begin(w);
	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];

		gs_jw_obj_begin(w);
		gs_jw_key(w, "source");
		json_text(w, m, m->sources[d->source].name);
		gs_jw_key(w, "kind");
		gs_jw_str(w, gs_kind_name(d->kind));
		gs_jw_key(w, "first_line");
		gs_jw_uint(w, d->first_line);
		gs_jw_key(w, "last_line");
		gs_jw_uint(w, d->last_line);
		gs_jw_key(w, "goroutines");
		gs_jw_uint(w, render_dump_goroutines(m, d));
		gs_jw_key(w, "panic");
		json_text(w, m, d->panic);
		gs_jw_key(w, "signal");
		json_text(w, m, d->signal);
		/* the goroutine that panicked or faulted: Go prints it first in a crash */
		gs_jw_key(w, "panic_goroutine");
		if (gs_dump_failed(m, i) != SIZE_MAX)
			gs_jw_uint(w, m->goroutines[gs_dump_failed(m, i)].id);
		else
			gs_jw_null(w);
		gs_jw_key(w, "records");
		gs_jw_uint(w, gs_dump_nrecords(m, i));
		gs_jw_key(w, "header");
		json_dump_header(w, m, i);
		gs_jw_obj_end(w);
	}
	gs_jw_arr_end(w);
}

void json_by(struct gs_jsonw *w, const char *by)
{
	const char *p = by, *comma;

	gs_jw_key(w, "by");
	gs_jw_arr_begin(w);
	for (;;) {
		comma = strchr(p, ',');
		gs_jw_strn(w, p, comma ? (size_t)(comma - p) : strlen(p));
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	gs_jw_arr_end(w);
}

/* A double that reads back the same, in as few digits as that takes. */
static void json_double(struct gs_jsonw *w, double v)
{
	char text[64];

	snprintf(text, sizeof text, "%.15g", v);
	gs_jw_double_g(w, v, strtod(text, NULL) == v ? 15 : 17);
}

static void json_stat_value(struct gs_jsonw *w, const struct gs_model *m, const struct gs_stat *st)
{
	uint32_t i;

	switch (st->type) {
	case GS_STAT_INT:
		gs_jw_int(w, st->i);
		return;
	case GS_STAT_PAIR:
		gs_jw_obj_begin(w);
		gs_jw_key(w, "inuse");
		gs_jw_int(w, st->i);
		gs_jw_key(w, "sys");
		gs_jw_int(w, st->i2);
		gs_jw_obj_end(w);
		return;
	case GS_STAT_ARRAY: {
		/* 256 numbers: one line, not 256 */
		int pretty = w->pretty;

		w->pretty = 0;
		gs_jw_arr_begin(w);
		for (i = 0; i < st->nv; i++)
			gs_jw_int(w, m->stat_values[st->first_v + i]);
		gs_jw_arr_end(w);
		w->pretty = pretty;
		return;
	}
	case GS_STAT_FLOAT:
		json_double(w, st->f);
		return;
	case GS_STAT_BOOL:
		gs_jw_bool(w, st->i != 0);
		return;
	case GS_STAT_TEXT:
		break;
	}
	json_text(w, m, st->text);
}

/* gs_jw_key takes a C string; stat keys are interned text without NUL */
static void json_stat_key(struct gs_jsonw *w, const struct gs_model *m, uint32_t key)
{
	gs_jw_key(w, gs_str(m, key));
}

void json_dump_header(struct gs_jsonw *w, const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;
	size_t i;

	if (dump >= m->ndumps) {
		gs_jw_null(w);
		return;
	}
	d = &m->dumps[dump];
	switch (gs_kind_family(d->kind)) {
	case GS_FAM_COUNT:
		if (d->kind == GS_KIND_GOROUTINE)
			break;
		gs_jw_obj_begin(w);
		gs_jw_key(w, "total");
		if (d->flags & GS_DUMP_HAS_TOTAL)
			gs_jw_uint(w, d->total);
		else
			gs_jw_null(w);
		gs_jw_obj_end(w);
		return;
	case GS_FAM_HEAP:
		gs_jw_obj_begin(w);
		for (i = 0; i < 4; i++) {
			gs_jw_key(w, gs_column_name(GS_FAM_HEAP, (int)i, 0));
			gs_jw_int(w, d->header_v[i]);
		}
		gs_jw_key(w, "sampling");
		json_text(w, m, d->sampling);
		gs_jw_key(w, "rate");
		gs_jw_int(w, d->header_rate);
		gs_jw_key(w, "sampling_period");
		gs_jw_int(w, d->rate);
		gs_jw_obj_end(w);
		return;
	case GS_FAM_CONTENTION:
		gs_jw_obj_begin(w);
		gs_jw_key(w, "cycles_per_second");
		if (d->cycles_per_second > 0)
			gs_jw_int(w, d->cycles_per_second);
		else
			gs_jw_null(w);
		gs_jw_key(w, "sampling_period");
		gs_jw_int(w, d->sampling_period);
		for (i = d->first_stat; i < d->first_stat + d->nstat && i < m->nstats; i++) {
			const struct gs_stat *st = &m->stats[i];
			const char *k = gs_str(m, st->key);

			if (strcmp(k, "cycles/second") == 0 || strcmp(k, "sampling period") == 0)
				continue;
			json_stat_key(w, m, st->key);
			json_stat_value(w, m, st);
		}
		gs_jw_obj_end(w);
		return;
	case GS_FAM_NONE:
		break;
	}
	gs_jw_null(w);
}

void json_memstats(struct gs_jsonw *w, const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;
	size_t i;

	if (dump >= m->ndumps || gs_kind_family(m->dumps[dump].kind) != GS_FAM_HEAP ||
	    m->dumps[dump].nstat == 0) {
		gs_jw_null(w);
		return;
	}
	d = &m->dumps[dump];
	gs_jw_obj_begin(w);
	for (i = d->first_stat; i < d->first_stat + d->nstat && i < m->nstats; i++) {
		json_stat_key(w, m, m->stats[i].key);
		json_stat_value(w, m, &m->stats[i]);
	}
	gs_jw_obj_end(w);
}

