/* cmd_diff.c - `gostacks diff A B`: the groups of two dumps matched by key, before, after
 * and delta per key. What `go tool pprof -base A B` does for profiles, with names, and for
 * goroutine dumps too.
 *
 * Both SOURCEs are read into one model, so their keys are integers of one string, frame and
 * stack table; each side's dump is grouped with gs_group and the groupings are joined on
 * the key fields (match.h says why the same site in two dumps has the same key). When A or
 * B holds several dumps, A's first and B's last are compared: the widest span the input
 * offers, and `diff log log` compares the first and last dump of one log.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "reports/series.h"
#include "sites.h"
#include "outputs/term.h"

enum { OPT_EXIT_CODE = 256 };

const struct opts_row cmd_diff_opts[] = {
	CMD_INPUT_BY("group key as in summary (default state,where)"),
	CMD_INPUT_FORMAT("FORMAT", "text (default), json (gostacks.diff/1), csv, md, or folded:\n"
	                           "'root;...;leaf before after' per stack, the input of\n"
	                           "flamegraph.pl's differential mode"),
	CMD_INPUT_VALUE("heap, allocs: inuse_space (heap default), inuse_objects,\n"
	                "alloc_space (allocs default), alloc_objects; mutex, block:\n"
	                "delay (default, ns), contentions"),
	CMD_INPUT_RAW("the numbers as the files print them (default: scaled to the\n"
	              "estimates go tool pprof shows)"),
	OPTS_FLAG("exit-code", 0, OPT_EXIT_CODE,
	          "exit 1 when any delta is not 0, like git diff --exit-code"),
	CMD_INPUT_WHERE("as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	FILTER_OPTIONS,
	OPTS_END
};

struct drow {
	size_t row;
	int64_t before, after, delta;
};

struct diff {
	struct series s;
	struct drow *rows;
	size_t nrows;
	int64_t total_before, total_after;
	size_t changed, added, gone, same;
};

static uint64_t abs_i64(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

static int cmp_drow(const void *pa, const void *pb, void *ctx)
{
	const struct drow *a = pa, *b = pb;
	const struct diff *d = ctx;
	uint64_t da = abs_i64(a->delta), db = abs_i64(b->delta);

	if (da != db)
		return da > db ? -1 : 1;
	return series_cmp_rows(&d->s, a->row, b->row);
}

static const char *mark_of(const struct drow *r)
{
	if (r->before == 0 && r->after != 0)
		return "+new";
	if (r->before != 0 && r->after == 0)
		return "-gone";
	return "";
}

static const char *status_of(const struct drow *r)
{
	if (r->before == 0 && r->after != 0)
		return "new";
	if (r->before != 0 && r->after == 0)
		return "gone";
	return r->delta ? "changed" : "same";
}

static void build_rows(struct diff *d)
{
	const struct gs_match *x = &d->s.x;
	size_t i;

	d->rows = xcalloc(x->nrows ? x->nrows : 1, sizeof *d->rows);
	for (i = 0; i < x->nrows; i++) {
		struct drow *r = &d->rows[d->nrows];

		r->row = i;
		r->before = series_quantity(&d->s, x, i, 0);
		r->after = series_quantity(&d->s, x, i, 1);
		/* a profile site can be present with 0 in this column (freed, never contended):
		 * it says nothing about it */
		if (r->before == 0 && r->after == 0)
			continue;
		r->delta = r->after - r->before;
		d->total_before += r->before;
		d->total_after += r->after;
		if (r->before == 0)
			d->added++;
		else if (r->after == 0)
			d->gone++;
		else if (r->delta)
			d->changed++;
		else
			d->same++;
		d->nrows++;
	}
	if (d->nrows > 1)
		qsort_r(d->rows, d->nrows, sizeof *d->rows, cmp_drow, d);
}

static void delta_cell(struct table *t, const struct series *s, int64_t v, int human)
{
	/* CSV: a plain number a spreadsheet reads; people get the sign */
	series_quantity_text(table_cell(t), s, v, human, human);
	if (v)
		table_style(t, v > 0 ? TS_RED : TS_GREEN);
}

