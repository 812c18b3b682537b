/* cmd_trend.c - `gostacks trend A B C ...`: per group, its count over a series of dumps;
 * groups that keep growing are leak suspects, groups that keep their count while their
 * wait keeps growing are stuck.
 *
 * Every dump of every SOURCE is a point, in the order given (a log with repeated SIGQUIT
 * dumps is a series by itself). All points are read into one model and joined by key like
 * diff (match.h); the rules are in trend.h. A SOURCE that cannot be read is a hole: named,
 * shown as ?, skipped by the rules, still one step of the series.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "reports/series.h"
#include "outputs/term.h"
#include "trend.h"

enum { OPT_MIN_RISE = 256 };

const struct opts_row cmd_trend_opts[] = {
	CMD_INPUT_BY("group key as in summary (default state,where)"),
	CMD_INPUT_FORMAT("FORMAT", "text (default), json (gostacks.trend/1), csv or md"),
	OPTS_VALUE("min-rise", 0, OPT_MIN_RISE, "N",
	           "smallest rise that makes a suspect (default 5 goroutines,\n"
	           "objects or contentions; 1048576 bytes; 1000000000 ns)"),
	CMD_INPUT_VALUE("the profile column, as in diff"),
	CMD_INPUT_RAW("the numbers as the files print them"),
	CMD_INPUT_WHERE("as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	FILTER_OPTIONS,
	OPTS_END
};

struct trow {
	size_t row;
	struct trend_verdict v;
	int64_t last;           /* the last known point's number */
};

struct trend {
	struct series s;
	int64_t min_rise;
	int min_rise_given;
	double *times;          /* per point, seconds */
	unsigned char *time_known;
	unsigned char *known;   /* per point: not a hole */
	const char *time_source; /* of the series: filename, mtime, mixed, none */
	struct trow *rows;
	size_t nrows, suspects, stuck;
};

/* Default --min-rise, the column's own (kind.h): a handful of goroutines (or objects, or
 * contentions) is not a trend; for bytes and delays a few units are noise, so the floor is
 * one MiB, one second. */
static int64_t default_min_rise(const struct series *s)
{
	const struct gs_column *col = gs_family_column(gs_kind_family(s->kind), s->value_col);

	return col ? col->min_rise : 1;
}

