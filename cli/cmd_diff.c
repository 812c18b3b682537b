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
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "filter.h"
#include "msg.h"
#include "series.h"
#include "sites.h"
#include "term.h"

enum { OPT_BY = 256, OPT_FORMAT, OPT_VALUE, OPT_RAW, OPT_EXIT_CODE, OPT_WHERE, OPT_SKIP,
       OPT_STRICT, OPT_COLOR };

static const struct option diff_options[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	FILTER_LONG_OPTIONS,
	{ NULL, 0, NULL, 0 }
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
	int c;

	if (da != db)
		return da > db ? -1 : 1;
	c = gs_match_cmp_key(d->s.m, &d->s.x.rows[a->row].key, &d->s.x.rows[b->row].key);
	if (c == 0)
		c = a->row < b->row ? -1 : a->row > b->row;
	return c;
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

static void print_table(const struct diff *d, enum series_format f, int color, int tty)
{
	const struct series *s = &d->s;
	size_t i, nkey = series_key_ncols(s);
	int human = f != SF_CSV;
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
		const struct match_row *mr = &s->x.rows[r->row];
		const char *mark = mark_of(r);

		delta_cell(&t, s, r->delta, human);
		series_quantity_text(table_cell(&t), s, r->before, 0, human);
		series_quantity_text(table_cell(&t), s, r->after, 0, human);
		table_lit(&t, mark);
		if (*mark)
			table_style(&t, mark[0] == '+' ? TS_GREEN : TS_DIM);
		series_key_cells(s, &t, &mr->key, mr->rep_stack);
		/* a ticket wants the stacks of what changed, not of everything */
		if (f == SF_MD && r->delta)
			series_stack_detail(s, &t, &mr->key, mr->rep_stack);
	}
	buf_addf(&title, "gostacks diff %s \xe2\x86\x92 %s (%s by %s)", s->pts[0].name, s->pts[1].name,
	         series_quantity_name(s), s->by);
	if (f == SF_MD)
		t.title = title.data;
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
	series_print_table(&t, f, color, tty);
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

	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	jw_key(&w, "schema");
	jw_str(&w, "gostacks.diff/1");
	series_common_json(s, &w);
	jw_key(&w, "before");
	series_point_json(s, &w, 0);
	jw_key(&w, "after");
	series_point_json(s, &w, 1);
	jw_key(&w, "rows");
	jw_arr_begin(&w);
	for (i = 0; i < d->nrows; i++) {
		const struct drow *r = &d->rows[i];
		const struct match_row *mr = &s->x.rows[r->row];

		jw_obj_begin(&w);
		series_key_json(s, &w, &mr->key, mr->rep_stack);
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
			for (k = 0; k < gs_family_nvalues(fam); k++)
				json_before_after(&w, gs_value_name(fam, k, !s->raw),
				                  gs_match_value(&s->x, r->row, 0, k),
				                  gs_match_value(&s->x, r->row, 1, k));
			jw_obj_end(&w);
		}
		series_stack_json(s, &w, &mr->key, mr->rep_stack);
		jw_obj_end(&w);
		if (out.len > 64 * 1024) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
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
	series_diags_json(s, &w);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	fwrite(out.data, 1, out.len, stdout);
	buf_release(&out);
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
		uint32_t st = series_row_stack(s, &mr->key, mr->rep_stack);
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

int cmd_diff(int argc, char **argv, struct cli *c)
{
	struct series_opts o;
	struct diff d;
	enum series_format format = SF_TEXT;
	struct filter flt;
	char errbuf[512];
	int opt, exit_code = 0, by_given = 0, code = EXIT_OK, ra, rb, taken;
	size_t i;

	memset(&o, 0, sizeof o);
	filter_init(&flt);
	memset(&d, 0, sizeof d);
	optind = 0; /* glibc: a full reset, the optstring differs from main's */
	for (;;) {
		opt = getopt_long(argc, argv, "h" FILTER_SHORT_OPTIONS, diff_options, NULL);
		if (opt == -1)
			break;
		taken = filter_option(&flt, opt, optarg, errbuf, sizeof errbuf);
		if (taken < 0) {
			cli_usage_error(c, "%s", errbuf);
			code = EXIT_USAGE;
			goto out;
		}
		if (taken > 0)
			continue;
		switch (opt) {
		case OPT_BY:
			o.by = optarg;
			by_given = 1;
			break;
		case OPT_FORMAT:
			if (series_parse_format(optarg, &format, 1) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text, json, csv, md or folded)",
				                optarg);
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_VALUE:
			o.value = optarg;
			break;
		case OPT_RAW:
			o.raw = 1;
			break;
		case OPT_EXIT_CODE:
			exit_code = 1;
			break;
		case OPT_WHERE:
			if (where_parse_mode(optarg, &o.wmode) != 0) {
				cli_usage_error(c, "unknown --where '%s' (runtime or user)", optarg);
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case OPT_SKIP:
			o.skip = optarg;
			break;
		case OPT_STRICT:
			c->strict = 1;
			break;
		case OPT_COLOR:
			if (term_parse_color(optarg, &c->color) != 0) {
				cli_usage_error(c, "unknown --color '%s' (auto, always or never)", optarg);
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'h':
			cli_help(c, stdout);
			code = EXIT_OK;
			goto out;
		default:
			cli_usage_error(c, "bad option");
			code = EXIT_USAGE;
			goto out;
		}
	}
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

	if (filter_compile(&flt, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		code = EXIT_USAGE;
		goto out;
	}
	o.filter = &flt;
	code = series_init(&d.s, &o, c);
	if (code != EXIT_OK)
		goto out;
	ra = series_add_source(&d.s, argv[optind], PICK_FIRST);
	rb = series_add_source(&d.s, argv[optind + 1], PICK_LAST);
	msg_print_diags(d.s.m);
	if (ra != 0 || rb != 0) {
		code = EXIT_INPUT;
		goto out;
	}
	code = series_prepare(&d.s, &o, c, "diff");
	if (code != EXIT_OK)
		goto out;
	if (format == SF_FOLDED) {
		if (by_given)
			series_note(&d.s, "--by does not apply to --format folded: one line per stack");
		print_folded(&d.s);
	} else {
		series_match(&d.s, 0, &d.s.x);
		build_rows(&d);
		if (format == SF_JSON)
			print_json(&d);
		else
			print_table(&d, format, format == SF_TEXT && term_want_color(c->color, STDOUT_FILENO),
			            format == SF_TEXT && term_isatty(STDOUT_FILENO));
	}
	code = msg_exit_code(d.s.m, 0, c->strict);
	if (code == EXIT_OK && exit_code) {
		for (i = 0; i < d.nrows; i++)
			if (d.rows[i].delta)
				code = 1;
		if (format == SF_FOLDED && d.nrows == 0) {
			/* folded has its own join: rebuild the by-key rows for the answer */
			series_match(&d.s, 0, &d.s.x);
			build_rows(&d);
			for (i = 0; i < d.nrows; i++)
				if (d.rows[i].delta)
					code = 1;
		}
	}
out:
	free(d.rows);
	series_free(&d.s);
	filter_free(&flt);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
