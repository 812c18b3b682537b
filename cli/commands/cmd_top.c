/* cmd_top.c - `gostacks top`: the sites of a profile (or dump) ranked by one value, with
 * flat, flat%, sum%, cum and cum% as `go tool pprof -top` prints them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "select/kinds.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/profile_report.h"
#include "reports/json.h"
#include "reports/summary_profile.h"
#include "sites.h"

#define TOP_DEFAULT_ROWS 10

enum { OPT_BY = 256 };

const struct opts_row cmd_top_opts[] = {
	FILTER_OPTIONS,
	CMD_INPUT_VALUE("heap: inuse_space (default), inuse_objects, alloc_space,\n"
	                "alloc_objects; allocs: the same, alloc_space by default;\n"
	                "mutex, block: delay (default), contentions; threadcreate,\n"
	                "goroutine: count"),
	OPTS_VALUE("by", 0, OPT_BY, "KEY",
	           "where (default: the first frame outside the standard\n"
	           "library, as --where says),\n"
	           "func (cum per function), stack, labels, label:KEY"),
	OPTS_VALUE(NULL, 'n', 'n', "N", "rows shown (default 10; 0 shows all)"),
	CMD_INPUT_RAW("the sampled values as the file gives them (delay in cycles)"),
	CMD_INPUT_FORMAT(""),
	CMD_INPUT_WHERE("as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
};

/* top's own options: --by (sites, not groups: profile_parse_by) and -n */
struct top_opts {
	const char *by;
	unsigned long rows;
};

/* The class to read: with --value, the first dump's whose kind has that value. */
static unsigned pick_kinds(const struct gs_model *m, const char *value)
{
	uint32_t i;

	if (value == NULL)
		return kinds_pick(m, 0);
	for (i = 0; i < m->ndumps; i++)
		if (gs_column_find(gs_kind_family(m->dumps[i].kind), value) >= 0)
			return kinds_class(m->dumps[i].kind);
	return kinds_pick(m, 0);
}

static int top_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct top_opts *t = ctx;
	char *end;

	if (opt == OPT_BY) {
		t->by = arg;
		return CMD_CONTINUE;
	}
	t->rows = strtoul(arg, &end, 10); /* -n */
	if (end == arg || *end || arg[0] == '-') {
		cli_usage_error(in->c, "-n '%s': a number of rows (0: all)", arg);
		return EXIT_USAGE;
	}
	return CMD_CONTINUE;
}

static void top_as_report(struct report *rep, void *v)
{
	top_report(rep, v);
}

static void top_as_json(void *v, FILE *f)
{
	json_top(v, f);
}

int cmd_top(int argc, char **argv, struct cli *c)
{
	struct top_opts t = { PROFILE_DEFAULT_BY, TOP_DEFAULT_ROWS };
	struct cmd_input in;
	struct gs_sites_opts so;
	struct gs_sites sites;
	struct profile_view v;
	struct answer a = { top_as_report, top_as_json, NULL, &v };
	struct gs_model *m;
	unsigned char *goroutines_kept = NULL, *samples_kept = NULL;
	uint64_t filtered;
	unsigned kinds;
	int code;

	cmd_input_init(&in, c);
	code = cmd_input_parse(&in, argc, argv, cmd_top_opts, top_option, &t);
	if (code == CMD_CONTINUE)
		code = cmd_input_load(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	m = in.m;
	memset(&so, 0, sizeof so);
	memset(&v, 0, sizeof v);
	kinds = kinds_use(m, pick_kinds(m, in.value), "top");
	if (kinds == 0) {
		code = EXIT_INPUT;
		goto out;
	}
	v.kind = kinds_result(m, kinds);
	code = kinds_value(c, v.kind, in.value, &v.col);
	if (code != 0)
		goto out;
	v.kinds = kinds;
	v.scaled = !in.raw;
	v.limit = t.rows;
	so.where = where_frame;
	so.where_ctx = &in.wo;
	so.cum = 1;
	goroutines_kept = filter_goroutines(&in.filter, m, &filtered);
	samples_kept = filter_samples(&in.filter, m, &filtered);
	so.keep_goroutines = goroutines_kept;
	so.keep_samples = samples_kept;
	code = profile_sites(&v, &so, &sites, m, t.by, c);
	if (code != EXIT_OK)
		goto out;
	formats_print(in.format, &a, c, stdout);
	code = CMD_CONTINUE;
	gs_sites_free(&sites);
out:
	free(goroutines_kept);
	free(samples_kept);
	return cmd_input_finish(&in, code);
}