/* 0, or -1 when arg is not a non-negative integer */
static int parse_min_rise(const char *arg, int64_t *out)
{
	char *end;
	long long v;

	if (*arg < '0' || *arg > '9')
		return -1;
	v = strtoll(arg, &end, 10);
	if (*end != '\0' || v < 0)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* Times of the points: all or nothing, and only when they increase along the series. */
static void series_times(struct trend *t)
{
	struct series *s = &t->s;
	size_t i, named = 0, mtimed = 0, usable = 0, prev = SIZE_MAX;
	int ok = 1;

	t->times = xcalloc(s->npts, sizeof *t->times);
	t->time_known = xcalloc(s->npts, 1);
	t->known = xcalloc(s->npts, 1);
	t->time_source = "none";
	for (i = 0; i < s->npts; i++) {
		const struct series_point *p = &s->pts[i];

		t->known[i] = (unsigned char)p->ok;
		if (!p->ok)
			continue;
		usable++;
		if (p->time_source == STAMP_NAME)
			named++;
		else if (p->time_source == STAMP_MTIME)
			mtimed++;
		else
			ok = 0;
		if (prev != SIZE_MAX && p->time <= s->pts[prev].time)
			ok = 0;
		prev = i;
	}
	if (named + mtimed == 0) {
		series_note(s, "no times (a file holding several dumps, stdin or URLs): growth per "
		            "dump only");
		return;
	}
	if (named + mtimed < usable) {
		series_note(s, "%zu of %zu dumps have no time (a file holding several dumps, stdin or "
		            "a URL): growth per dump only", usable - named - mtimed, usable);
		return;
	}
	if (!ok) {
		series_note(s, "the times of the dumps do not increase in the order given: "
		            "growth per dump only");
		return;
	}
	for (i = 0; i < s->npts; i++) {
		if (!s->pts[i].ok)
			continue;
		t->times[i] = (double)s->pts[i].time;
		t->time_known[i] = 1;
	}
	if (mtimed == 0) {
		t->time_source = "filename";
		series_note(s, "times from the file names");
	} else if (named == 0) {
		t->time_source = "mtime";
		series_note(s, "times from the files' modification times (no timestamp in the names)");
	} else {
		t->time_source = "mixed";
		series_note(s, "times from the file names, and for %zu file%s without a timestamp "
		            "from the modification time", mtimed, mtimed == 1 ? "" : "s");
	}
}

static int rank(const struct trow *r)
{
	return r->v.suspect ? 0 : r->v.stuck ? 1 : 2;
}

static double speed(const struct trow *r)
{
	return r->v.has_per_minute ? r->v.growth_per_minute : r->v.growth;
}

/* suspects by growth, stuck, then the rest by size of the change and last number */
static int cmp_trow(const void *pa, const void *pb, void *ctx)
{
	const struct trow *a = pa, *b = pb;
	const struct trend *t = ctx;
	uint64_t ra, rb;
	int c = rank(a) - rank(b);

	if (c)
		return c;
	if (rank(a) == 0 && speed(a) != speed(b))
		return speed(a) > speed(b) ? -1 : 1;
	ra = a->v.rise < 0 ? (uint64_t)0 - (uint64_t)a->v.rise : (uint64_t)a->v.rise;
	rb = b->v.rise < 0 ? (uint64_t)0 - (uint64_t)b->v.rise : (uint64_t)b->v.rise;
	if (ra != rb)
		return ra > rb ? -1 : 1;
	if (a->last != b->last)
		return a->last > b->last ? -1 : 1;
	return series_cmp_rows(&t->s, a->row, b->row);
}

static void judge(struct trend *t)
{
	const struct series *s = &t->s;
	const struct gs_match *x = &s->x;
	int64_t *q = xcalloc(s->npts, sizeof *q);
	uint32_t *young = xcalloc(s->npts, sizeof *young);
	size_t i, p;

	t->rows = xcalloc(x->nrows ? x->nrows : 1, sizeof *t->rows);
	for (i = 0; i < x->nrows; i++) {
		struct trow *r = &t->rows[t->nrows];
		int any = 0;

		for (p = 0; p < s->npts; p++) {
			q[p] = t->known[p] ? series_quantity(s, x, i, p) : 0;
			young[p] = x->wait_young[i * x->npoints + p];
			if (q[p] != 0)
				any = 1;
			if (t->known[p])
				r->last = q[p];
		}
		/* a profile site at 0 all along (freed, never contended) says nothing */
		if (!any)
			continue;
		r->row = i;
		gs_trend_judge(q, t->known, s->npts, t->min_rise, t->times, t->time_known,
		               s->samples ? NULL : young, &r->v);
		t->suspects += (size_t)r->v.suspect;
		t->stuck += (size_t)r->v.stuck;
		t->nrows++;
	}
	free(q);
	free(young);
	if (t->nrows > 1)
		qsort_r(t->rows, t->nrows, sizeof *t->rows, cmp_trow, t);
}

static const char *verdict(const struct trow *r)
{
	return r->v.suspect ? "suspect" : r->v.stuck ? "stuck" : "";
}

static int any_per_minute(const struct trend *t)
{
	size_t i;

	for (i = 0; i < t->s.npts; i++)
		if (t->time_known[i])
			return 1;
	return 0;
}

static void print_table(const struct trend *t, enum out_format f, const struct cli *c)
{
	const struct series *s = &t->s;
	int per_min = any_per_minute(t), csv = f == FORMAT_CSV;
	size_t nkey = series_key_ncols(s), i, p;
	size_t ncols = 2 + (size_t)per_min + (csv ? s->npts : 1) + nkey;
	struct table tb;
	struct buf *b, rise = BUF_INIT, title = BUF_INIT;

	table_init(&tb, ncols);
	table_right(&tb, 1);
	if (per_min)
		table_right(&tb, 2);
	table_whole(&tb, 2 + (size_t)per_min);
	table_lit(&tb, "VERDICT");
	table_lit(&tb, csv ? "growth_per_dump" : "GROWTH/DUMP");
	if (per_min)
		table_lit(&tb, csv ? "growth_per_minute" : "GROWTH/MIN");
	if (csv) {
		for (p = 0; p < s->npts; p++)
			table_cellf(&tb, "p%zu", p + 1);
	} else {
		table_lit(&tb, s->samples ? "SERIES" : "COUNTS");
	}
	series_key_header(s, &tb);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		table_lit(&tb, verdict(r));
		if (r->v.suspect || r->v.stuck)
			table_style(&tb, r->v.suspect ? TS_RED : TS_YELLOW);
		b = table_cell(&tb);
		if (r->v.known >= 2)
			series_rate_text(b, s, r->v.growth, !csv, !csv);
		if (per_min) {
			b = table_cell(&tb);
			if (r->v.has_per_minute)
				series_rate_text(b, s, r->v.growth_per_minute, !csv, !csv);
		}
		if (csv) {
			for (p = 0; p < s->npts; p++) {
				b = table_cell(&tb);
				if (t->known[p])
					series_quantity_text(b, s, series_quantity(s, &s->x, r->row, p), 0, 0);
			}
		} else {
			b = table_cell(&tb);
			for (p = 0; p < s->npts; p++) {
				if (p > 0)
					buf_adds(b, " \xe2\x86\x92 ");
				if (t->known[p])
					series_quantity_text(b, s, series_quantity(s, &s->x, r->row, p), 0, 1);
				else
					buf_addch(b, '?');
			}
		}
		series_key_cells(s, &tb, r->row);
		if (f == FORMAT_MD && (r->v.suspect || r->v.stuck))
			series_stack_detail(s, &tb, r->row);
	}
	buf_addf(&title, "gostacks trend: %zu dumps, %s by %s", s->npts, series_quantity_name(s),
	         s->by);
	tb.title = title.data; /* markdown's */
	series_quantity_text(&rise, s, t->min_rise, 0, 1);
	table_footerf(&tb, "%zu group%s over %zu dumps", t->nrows, t->nrows == 1 ? "" : "s",
	              s->npts);
	if (s->holes)
		buf_addf(&tb.footer, " (%zu unreadable: the series has %s)", s->holes,
		         s->holes == 1 ? "a hole" : "holes");
	buf_addf(&tb.footer, "; %zu leak suspect%s (a rise of %s %s or more, at most one small "
	         "dip), %zu stuck; times: %s", t->suspects, t->suspects == 1 ? "" : "s", rise.data,
	         series_quantity_name(s), t->stuck, t->time_source);
	series_print_table(&tb, f, c);
	table_free(&tb);
	buf_release(&rise);
	buf_release(&title);
}

