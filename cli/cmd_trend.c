/* cmd_trend.c - `gostacks trend A B C ...`: per group, its count over a series of dumps;
 * groups that keep growing are leak suspects, groups that keep their count while their
 * wait keeps growing are stuck.
 *
 * Every dump of every SOURCE is a point, in the order given (a log with repeated SIGQUIT
 * dumps is a series by itself). All points are read into one model and joined by key like
 * diff (match.h); the rules are in trend.h. A SOURCE that cannot be read is a hole: named,
 * shown as ?, skipped by the rules, still one step of the series.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "filter.h"
#include "msg.h"
#include "series.h"
#include "term.h"
#include "trend.h"

enum { OPT_BY = 256, OPT_FORMAT, OPT_VALUE, OPT_RAW, OPT_MIN_RISE, OPT_WHERE, OPT_SKIP,
       OPT_STRICT, OPT_COLOR };

static const struct option trend_options[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "min-rise", required_argument, NULL, OPT_MIN_RISE },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	FILTER_LONG_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

/* Default --min-rise: a handful of goroutines (or objects, or contentions) is not a
 * trend; for bytes and delays a few units are noise, so the floor is one MiB, one second. */
#define MIN_RISE_COUNT 5
#define MIN_RISE_BYTES ((int64_t)1 << 20)
#define MIN_RISE_DELAY_NS ((int64_t)1000000000)

struct trow {
	size_t row;
	struct trend_verdict v;
	int64_t last;           /* the last known point's number */
};

struct trend {
	struct series s;
	int64_t min_rise;
	double *times;          /* per point, seconds */
	unsigned char *time_known;
	unsigned char *known;   /* per point: not a hole */
	const char *time_source; /* of the series: filename, mtime, mixed, none */
	struct trow *rows;
	size_t nrows, suspects, stuck;
};

static int64_t default_min_rise(const struct series *s)
{
	const char *q = series_quantity_name(s);

	if (strstr(q, "_space"))
		return MIN_RISE_BYTES;
	if (strcmp(q, "delay") == 0)
		return MIN_RISE_DELAY_NS;
	return MIN_RISE_COUNT;
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
	c = gs_match_cmp_key(t->s.m, &t->s.x.rows[a->row].key, &t->s.x.rows[b->row].key);
	if (c == 0)
		c = a->row < b->row ? -1 : a->row > b->row;
	return c;
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

static void print_table(const struct trend *t, enum series_format f, int color, int tty)
{
	const struct series *s = &t->s;
	int per_min = any_per_minute(t), csv = f == SF_CSV;
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
		const struct match_row *mr = &s->x.rows[r->row];

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
		series_key_cells(s, &tb, &mr->key, mr->rep_stack);
		if (f == SF_MD && (r->v.suspect || r->v.stuck))
			series_stack_detail(s, &tb, &mr->key, mr->rep_stack);
	}
	buf_addf(&title, "gostacks trend: %zu dumps, %s by %s", s->npts, series_quantity_name(s),
	         s->by);
	if (f == SF_MD)
		tb.title = title.data;
	series_quantity_text(&rise, s, t->min_rise, 0, 1);
	table_footerf(&tb, "%zu group%s over %zu dumps", t->nrows, t->nrows == 1 ? "" : "s",
	              s->npts);
	if (s->holes)
		buf_addf(&tb.footer, " (%zu unreadable: the series has %s)", s->holes,
		         s->holes == 1 ? "a hole" : "holes");
	buf_addf(&tb.footer, "; %zu leak suspect%s (a rise of %s %s or more, at most one small "
	         "dip), %zu stuck; times: %s", t->suspects, t->suspects == 1 ? "" : "s", rise.data,
	         series_quantity_name(s), t->stuck, t->time_source);
	series_print_table(&tb, f, color, tty);
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

	jw_init(&w, &out, 1);
	jw_obj_begin(&w);
	jw_key(&w, "schema");
	jw_str(&w, "gostacks.trend/1");
	series_common_json(s, &w);
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
		const struct match_row *mr = &s->x.rows[r->row];

		jw_obj_begin(&w);
		series_key_json(s, &w, &mr->key, mr->rep_stack);
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
		series_stack_json(s, &w, &mr->key, mr->rep_stack);
		jw_obj_end(&w);
		if (out.len > 64 * 1024) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	jw_arr_end(&w);
	jw_key(&w, "suspects");
	jw_uint(&w, t->suspects);
	jw_key(&w, "stuck");
	jw_uint(&w, t->stuck);
	series_diags_json(s, &w);
	jw_obj_end(&w);
	buf_addch(&out, '\n');
	fwrite(out.data, 1, out.len, stdout);
	buf_release(&out);
}

int cmd_trend(int argc, char **argv, struct cli *c)
{
	struct series_opts o;
	struct trend t;
	enum series_format format = SF_TEXT;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	struct filter flt;
	char errbuf[512];
	int opt, nnames, failed = 0, stdins = 0, code = EXIT_OK, i, min_rise_given = 0, taken;
	size_t usable = 0, p;

	memset(&o, 0, sizeof o);
	filter_init(&flt);
	memset(&t, 0, sizeof t);
	optind = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "h" FILTER_SHORT_OPTIONS, trend_options, NULL);
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
			break;
		case OPT_FORMAT:
			if (series_parse_format(optarg, &format, 0) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text, json, csv or md)", optarg);
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
		case OPT_MIN_RISE:
			if (parse_min_rise(optarg, &t.min_rise) != 0) {
				cli_usage_error(c, "--min-rise '%s': expected a whole number", optarg);
				code = EXIT_USAGE;
				goto out;
			}
			min_rise_given = 1;
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
	names = argv + optind;
	nnames = argc - optind;
	if (nnames == 0) {
		if (term_isatty(STDIN_FILENO)) {
			cli_usage_error(c, "no SOURCE given and stdin is a terminal");
			code = EXIT_USAGE;
			goto out;
		}
		names = stdin_only;
		nnames = 1;
	}
	for (i = 0; i < nnames; i++)
		stdins += strcmp(names[i], "-") == 0;
	if (stdins > 1) {
		cli_usage_error(c, "- (stdin) can be given once");
		code = EXIT_USAGE;
		goto out;
	}

	if (filter_compile(&flt, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		code = EXIT_USAGE;
		goto out;
	}
	o.filter = &flt;
	code = series_init(&t.s, &o, c);
	if (code != EXIT_OK)
		goto out;
	for (i = 0; i < nnames; i++)
		if (series_add_source(&t.s, names[i], PICK_ALL) != 0)
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
	if (!min_rise_given)
		t.min_rise = default_min_rise(&t.s);
	series_times(&t);
	series_match(&t.s, 0, &t.s.x);
	judge(&t);
	if (format == SF_JSON)
		print_json(&t);
	else
		print_table(&t, format, format == SF_TEXT && term_want_color(c->color, STDOUT_FILENO),
		            format == SF_TEXT && term_isatty(STDOUT_FILENO));
	code = msg_exit_code(t.s.m, failed > 0, c->strict);
out:
	free(t.rows);
	free(t.times);
	free(t.time_known);
	free(t.known);
	series_free(&t.s);
	filter_free(&flt);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
