/* cmd_summary.c - `gostacks summary`: goroutines grouped by state, wait and where. */
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "group.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/group_report.h"
#include "reports/render.h"
#include "reports/json.h"
#include "reports/summary_profile.h"
#include "select/kinds.h"
#include "outputs/sums.h"

#define DEFAULT_BY "state,wait,where"

const struct opts_row cmd_summary_opts[] = {
	FILTER_OPTIONS,
	CMD_INPUT_BY("group key, a comma list of: source (the SOURCE; a URL's or\n"
	             "a fetched file's host:port), dump (the Nth of its SOURCE),\n"
	             "state, wait (buckets <1m 1-5m 5-15m 15-60m 1-4h >4h),\n"
	             "wait=exact, where, func, stack, creator, labels, label:KEY,\n"
	             "object (the lock, WaitGroup, Cond or channel waited on)\n"
	             "(default state,wait,where)"),
	CMD_INPUT_FORMAT(""),
	CMD_INPUT_SORT("the groups' order: count (the default: most goroutines\n"
	               "first), wait (longest stuck first), where, state; a crash's\n"
	               "failed goroutine comes first whatever the order"),
	CMD_INPUT_WHERE("where = first frame outside the standard library (user, the\n"
	                "default; a stack of the standard library alone: its first\n"
	                "frame outside package runtime), or the first frame outside\n"
	                "package runtime (runtime, the frame debug=1 prints first)"),
	CMD_INPUT_SKIP("also step over frames whose function matches (PCRE2),\n"
	               "e.g. '^(internal/poll|net|bufio|sync)\\.'"),
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
};

static void summary_as_report(struct report *rep, void *o)
{
	group_report(rep, o);
}

static void summary_as_json(void *o, FILE *f)
{
	json_summary(((const struct group_report *)o)->r, f);
}

int cmd_summary(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct grouping gr;
	struct render_ctx rc;
	struct group_report gro;
	struct answer a = { summary_as_report, summary_as_json, NULL, &gro };
	struct gs_model *m;
	unsigned char *keep = NULL;
	uint64_t other_kinds = 0, filtered;
	unsigned kinds;
	int code;

	cmd_input_init(&in, c);
	in.by = DEFAULT_BY;
	code = cmd_input_parse(&in, argc, argv, cmd_summary_opts, NULL, NULL);
	/* text and CSV show neither ids nor header lines: a dump's equal goroutines may be one
	 * entry with a count (model.h: fold_repeats), so memory follows the distinct ones */
	if (in.format == FORMAT_TEXT || in.format == FORMAT_CSV)
		in.fold = GS_FOLD_WAITS;
	if (code == CMD_CONTINUE)
		code = cmd_input_load(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	m = in.m;
	/* one kind at a time (kinds.h); heap, allocs, mutex and block are sites, not groups */
	kinds = kinds_use(m, kinds_pick(m, 1), "summary");
	if (kinds == 0) {
		code = EXIT_INPUT;
		goto out;
	}
	if (!kinds_are_goroutines(kinds)) {
		unsigned char *samples_kept = filter_samples(&in.filter, m, &filtered);

		code = summary_profile(m, kinds, in.by_given ? in.by : NULL, &in.wo, samples_kept,
		                       in.format, c);
		free(samples_kept);
		if (code == EXIT_OK)
			code = CMD_CONTINUE;
		goto out;
	}
	in.go.first_g = 0;
	in.go.ng = m->ngoroutines;
	keep = cmd_input_keep(&in, kinds, &other_kinds); /* gs_group counts the filtered */
	in.go.keep = keep;
	if (gs_group(m, &in.go, &gr) != 0)
		die_oom();
	if (gr.total == UINT64_MAX || gr.filtered == UINT64_MAX)
		sums_held(); /* the library's sums stop there too */
	gr.filtered -= other_kinds; /* not read, rather than filtered out */

	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &in.go;
	rc.by = in.by;
	rc.kind = kinds_result(m, kinds);
	group_sort(&rc, &gr, in.sort);
	rc.failed = render_failed_first(m, &gr);
	memset(&gro, 0, sizeof gro);
	gro.r = &rc;
	gro.keep = keep;
	gro.title = "summary";
	formats_print(in.format, &a, c, stdout);
	gs_grouping_free(&gr);
out:
	free(keep);
	return cmd_input_finish(&in, code);
}
