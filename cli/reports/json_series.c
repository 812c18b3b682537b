/* json_series.c - diff's and trend's rows as JSON (json.h): gostacks.diff/1 and
 * gostacks.trend/1, which share their head (kind, by, key_dropped, quantity, scaled,
 * notes), their points and their rows' keys and stacks. */
#include "reports/json.h"

#include "input/stamp.h"
#include "outputs/msg.h"
#include "reports/keys.h"

/* "key": {...} with the key fields of a row. */
static void key_json(const struct series *s, struct gs_jsonw *w, size_t row)
{
	const struct gs_key *k = &s->x.rows[row].key;
	int i;

	gs_jw_key(w, "key");
	gs_jw_obj_begin(w);
	for (i = 0; i < GS_NKEYS; i++)
		if (s->go.keys & GK_BIT(i))
			keys_json(w, s->m, (enum gs_key_id)i,
			          i == GS_KEY_STACK ? series_row_stack(s, row) : k->v[i], s->go.label_key);
	gs_jw_obj_end(w);
}

/* "stack": [...], canonical, leaf first. */
static void stack_json(const struct series *s, struct gs_jsonw *w, size_t row)
{
	gs_jw_key(w, "stack");
	json_stack(w, s->m, series_row_stack(s, row));
}

/* The --by words of keys ("label:KEY" with its KEY): "key_dropped". */
static void json_key_bits(struct gs_jsonw *w, const struct series *s, unsigned keys)
{
	struct gs_buf b = XBUF_INIT;
	size_t i;

	gs_jw_arr_begin(w);
	for (i = 0; i < GS_NKEYS; i++) {
		const struct gs_key_row *r = gs_key_row((enum gs_key_id)i);

		if (!(keys & GK_BIT(i)))
			continue;
		if (r->flags & GS_KF_ARG) {
			gs_buf_reset(&b);
			gs_buf_adds(&b, r->word);
			gs_buf_add(&b, gs_str(s->m, s->go.label_key),
			        gs_intern_len(s->m->strings, s->go.label_key));
			gs_jw_strn(w, b.data, b.len);
		} else {
			gs_jw_str(w, r->by);
		}
	}
	gs_jw_arr_end(w);
	gs_buf_release(&b);
}

/* {"schema", "kind", "by", "key_dropped", "quantity", "scaled", "notes" */
static void begin(const struct series *s, struct json_doc *doc, FILE *f, const char *schema)
{
	struct gs_jsonw *w = &doc->w;
	size_t i;

	json_doc_begin(doc, f, schema);
	gs_jw_key(w, "kind");
	gs_jw_str(w, gs_kind_name(s->kind));
	json_by(w, s->by);
	gs_jw_key(w, "key_dropped");
	json_key_bits(w, s, s->keys_dropped);
	gs_jw_key(w, "quantity");
	gs_jw_str(w, series_quantity_name(s));
	gs_jw_key(w, "scaled");
	if (s->samples)
		gs_jw_bool(w, !s->raw);
	else
		gs_jw_null(w);
	gs_jw_key(w, "notes");
	gs_jw_arr_begin(w);
	for (i = 0; i < s->nnotes; i++)
		gs_jw_str(w, s->notes[i]);
	gs_jw_arr_end(w);
}

/* "diagnostics" and the end */
static void end(const struct series *s, struct json_doc *doc)
{
	json_diags(&doc->w, s->m, 0);
	json_doc_end(doc);
}

/* {"source", "ok", "kind", "dump", "dumps", "first_line", ["filtered"], "time",
 * "time_source"} of a point. */
static void point_json(const struct series *s, struct gs_jsonw *w, size_t i)
{
	const struct series_point *p = &s->pts[i];
	char when[32];

	gs_jw_obj_begin(w);
	gs_jw_key(w, "source");
	gs_jw_str(w, p->name);
	gs_jw_key(w, "ok");
	gs_jw_bool(w, p->ok);
	if (p->ok) {
		const struct gs_dump *d = &s->m->dumps[p->dump];

		gs_jw_key(w, "kind");
		gs_jw_str(w, gs_kind_name(d->kind));
		gs_jw_key(w, "dump");
		gs_jw_uint(w, p->nth);
		gs_jw_key(w, "dumps");
		gs_jw_uint(w, p->ndumps);
		gs_jw_key(w, "first_line");
		gs_jw_uint(w, d->first_line);
	}
	if (s->keep_g || s->keep_s) {
		gs_jw_key(w, "filtered");
		gs_jw_uint(w, series_filtered(s, i));
	}
	gs_jw_key(w, "time");
	if (p->time_source != STAMP_NONE) {
		stamp_format(p->time, when, sizeof when);
		gs_jw_str(w, when);
	} else {
		gs_jw_null(w);
	}
	gs_jw_key(w, "time_source");
	gs_jw_str(w, stamp_source_name(p->time_source));
	gs_jw_obj_end(w);
}

