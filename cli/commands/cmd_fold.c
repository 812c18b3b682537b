/* cmd_fold.c - `gostacks fold`: folded stacks for flame graph tools (fold.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "reports/fold.h"
#include "select/kinds.h"
#include "outputs/msg.h"

enum { OPT_BY_STATE = 256 };

const struct opts_row cmd_fold_opts[] = {
	FILTER_OPTIONS,
	OPTS_FLAG("by-state", 0, OPT_BY_STATE, "the state as the root frame"),
	CMD_INPUT_VALUE("heap: inuse_space (default), inuse_objects, alloc_space,\n"
	                "alloc_objects; allocs: the same, alloc_space by default;\n"
	                "mutex, block: delay (default, ns), contentions"),
	CMD_INPUT_RAW("the file's numbers (default: go tool pprof's estimates)"),
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
};

static int fold_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	*(int *)ctx = 1; /* --by-state */
	return CMD_CONTINUE;
}

int cmd_fold(int argc, char **argv, struct cli *c)
{
	const char *value;
	struct cmd_input in;
	struct fold fold;
	struct gs_model *m;
	unsigned char *keep = NULL, *filtered_keep = NULL;
	uint64_t filtered = 0;
	enum gs_kind kind;
	unsigned kinds;
	int code, by_state = 0, col = 0;

	cmd_input_init(&in, c);
	code = cmd_input_parse(&in, argc, argv, cmd_fold_opts, fold_option, &by_state);
	in.fold = GS_FOLD_WAITS; /* folded stacks show counts, no ids (model.h: fold_repeats) */
	if (code == CMD_CONTINUE)
		code = cmd_input_load(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	m = in.m;
	value = in.value;
	/* one class of kinds, as summary reads them (kinds.h) */
	kinds = kinds_use(m, kinds_pick(m, 1), "fold");
	if (kinds == 0) {
		code = EXIT_INPUT;
		goto out;
	}
	kind = kinds_result(m, kinds);
	code = kinds_value(c, kind, value, &col);
	if (code != 0)
		goto out;
	code = CMD_CONTINUE;
	if (kinds_are_goroutines(kinds)) {
		keep = cmd_input_keep(&in, kinds, &filtered);
		fold_goroutines(&fold, m, keep, by_state);
	} else {
		if (by_state)
			notef("--by-state: %s profiles have no states", gs_kind_name(kind));
		filtered_keep = filter_samples(&in.filter, m, &filtered);
		keep = kinds_keep_samples(m, kinds, filtered_keep);
		fold_samples(&fold, m, keep, col, !in.raw,
		             gs_family_column(gs_kind_family(kind), col)->word);
	}
	fold_print(&fold, stdout);
	fold_free(&fold);
out:
	free(keep);
	free(filtered_keep);
	return cmd_input_finish(&in, code);
}