static void print_json(const struct trend *t)
{
	const struct series *s = &t->s;
	struct buf out = BUF_INIT;
	struct jsonw w;
	size_t i, p;
	int pretty;

	series_json_begin(s, &w, &out, "gostacks.trend/1");
	jw_key(&w, "min_rise");
	jw_int(&w, t->min_rise);
	jw_key(&w, "time_source");
	jw_str(&w, t->time_source);
	jw_key(&w, "holes");
	jw_uint(&w, s->holes);
	jw_key(&w, "points");
	jw_arr_begin(&w);
	for (p = 0; p < s->npts; p++)
		series_point_json(s, &w, p);
	jw_arr_end(&w);
	jw_key(&w, "rows");
	jw_arr_begin(&w);
	for (i = 0; i < t->nrows; i++) {
		const struct trow *r = &t->rows[i];

		jw_obj_begin(&w);
		series_key_json(s, &w, r->row);
		jw_key(&w, "counts");
		/* the series on one line: it is read as one thing */
		pretty = w.pretty;
		w.pretty = 0;
		jw_arr_begin(&w);
		for (p = 0; p < s->npts; p++) {
			if (t->known[p])
				jw_int(&w, series_quantity(s, &s->x, r->row, p));
			else
				jw_null(&w);
		}
		jw_arr_end(&w);
		w.pretty = pretty;
		jw_key(&w, "suspect");
		jw_bool(&w, r->v.suspect);
		jw_key(&w, "stuck");
		jw_bool(&w, r->v.stuck);
		jw_key(&w, "rise");
		jw_int(&w, r->v.rise);
		jw_key(&w, "growth");
		if (r->v.known >= 2)
			jw_double_g(&w, r->v.growth, 6);
		else
			jw_null(&w);
		if (r->v.has_per_minute) {
			jw_key(&w, "growth_per_minute");
			jw_double_g(&w, r->v.growth_per_minute, 6);
		}
		series_stack_json(s, &w, r->row);
		jw_obj_end(&w);
		render_flush(&out, stdout, 0);
	}
	jw_arr_end(&w);
	jw_key(&w, "suspects");
	jw_uint(&w, t->suspects);
	jw_key(&w, "stuck");
	jw_uint(&w, t->stuck);
	series_json_end(s, &w, &out);
}

