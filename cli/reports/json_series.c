/* json_series.c - diff's and trend's rows as JSON (json.h): gostacks.diff/1 and
 * gostacks.trend/1, which share their head (kind, by, key_dropped, quantity, scaled,
 * notes), their points and their rows' keys and stacks. */
#include "reports/json.h"

#include "input/stamp.h"
#include "reports/keys.h"

/* "key": {...} with the key fields of a row. */
static void key_json(const struct series *s, struct jsonw *w, size_t row)
{
	const struct gs_key *k = &s->x.rows[row].key;
	int i;

	jw_key(w, "key");
	jw_obj_begin(w);
	for (i = 0; i < GS_NKEYS; i++)
		if (s->go.keys & GK_BIT(i))
			keys_json(w, s->m, (enum gs_key_id)i,
			          i == GS_KEY_STACK ? series_row_stack(s, row) : k->v[i], s->go.label_key);
	jw_obj_end(w);
}

/* "stack": [...], canonical, leaf first. */
static void stack_json(const struct series *s, struct jsonw *w, size_t row)
{
	jw_key(w, "stack");
	json_stack(w, s->m, series_row_stack(s, row));
}

/* The --by words of keys ("label:KEY" with its KEY): "key_dropped". */
static void json_key_bits(struct jsonw *w, const struct series *s, unsigned keys)
{
	struct buf b = BUF_INIT;
	size_t i;

	jw_arr_begin(w);
	for (i = 0; i < GS_NKEYS; i++) {
		const struct gs_key_row *r = gs_key_row((enum gs_key_id)i);

		if (!(keys & GK_BIT(i)))
			continue;
		if (r->flags & GS_KF_ARG) {
			buf_reset(&b);
			buf_adds(&b, r->word);
			buf_add(&b, gs_str(s->m, s->go.label_key),
			        intern_len(s->m->strings, s->go.label_key));
			jw_strn(w, b.data, b.len);
		} else {
			jw_str(w, r->by);
		}
	}
	jw_arr_end(w);
	buf_release(&b);
}

/* {"schema", "kind", "by", "key_dropped", "quantity", "scaled", "notes" */
static void begin(const struct series *s, struct json_doc *doc, FILE *f, const char *schema)
{
	struct jsonw *w = &doc->w;
	size_t i;

	json_doc_begin(doc, f, schema);
	jw_key(w, "kind");
	jw_str(w, gs_kind_name(s->kind));
	json_by(w, s->by);
	jw_key(w, "key_dropped");
	json_key_bits(w, s, s->keys_dropped);
	jw_key(w, "quantity");
	jw_str(w, series_quantity_name(s));
	jw_key(w, "scaled");
	if (s->samples)
		jw_bool(w, !s->raw);
	else
		jw_null(w);
	jw_key(w, "notes");
	jw_arr_begin(w);
	for (i = 0; i < s->nnotes; i++)
		jw_str(w, s->notes[i]);
	jw_arr_end(w);
}

/* "diagnostics" and the end */
static void end(const struct series *s, struct json_doc *doc)
{
	json_diags(&doc->w, s->m, 0);
	json_doc_end(doc);
}

/* {"source", "ok", "kind", "dump", "dumps", "first_line", ["filtered"], "time",
 * "time_source"} of a point. */
static void point_json(const struct series *s, struct jsonw *w, size_t i)
{
	const struct series_point *p = &s->pts[i];
	char when[32];

	jw_obj_begin(w);
	jw_key(w, "source");
	jw_str(w, p->name);
	jw_key(w, "ok");
	jw_bool(w, p->ok);
	if (p->ok) {
		const struct gs_dump *d = &s->m->dumps[p->dump];

		jw_key(w, "kind");
		jw_str(w, gs_kind_name(d->kind));
		jw_key(w, "dump");
		jw_uint(w, p->nth);
		jw_key(w, "dumps");
		jw_uint(w, p->ndumps);
		jw_key(w, "first_line");
		jw_uint(w, d->first_line);
	}
	if (s->keep_g || s->keep_s) {
		jw_key(w, "filtered");
		jw_uint(w, series_filtered(s, i));
	}
	jw_key(w, "time");
	if (p->time_source != STAMP_NONE) {
		stamp_format(p->time, when, sizeof when);
		jw_str(w, when);
	} else {
		jw_null(w);
	}
	jw_key(w, "time_source");
	jw_str(w, stamp_source_name(p->time_source));
	jw_obj_end(w);
}

