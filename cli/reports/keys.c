/* keys.c - see keys.h. */
#include "reports/keys.h"

#include <stdio.h>

#include "group.h"
#include "outputs/term.h"
#include "reports/render.h"
#include "reports/json.h"

void keys_headers(struct table *t, const struct gs_model *m, unsigned keys, uint32_t label_key)
{
	int i;

	for (i = 0; i < GS_NKEYS; i++) {
		const struct gs_key_row *r = gs_key_row((enum gs_key_id)i);
		struct gs_buf *b;

		if (!(keys & GK_BIT(i)))
			continue;
		b = table_cell(t);
		gs_buf_adds(b, r->title);
		if (r->flags & GS_KF_ARG)
			gs_buf_add(b, gs_str(m, label_key), gs_intern_len(m->strings, label_key));
		/* code (monospace in html): all but a state and waits, words and numbers */
		if (i != GS_KEY_STATE && r->type != GS_KT_BUCKET && r->type != GS_KT_MINUTES)
			table_code(t, t->ncells - 1);
	}
}

static void text_or_dash(struct gs_buf *b, const struct gs_model *m, uint32_t id)
{
	if (id == 0)
		gs_buf_addch(b, '-');
	else
		gs_buf_add(b, gs_str(m, id), gs_intern_len(m->strings, id));
}

void keys_labels_text(struct gs_buf *b, const struct gs_model *m, uint32_t labels)
{
	const char *str = gs_str(m, labels), *k, *v;
	size_t len = gs_intern_len(m->strings, labels), pos = 0, kl, vl;
	int first = 1;

	if (labels == 0) {
		gs_buf_addch(b, '-');
		return;
	}
	while (gs_label_next(str, len, &pos, &k, &kl, &v, &vl)) {
		if (!first)
			gs_buf_addch(b, ',');
		first = 0;
		gs_buf_add(b, k, kl);
		gs_buf_addch(b, '=');
		gs_buf_add(b, v, vl);
	}
}

static void stack_text(struct gs_buf *b, const struct gs_model *m, uint32_t stack,
                       enum keys_stack how)
{
	const uint32_t *fr = gs_stack_frames(m, stack);
	uint32_t i, n = m->stacks[stack].len;

	if (stack == 0 || n == 0) {
		gs_buf_addch(b, '-');
		return;
	}
	if (how == KEYS_STACK_FUNCS) {
		for (i = 0; i < n; i++) {
			if (i)
				gs_buf_adds(b, " < ");
			text_or_dash(b, m, m->frames[fr[i]].func);
		}
		return;
	}
	render_frame_raw(b, m, fr[0]);
	for (i = 1; i < n && i < 3; i++) {
		gs_buf_adds(b, " < ");
		text_or_dash(b, m, m->frames[fr[i]].func);
	}
	if (n > 3)
		gs_buf_adds(b, " < \xe2\x80\xa6");
}

/* A dump (index + 1) as its place in its source, 1-based: the Nth dump of a paste. */
static uint32_t dump_number(const struct gs_model *m, uint32_t v)
{
	const struct gs_dump *d = &m->dumps[v - 1];

	return v - m->sources[d->source].first_dump;
}

/* "2", or with several sources "NAME #2": a dump number alone names none of them */
static void dump_text(struct gs_buf *b, const struct gs_model *m, uint32_t v)
{
	uint32_t label;

	if (v == 0 || v > m->ndumps) {
		gs_buf_addch(b, '-');
		return;
	}
	if (m->nsources > 1) {
		label = m->sources[m->dumps[v - 1].source].label;
		gs_buf_add(b, gs_str(m, label), gs_intern_len(m->strings, label));
		gs_buf_adds(b, " #");
	}
	gs_buf_addf(b, "%u", (unsigned)dump_number(m, v));
}