static void print_table(const struct diff *d, enum out_format f, const struct cli *c)
{
	const struct series *s = &d->s;
	size_t i, nkey = series_key_ncols(s);
	int human = f != FORMAT_CSV;
	struct buf tb = BUF_INIT, ta = BUF_INIT, td = BUF_INIT, title = BUF_INIT;
	struct table t;

	table_init(&t, 4 + nkey);
	table_right(&t, 0);
	table_right(&t, 1);
	table_right(&t, 2);
	table_lit(&t, "DELTA");
	table_lit(&t, "BEFORE");
	table_lit(&t, "AFTER");
	table_lit(&t, "MARK");
	series_key_header(s, &t);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];
		const char *mark = mark_of(r);

		delta_cell(&t, s, r->delta, human);
		series_quantity_text(table_cell(&t), s, r->before, 0, human);
		series_quantity_text(table_cell(&t), s, r->after, 0, human);
		table_lit(&t, mark);
		if (*mark)
			table_style(&t, mark[0] == '+' ? TS_GREEN : TS_DIM);
		series_key_cells(s, &t, r->row);
		/* a ticket wants the stacks of what changed, not of everything */
		if (f == FORMAT_MD && r->delta)
			series_stack_detail(s, &t, r->row);
	}
	buf_addf(&title, "gostacks diff %s \xe2\x86\x92 %s (%s by %s)", s->pts[0].name, s->pts[1].name,
	         series_quantity_name(s), s->by);
	t.title = title.data; /* markdown's */
	series_quantity_text(&tb, s, d->total_before, 0, 1);
	series_quantity_text(&ta, s, d->total_after, 0, 1);
	series_quantity_text(&td, s, d->total_after - d->total_before, 1, 1);
	table_footerf(&t, "before: %s %s (%s), after: %s (%s), delta %s; %zu group%s changed, "
	              "%zu new, %zu gone, %zu unchanged", tb.data, series_quantity_name(s),
	              s->pts[0].name, ta.data, s->pts[1].name, td.data, d->changed,
	              d->changed == 1 ? "" : "s", d->added, d->gone, d->same);
	if (s->keep_g || s->keep_s)
		buf_addf(&t.footer, "; filtered out: %" PRIu64 " before, %" PRIu64 " after%s",
		         series_filtered(s, 0), series_filtered(s, 1), s->samples ? " (records)" : "");
	series_print_table(&t, f, c);
	table_free(&t);
	buf_release(&tb);
	buf_release(&ta);
	buf_release(&td);
	buf_release(&title);
}

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

static void print_json(const struct diff *d)
{
	const struct series *s = &d->s;
	enum gs_family fam = gs_kind_family(s->kind);
	struct buf out = BUF_INIT;
	struct jsonw w;
	size_t i;
	int k;

	series_json_begin(s, &w, &out, "gostacks.diff/1");
	jw_key(&w, "before");
	series_point_json(s, &w, 0);
	jw_key(&w, "after");
	series_point_json(s, &w, 1);
	jw_key(&w, "rows");
	jw_arr_begin(&w);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];

		jw_obj_begin(&w);
		series_key_json(s, &w, r->row);
		jw_key(&w, "status");
		jw_str(&w, status_of(r));
		jw_key(&w, "before");
		jw_int(&w, r->before);
		jw_key(&w, "after");
		jw_int(&w, r->after);
		jw_key(&w, "delta");
		jw_int(&w, r->delta);
		if (s->samples) {
			jw_key(&w, "values");
			jw_obj_begin(&w);
			/* every column, named as top names them (raw: cycles, count) */
			for (k = 0; k < gs_family_ncolumns(fam); k++)
				json_before_after(&w, gs_column_name(fam, k, !s->raw),
				                  gs_match_value(&s->x, r->row, 0, k),
				                  gs_match_value(&s->x, r->row, 1, k));
			jw_obj_end(&w);
		}
		series_stack_json(s, &w, r->row);
		jw_obj_end(&w);
		render_flush(&out, stdout, 0);
	}
	jw_arr_end(&w);
	json_before_after(&w, "totals", d->total_before, d->total_after);
	jw_key(&w, "groups");
	jw_obj_begin(&w);
	jw_key(&w, "changed");
	jw_uint(&w, d->changed);
	jw_key(&w, "new");
	jw_uint(&w, d->added);
	jw_key(&w, "gone");
	jw_uint(&w, d->gone);
	jw_key(&w, "same");
	jw_uint(&w, d->same);
	jw_obj_end(&w);
	series_json_end(s, &w, &out);
}

/* --- folded: flamegraph.pl's differential input, `root;...;leaf before after` --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A frame name in a folded line: escaped like text output, and ';' (the separator) as ':'. */
static void folded_name(struct buf *b, const struct gs_model *m, uint32_t func)
{
	size_t start = b->len, i;

	term_escape(b, gs_str(m, func), intern_len(m->strings, func));
	for (i = start; i < b->len; i++)
		if (b->data[i] == ';')
			b->data[i] = ':';
}