/* "key": {"before", "after", "delta"} */
static void json_before_after(struct jsonw *w, const char *key, int64_t b, int64_t a)
{
	jw_key(w, key);
	jw_obj_begin(w);
	jw_key(w, "before");
	jw_int(w, b);
	jw_key(w, "after");
	jw_int(w, a);
	jw_key(w, "delta");
	jw_int(w, a - b);
	jw_obj_end(w);
}

void json_diff(const struct diff *d, FILE *f)
{
	const struct series *s = &d->s;
	enum gs_family fam = gs_kind_family(s->kind);
	struct json_doc doc;
	struct jsonw *w = &doc.w;
	size_t i;
	int k;

	begin(s, &doc, f, "gostacks.diff/1");
	jw_key(w, "before");
	point_json(s, w, 0);
	jw_key(w, "after");
	point_json(s, w, 1);
	jw_key(w, "rows");
	jw_arr_begin(w);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];

		jw_obj_begin(w);
		key_json(s, w, r->row);
		jw_key(w, "status");
		jw_str(w, diff_status(r));
		jw_key(w, "before");
		jw_int(w, r->before);
		jw_key(w, "after");
		jw_int(w, r->after);
		jw_key(w, "delta");
		jw_int(w, r->delta);
		if (s->samples) {
			jw_key(w, "values");
			jw_obj_begin(w);
			/* every column, named as top names them (raw: cycles, count) */
			for (k = 0; k < gs_family_ncolumns(fam); k++)
				json_before_after(w, gs_column_name(fam, k, !s->raw),
				                  gs_match_value(&s->x, r->row, 0, k),
				                  gs_match_value(&s->x, r->row, 1, k));
			jw_obj_end(w);
		}
		stack_json(s, w, r->row);
		jw_obj_end(w);
		json_doc_flush(&doc);
	}
	jw_arr_end(w);
	json_before_after(w, "totals", d->total_before, d->total_after);
	jw_key(w, "groups");
	jw_obj_begin(w);
	jw_key(w, "changed");
	jw_uint(w, d->changed);
	jw_key(w, "new");
	jw_uint(w, d->added);
	jw_key(w, "gone");
	jw_uint(w, d->gone);
	jw_key(w, "same");
	jw_uint(w, d->same);
	jw_obj_end(w);
	end(s, &doc);
}

void json_trend(const struct trend *t, FILE *f)
{
	const struct series *s = &t->s;
	struct json_doc doc;
	struct jsonw *w = &doc.w;
	size_t i, p;
	int pretty;

	begin(s, &doc, f, "gostacks.trend/1");
	jw_key(w, "min_rise");
	jw_int(w, t->min_rise);
	jw_key(w, "time_source");
	jw_str(w, t->time_source);
	jw_key(w, "holes");
	jw_uint(w, s->holes);
	jw_key(w, "points");
	jw_arr_begin(w);
	for (p = 0; p < s->npts; p++)
		point_json(s, w, p);
	jw_arr_end(w);
	jw_key(w, "rows");
	jw_arr_begin(w);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		jw_obj_begin(w);
		key_json(s, w, r->row);
		jw_key(w, "counts");
		/* the series on one line: it is read as one thing */
		pretty = w->pretty;
		w->pretty = 0;
		jw_arr_begin(w);
		for (p = 0; p < s->npts; p++) {
			if (t->known[p])
				jw_int(w, series_quantity(s, &s->x, r->row, p));
			else
				jw_null(w);
		}
		jw_arr_end(w);
		w->pretty = pretty;
		jw_key(w, "suspect");
		jw_bool(w, r->v.suspect);
		jw_key(w, "stuck");
		jw_bool(w, r->v.stuck);
		jw_key(w, "rise");
		jw_int(w, r->v.rise);
		jw_key(w, "growth");
		if (r->v.known >= 2)
			jw_double_g(w, r->v.growth, 6);
		else
			jw_null(w);
		if (r->v.has_per_minute) {
			jw_key(w, "growth_per_minute");
			jw_double_g(w, r->v.growth_per_minute, 6);
		}
		stack_json(s, w, r->row);
		jw_obj_end(w);
		json_doc_flush(&doc);
	}
	jw_arr_end(w);
	jw_key(w, "suspects");
	jw_uint(w, t->suspects);
	jw_key(w, "stuck");
	jw_uint(w, t->stuck);
	end(s, &doc);
}