static int trend_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct trend *t = ctx;

	if (parse_min_rise(arg, &t->min_rise) != 0) { /* --min-rise */
		cli_usage_error(in->c, "--min-rise '%s': expected a whole number", arg);
		return EXIT_USAGE;
	}
	t->min_rise_given = 1;
	return CMD_CONTINUE;
}

int cmd_trend(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct series_opts o;
	struct trend t;
	int failed = 0, stdins = 0, code, i;
	size_t usable = 0, p;

	cmd_input_init(&in, c);
	memset(&t, 0, sizeof t);
	in.formats = FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON) | FORMAT_BIT(FORMAT_CSV) |
	             FORMAT_BIT(FORMAT_MD) | FORMAT_MARKDOWN_WORD;
	in.format_words = "text, json, csv or md";
	code = cmd_input_parse(&in, argc, argv, cmd_trend_opts, trend_option, &t);
	if (code != CMD_CONTINUE)
		goto out;
	for (i = optind; i < argc; i++)
		stdins += strcmp(argv[i], "-") == 0;
	if (stdins > 1) {
		cli_usage_error(c, "- (stdin) can be given once");
		code = EXIT_USAGE;
		goto out;
	}
	code = cmd_input_sources(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	series_opts_of(&o, &in);
	code = series_init(&t.s, &o, c);
	if (code != EXIT_OK)
		goto out;
	for (i = 0; i < in.nnames; i++)
		if (series_add_source(&t.s, in.names[i], PICK_ALL) != 0)
			failed++;
	msg_print_diags(t.s.m);
	for (p = 0; p < t.s.npts; p++)
		usable += (size_t)t.s.pts[p].ok;
	if (usable < 2) {
		errorf("trend needs at least two dumps; %zu could be read", usable);
		code = EXIT_INPUT;
		goto out;
	}
	code = series_prepare(&t.s, &o, c, "trend");
	if (code != EXIT_OK)
		goto out;
	if (t.s.holes)
		series_note(&t.s, "the series has %zu hole%s (unreadable: shown as ?): the rules "
		            "skip %s", t.s.holes, t.s.holes == 1 ? "" : "s",
		            t.s.holes == 1 ? "it" : "them");
	if (!t.min_rise_given)
		t.min_rise = default_min_rise(&t.s);
	series_times(&t);
	series_match(&t.s, 0, &t.s.x);
	judge(&t);
	if (in.format == FORMAT_JSON)
		print_json(&t);
	else
		print_table(&t, in.format, c);
	code = msg_exit_code(t.s.m, failed > 0, c->strict);
out:
	free(t.rows);
	free(t.times);
	free(t.time_known);
	free(t.known);
	series_free(&t.s);
	return cmd_input_finish(&in, code);
}