/* "key": {"before", "after", "delta"} */
static void json_before_after(struct gs_jsonw *w, const char *key, int64_t b, int64_t a)
{
	gs_jw_key(w, key);
	gs_jw_obj_begin(w);
	gs_jw_key(w, "before");
	gs_jw_int(w, b);
	gs_jw_key(w, "after");
	gs_jw_int(w, a);
	gs_jw_key(w, "delta");
	gs_jw_int(w, a - b);
	gs_jw_obj_end(w);
}

void json_diff(const struct diff *d, FILE *f)
{
	const struct series *s = &d->s;
	enum gs_family fam = gs_kind_family(s->kind);
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	size_t i;
	int k;

	begin(s, &doc, f, "gostacks.diff/1");
	gs_jw_key(w, "before");
	point_json(s, w, 0);
	gs_jw_key(w, "after");
	point_json(s, w, 1);
	gs_jw_key(w, "rows");
	gs_jw_arr_begin(w);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];

		gs_jw_obj_begin(w);
		key_json(s, w, r->row);
		gs_jw_key(w, "status");
		gs_jw_str(w, diff_status(r));
		gs_jw_key(w, "before");
		gs_jw_int(w, r->before);
		gs_jw_key(w, "after");
		gs_jw_int(w, r->after);
		gs_jw_key(w, "delta");
		gs_jw_int(w, r->delta);
		if (!s->samples) {
			/* the runtime proved goroutines of the group leaked, on either side */
			gs_jw_key(w, "leaked");
			gs_jw_bool(w, r->leaked_before || r->leaked_after);
		}
		if (s->samples) {
			gs_jw_key(w, "values");
			gs_jw_obj_begin(w);
			/* every column, named as top names them (raw: cycles, count) */
			for (k = 0; k < gs_family_ncolumns(fam); k++)
				json_before_after(w, gs_column_name(fam, k, !s->raw),
				                  gs_match_value(&s->x, r->row, 0, k),
				                  gs_match_value(&s->x, r->row, 1, k));
			gs_jw_obj_end(w);
		}
		stack_json(s, w, r->row);
		gs_jw_obj_end(w);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	json_before_after(w, "totals", d->total_before, d->total_after);
	gs_jw_key(w, "groups");
	gs_jw_obj_begin(w);
	gs_jw_key(w, "changed");
	gs_jw_uint(w, d->changed);
	gs_jw_key(w, "new");
	gs_jw_uint(w, d->added);
	gs_jw_key(w, "gone");
	gs_jw_uint(w, d->gone);
	gs_jw_key(w, "same");
	gs_jw_uint(w, d->same);
	gs_jw_obj_end(w);
	end(s, &doc);
}

void json_trend(const struct trend *t, FILE *f)
{
	const struct series *s = &t->s;
	struct json_doc doc;
	struct gs_jsonw *w = &doc.w;
	size_t i, p;
	int pretty;

	begin(s, &doc, f, "gostacks.trend/1");
	gs_jw_key(w, "min_rise");
	gs_jw_int(w, t->min_rise);
	gs_jw_key(w, "time_source");
	gs_jw_str(w, t->time_source);
	gs_jw_key(w, "holes");
	gs_jw_uint(w, s->holes);
	gs_jw_key(w, "points");
	gs_jw_arr_begin(w);
	for (p = 0; p < s->npts; p++)
		point_json(s, w, p);
	gs_jw_arr_end(w);
	gs_jw_key(w, "rows");
	gs_jw_arr_begin(w);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		gs_jw_obj_begin(w);
		key_json(s, w, r->row);
		gs_jw_key(w, "counts");
		/* the series on one line: it is read as one thing */
		pretty = w->pretty;
		w->pretty = 0;
		gs_jw_arr_begin(w);
		for (p = 0; p < s->npts; p++) {
			if (t->known[p])
				gs_jw_int(w, series_quantity(s, &s->x, r->row, p));
			else
				gs_jw_null(w);
		}
		gs_jw_arr_end(w);
		w->pretty = pretty;
		gs_jw_key(w, "leaked");
		gs_jw_bool(w, r->leaked != 0);
		gs_jw_key(w, "suspect");
		gs_jw_bool(w, r->v.suspect);
		gs_jw_key(w, "stuck");
		gs_jw_bool(w, r->v.stuck);
		gs_jw_key(w, "rise");
		gs_jw_int(w, r->v.rise);
		gs_jw_key(w, "growth");
		if (r->v.known >= 2)
			gs_jw_double_g(w, r->v.growth, 6);
		else
			gs_jw_null(w);
		if (r->v.has_per_minute) {
			gs_jw_key(w, "growth_per_minute");
			gs_jw_double_g(w, r->v.growth_per_minute, 6);
		}
		stack_json(s, w, r->row);
		gs_jw_obj_end(w);
		json_doc_flush(&doc);
	}
	gs_jw_arr_end(w);
	gs_jw_key(w, "leaked");
	gs_jw_uint(w, t->leaked);
	gs_jw_key(w, "suspects");
	gs_jw_uint(w, t->suspects);
	gs_jw_key(w, "stuck");
	gs_jw_uint(w, t->stuck);
	end(s, &doc);
}

