/* json_model.c - the pieces of the JSON documents (json.h): the model's texts, frames,
 * stacks, labels, sources, dumps, headers, MemStats and diagnostics. */
#include "reports/json.h"

#include <stdlib.h>
#include <string.h>

#include "sites.h"

void json_doc_begin(struct json_doc *d, FILE *f, const char *schema)
{
	buf_init(&d->out, 0);
	d->f = f;
	jw_init(&d->w, &d->out, 1);
	jw_obj_begin(&d->w);
	jw_key(&d->w, "schema");
	jw_str(&d->w, schema);
}

void json_doc_flush(struct json_doc *d)
{
	render_flush(&d->out, d->f, 0);
}

void json_doc_end(struct json_doc *d)
{
	jw_obj_end(&d->w);
	buf_addch(&d->out, '\n');
	render_flush(&d->out, d->f, 1);
	buf_release(&d->out);
}

void json_text(struct jsonw *w, const struct gs_model *m, uint32_t id)
{
	if (id == 0 || id == RENDER_MIXED)
		jw_null(w);
	else
		jw_strn(w, gs_str(m, id), intern_len(m->strings, id));
}

/* {"func","file","line"} or null (no frame, or members differ) */
void json_frame(struct jsonw *w, const struct gs_model *m, uint32_t frame)
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

void json_labels(struct jsonw *w, const struct gs_model *m, uint32_t labels)
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

void json_stack(struct jsonw *w, const struct gs_model *m, uint32_t stack)
{
	const uint32_t *frames = gs_stack_frames(m, stack);
	uint32_t i;

	jw_arr_begin(w);
	for (i = 0; i < m->stacks[stack].len; i++)
		json_frame(w, m, frames[i]);
	jw_arr_end(w);
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

void json_sources(struct jsonw *w, const struct render_ctx *r, int check)
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

void json_diags(struct jsonw *w, const struct gs_model *m, int dropped)
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
	if (dropped) {
		jw_key(w, "diagnostics_dropped");
		jw_uint(w, m->diags_dropped);
	}
}

void json_dumps(struct jsonw *w, const struct gs_model *m)
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
		json_dump_header(w, m, i);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

void json_by(struct jsonw *w, const char *by)
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
	json_text(w, m, st->text);
}

/* jw_key takes a C string; stat keys are interned text without NUL */
static void json_stat_key(struct jsonw *w, const struct gs_model *m, uint32_t key)
{
	jw_key(w, gs_str(m, key));
}

void json_dump_header(struct jsonw *w, const struct gs_model *m, uint32_t dump)
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
		json_text(w, m, d->sampling);
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

void json_memstats(struct jsonw *w, const struct gs_model *m, uint32_t dump)
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