static void print_folded(struct series *s)
{
	struct gs_match x;
	struct buf line = BUF_INIT;
	char **lines;
	size_t i, n = 0;
	uint32_t j;

	series_match(s, GK_STACK, &x);
	lines = xcalloc(x.nrows ? x.nrows : 1, sizeof *lines);
	for (i = 0; i < x.nrows; i++) {
		const struct match_row *mr = &x.rows[i];
		int64_t before = series_quantity(s, &x, i, 0), after = series_quantity(s, &x, i, 1);
		uint32_t st = series_stack_of(s, &mr->key, mr->rep_stack);
		const uint32_t *fr = gs_stack_frames(s->m, st);

		if (before == 0 && after == 0)
			continue;
		buf_reset(&line);
		for (j = s->m->stacks[st].len; j > 0; j--) {
			folded_name(&line, s->m, s->m->frames[fr[j - 1]].func);
			if (j > 1)
				buf_addch(&line, ';');
		}
		if (s->m->stacks[st].len == 0)
			buf_adds(&line, "-");
		buf_addf(&line, " %" PRId64 " %" PRId64 "\n", before, after);
		lines[n++] = xstrdup(line.data);
	}
	/* flamegraph.pl sorts and sums itself; sorted output is stable across runs */
	qsort(lines, n, sizeof *lines, cmp_str);
	for (i = 0; i < n; i++) {
		fputs(lines[i], stdout);
		free(lines[i]);
	}
	free(lines);
	buf_release(&line);
	gs_match_free(&x);
}

static int diff_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	*(int *)ctx = 1; /* --exit-code */
	return CMD_CONTINUE;
}

/* The by-key rows of d with a delta (for --exit-code). */
static int any_delta(const struct diff *d)
{
	size_t i;

	for (i = 0; i < d->nrows; i++)
		if (d->rows[i].delta)
			return 1;
	return 0;
}

int cmd_diff(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct series_opts o;
	struct diff d;
	int exit_code = 0, code, ra, rb;

	cmd_input_init(&in, c);
	memset(&d, 0, sizeof d);
	in.formats = FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON) | FORMAT_BIT(FORMAT_CSV) |
	             FORMAT_BIT(FORMAT_MD) | FORMAT_BIT(FORMAT_FOLDED) | FORMAT_MARKDOWN_WORD;
	in.format_words = "text, json, csv, md or folded";
	code = cmd_input_parse(&in, argc, argv, cmd_diff_opts, diff_option, &exit_code);
	if (code != CMD_CONTINUE)
		goto out;
	if (argc - optind != 2) {
		cli_usage_error(c, "diff compares two SOURCEs, A and B (%d given)", argc - optind);
		code = EXIT_USAGE;
		goto out;
	}
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0) {
		cli_usage_error(c, "only one of A and B can be - (stdin)");
		code = EXIT_USAGE;
		goto out;
	}
	code = cmd_input_sources(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	series_opts_of(&o, &in);
	code = series_init(&d.s, &o, c);
	if (code != EXIT_OK)
		goto out;
	ra = series_add_source(&d.s, in.names[0], PICK_FIRST);
	rb = series_add_source(&d.s, in.names[1], PICK_LAST);
	msg_print_diags(d.s.m);
	if (ra != 0 || rb != 0) {
		code = EXIT_INPUT;
		goto out;
	}
	code = series_prepare(&d.s, &o, c, "diff");
	if (code != EXIT_OK)
		goto out;
	if (in.format == FORMAT_FOLDED) {
		if (in.by_given)
			series_note(&d.s, "--by does not apply to --format folded: one line per stack");
		print_folded(&d.s);
	} else {
		series_match(&d.s, 0, &d.s.x);
		build_rows(&d);
		if (in.format == FORMAT_JSON)
			print_json(&d);
		else
			print_table(&d, in.format, c);
	}
	code = msg_exit_code(d.s.m, 0, c->strict);
	if (code == EXIT_OK && exit_code) {
		if (in.format == FORMAT_FOLDED) {
			/* folded has its own join: build the by-key rows for the answer */
			series_match(&d.s, 0, &d.s.x);
			build_rows(&d);
		}
		code = any_delta(&d);
	}
out:
	free(d.rows);
	series_free(&d.s);
	return cmd_input_finish(&in, code);
}
