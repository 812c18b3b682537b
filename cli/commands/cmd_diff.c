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
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/diff_report.h"
#include "reports/json.h"
#include "reports/render.h"
#include "reports/series.h"
#include "select/filter.h"

enum { OPT_EXIT_CODE = 256 };

const struct opts_row cmd_diff_opts[] = {
	CMD_INPUT_BY("group key as in summary (default state,where)"),
	CMD_INPUT_FORMAT(""),
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
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	FILTER_OPTIONS,
	OPTS_END
};

static int diff_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	*(int *)ctx = 1; /* --exit-code */
	return CMD_CONTINUE;
}

static void diff_as_report(struct report *rep, void *d)
{
	diff_report(rep, d);
}

static void diff_as_json(void *d, FILE *f)
{
	json_diff(d, f);
}

static void diff_as_folded(void *d, FILE *f)
{
	diff_folded(d, f);
}

int cmd_diff(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct series_opts o;
	struct diff d;
	struct answer a = { diff_as_report, diff_as_json, diff_as_folded, &d };
	int exit_code = 0, code, ra, rb;

	cmd_input_init(&in, c);
	memset(&d, 0, sizeof d);
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
	in.fold = GS_FOLD_WAITS; /* no format of diff shows a goroutine's id (model.h) */
	cmd_input_series(&o, &in);
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
	series_match(&d.s, 0, &d.s.x);
	diff_rows(&d);
	d.by_given = in.by_given;
	formats_print(in.format, &a, c, stdout);
	code = msg_exit_code(d.s.m, 0, c->strict);
	if (code == EXIT_OK && exit_code)
		code = diff_any_delta(&d);
out:
	diff_free(&d);
	return cmd_input_finish(&in, code);
}