void keys_text(struct gs_buf *b, const struct gs_model *m, enum gs_key_id id, uint32_t v,
               enum keys_stack stack)
{
	switch (gs_key_row(id)->type) {
	case GS_KT_TEXT:
		text_or_dash(b, m, v);
		return;
	case GS_KT_BUCKET:
		gs_buf_adds(b, gs_wait_bucket_name((enum gs_wait_bucket)v));
		return;
	case GS_KT_MINUTES:
		render_minutes(b, v);
		return;
	case GS_KT_FRAME:
		render_frame_raw(b, m, v);
		return;
	case GS_KT_CALLER:
		text_or_dash(b, m, v ? m->frames[v].func : 0);
		return;
	case GS_KT_STACK:
		stack_text(b, m, v, stack);
		return;
	case GS_KT_LABELS:
		keys_labels_text(b, m, v);
		return;
	case GS_KT_DUMP:
		dump_text(b, m, v);
		return;
	}
}

void keys_cells(struct table *t, const struct gs_model *m, unsigned keys,
                const struct gs_key *k, enum keys_stack stack)
{
	int i;

	for (i = 0; i < GS_NKEYS; i++) {
		if (!(keys & GK_BIT(i)))
			continue;
		keys_text(table_cell(t), m, (enum gs_key_id)i, k->v[i], stack);
		if (i == GS_KEY_STATE && k->v[i])
			table_style(t, table_style_of_ansi(term_state_color(gs_str(m, k->v[i]))));
	}
}

void keys_json(struct gs_jsonw *w, const struct gs_model *m, enum gs_key_id id, uint32_t v,
               uint32_t label_key)
{
	const struct gs_key_row *r = gs_key_row(id);

	gs_jw_key(w, r->json);
	if (r->flags & GS_KF_ARG) {
		/* {"label": {"KEY": value}}: the argument names the value */
		gs_jw_obj_begin(w);
		gs_jw_key(w, gs_str(m, label_key));
	}
	switch (r->type) {
	case GS_KT_TEXT:
		json_text(w, m, v);
		break;
	case GS_KT_BUCKET:
		gs_jw_str(w, gs_wait_bucket_name((enum gs_wait_bucket)v));
		break;
	case GS_KT_MINUTES:
		gs_jw_uint(w, v);
		break;
	case GS_KT_FRAME:
	case GS_KT_CALLER:
		json_frame(w, m, v);
		break;
	case GS_KT_STACK:
		json_stack(w, m, v);
		break;
	case GS_KT_LABELS:
		json_labels(w, m, v);
		break;
	case GS_KT_DUMP:
		/* the Nth dump of its source, 1-based ("source" names the source) */
		if (v == 0 || v > m->ndumps)
			gs_jw_null(w);
		else
			gs_jw_uint(w, dump_number(m, v));
		break;
	}
	if (r->flags & GS_KF_ARG)
		gs_jw_obj_end(w);
}

int keys_parse_by(const char *spec, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                  char *err, size_t errlen)
{
	struct gs_by_error e;
	char words[256];

	if (gs_by_parse(spec, m, keys, label_key, &e) == 0)
		return 0;
	switch (e.code) {
	case GS_BY_EMPTY:
		snprintf(err, errlen, "empty field in --by (expected e.g. state,wait,where)");
		break;
	case GS_BY_UNKNOWN:
		gs_by_words(words, sizeof words);
		snprintf(err, errlen, "unknown --by field '%.40s' (known: %s)", e.word, words);
		break;
	case GS_BY_TWO_ARGS:
		snprintf(err, errlen, "only one label:KEY in --by");
		break;
	case GS_BY_NO_MEMORY:
	case GS_BY_OK:
		snprintf(err, errlen, "out of memory");
		break;
	}
	return -1;
}

int keys_setup(const struct cli *c, struct gs_model *m, const char *by, enum where_mode wmode,
               const char *skip, struct group_opts *go, struct where_opts *wo)
{
	char err[512];

	if (by && keys_parse_by(by, m, &go->keys, &go->label_key, err, sizeof err) != 0) {
		cli_usage_error(c, "%s", err);
		return -1;
	}
	if (where_init(wo, wmode, skip, err, sizeof err) != 0) {
		cli_usage_error(c, "%s", err);
		return -1;
	}
	go->where = where_frame;
	go->where_ctx = wo;
	return 0;
}
