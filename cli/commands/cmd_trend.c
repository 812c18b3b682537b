/* cmd_trend.c - `gostacks trend A B C ...`: per group, its count over a series of dumps;
 * groups that keep growing are leak suspects, groups that keep their count while their
 * wait keeps growing are stuck.
 *
 * Every dump of every SOURCE is a point, in the order given (a log with repeated SIGQUIT
 * dumps is a series by itself). All points are read into one model and joined by key like
 * diff (match.h); the rules are in trend.h. A SOURCE that cannot be read is a hole: named,
 * shown as ?, skipped by the rules, still one step of the series.
 */
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/render.h"
#include "reports/json.h"
#include "reports/series.h"
#include "reports/trend_report.h"
#include "select/filter.h"

enum { OPT_MIN_RISE = 256 };

const struct opts_row cmd_trend_opts[] = {
	CMD_INPUT_BY("group key as in summary (default state,where)"),
	CMD_INPUT_FORMAT("csv has a column per point"),
	OPTS_VALUE("min-rise", 0, OPT_MIN_RISE, "N",
	           "smallest rise that makes a suspect (default 5 goroutines,\n"
	           "objects or contentions; 1048576 bytes; 1000000000 ns)"),
	CMD_INPUT_VALUE("the profile column, as in diff"),
	CMD_INPUT_RAW("the numbers as the files print them"),
	CMD_INPUT_WHERE("as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	FILTER_OPTIONS,
	OPTS_END
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

/* --min-rise N */
struct min_rise {
	int64_t n;
	int given;
};

static int trend_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct min_rise *mr = ctx;

	if (parse_min_rise(arg, &mr->n) != 0) {
		cli_usage_error(in->c, "--min-rise '%s': expected a whole number", arg);
		return EXIT_USAGE;
	}
	mr->given = 1;
	return CMD_CONTINUE;
}

static void trend_as_report(struct report *rep, void *t)
{
	trend_report(rep, t);
}

static void trend_as_json(void *t, FILE *f)
{
	json_trend(t, f);
}

int cmd_trend(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct series_opts o;
	struct trend t;
	struct min_rise mr = { 0, 0 };
	struct answer a = { trend_as_report, trend_as_json, NULL, &t };
	int failed = 0, stdins = 0, code, i;
	size_t usable = 0, p;

	cmd_input_init(&in, c);
	memset(&t, 0, sizeof t);
	code = cmd_input_parse(&in, argc, argv, cmd_trend_opts, trend_option, &mr);
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
	in.fold = GS_FOLD_WAITS; /* no format of trend shows a goroutine's id (model.h) */
	cmd_input_series(&o, &in);
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
	t.min_rise = mr.given ? mr.n : default_min_rise(&t.s);
	trend_times(&t);
	series_match(&t.s, 0, &t.s.x);
	trend_rows(&t);
	formats_print(in.format, &a, c, stdout);
	code = msg_exit_code(t.s.m, failed > 0, c->strict);
out:
	trend_free(&t);
	return cmd_input_finish(&in, code);
}
