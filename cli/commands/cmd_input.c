/* cmd_input.c - see cmd_input.h. */
#include "commands/cmd_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "select/kinds.h"
#include "reports/keys.h"
#include "reports/series.h"
#include "outputs/msg.h"
#include "input/source.h"
#include "outputs/term.h"
#include "outputs/budget.h"

void cmd_input_init(struct cmd_input *in, struct cli *c)
{
	memset(in, 0, sizeof *in);
	in->c = c;
	filter_init(&in->filter);
	source_opts_init(&in->src);
}

/* 1 when opt is a shared option (stored), 0 when it is not, -1 after a usage error. */
static int shared_option(struct cmd_input *in, int opt, const char *arg)
{
	struct cli *c = in->c;

	switch (opt) {
	case CMD_OPT_BY:
		in->by = arg;
		in->by_given = 1;
		return 1;
	case CMD_OPT_FORMAT:
		return cli_parse_format(c, arg, &in->format) == 0 ? 1 : -1;
	case CMD_OPT_VALUE:
		in->value = arg;
		return 1;
	case CMD_OPT_RAW:
		in->raw = 1;
		return 1;
	case CMD_OPT_WHERE:
		if (where_parse_mode(arg, &in->wmode) == 0)
			return 1;
		cli_usage_error(c, "unknown --where '%s' (runtime or user)", arg);
		return -1;
	case CMD_OPT_SKIP:
		in->skip = arg;
		return 1;
	case CMD_OPT_SORT: {
		struct gs_buf words = XBUF_INIT;

		if (group_sort_parse(arg, &in->sort) == 0)
			return 1;
		group_sort_words(&words);
		cli_usage_error(c, "unknown --sort '%s' (%s)", arg, words.data);
		gs_buf_release(&words);
		return -1;
	}
	case CMD_OPT_COLOR:
		if (term_parse_color(arg, &c->color) == 0)
			return 1;
		cli_usage_error(c, "unknown --color '%s' (auto, always or never)", arg);
		return -1;
	case CMD_OPT_STRICT:
		c->strict = 1;
		return 1;
	case CMD_OPT_WIDE:
		c->wide = 1;
		return 1;
	default:
		return 0;
	}
}

int cmd_input_parse(struct cmd_input *in, int argc, char **argv, const struct opts_row *opts,
                    cmd_option_fn own, void *ctx)
{
	struct opts_getopt g;
	char err[512];
	int opt, taken;

	opts_getopt(&g, opts, "");
	optind = 0; /* glibc: a full reset, the optstring differs from main's */
	opterr = 0; /* one message of ours (cli_bad_option), not getopt's and then ours */
	for (;;) {
		opt = getopt_long(argc, argv, g.shortopts, g.longopts, NULL);
		if (opt == -1)
			return CMD_CONTINUE;
		taken = filter_option(&in->filter, opt, optarg, err, sizeof err);
		if (taken == 0)
			taken = fetch_option(&in->src.net, opt, optarg, err, sizeof err);
		if (taken < 0)
			cli_usage_error(in->c, "%s", err);
		if (taken == 0)
			taken = shared_option(in, opt, optarg);
		if (taken < 0)
			return EXIT_USAGE;
		if (taken > 0)
			continue;
		if (opt == 'h') {
			cli_help(in->c, opts, stdout);
			return EXIT_OK;
		}
		if (opt == '?' || own == NULL) {
			cli_bad_option(in->c, opts, argv);
			return EXIT_USAGE;
		}
		taken = own(in, opt, optarg, ctx);
		if (taken != CMD_CONTINUE)
			return taken;
	}
}

int cmd_input_sources(struct cmd_input *in, int argc, char **argv, int first)
{
	static char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char err[512];

	if (filter_compile(&in->filter, err, sizeof err) != 0) {
		cli_usage_error(in->c, "%s", err);
		return EXIT_USAGE;
	}
	/* --leaked asks a live host for the dump the runtime marks leaks in: taking the
	 * goroutineleak profile runs the GC that proves them */
	if (in->filter.leaked && in->src.net.profile == NULL)
		in->src.net.profile = "goroutineleak";
	in->names = argv + first;
	in->nnames = argc - first;
	if (in->nnames == 0) {
		if (term_isatty(STDIN_FILENO)) {
			cli_usage_error(in->c, "no SOURCE given and stdin is a terminal");
			return EXIT_USAGE;
		}
		in->names = stdin_only;
		in->nnames = 1;
	}
	return CMD_CONTINUE;
}

int cmd_input_model(struct cmd_input *in)
{
	in->m = gs_model_new();
	if (in->m == NULL)
		die_oom();
	if (keys_setup(in->c, in->m, in->by, in->wmode, in->skip, &in->go, &in->wo) != 0)
		return EXIT_USAGE;
	in->m->fold_repeats = filter_fold(&in->filter, in->go.keys, in->fold);
	return CMD_CONTINUE;
}

int cmd_input_read(struct cmd_input *in, char ***detected)
{
	in->failed = source_read_all(&in->src, in->m, in->names, in->nnames, detected);
	budget_set(in->src.caps.max_bytes); /* what the reports add counts against it too */
	msg_print_diags(in->m);
	/* a source cut by an error (a cut .gz, a dropped connection) still shows what it held */
	return in->failed == in->nnames && in->m->ndumps == 0 ? EXIT_INPUT : CMD_CONTINUE;
}

int cmd_input_load(struct cmd_input *in, int argc, char **argv, int first)
{
	int code = cmd_input_sources(in, argc, argv, first);

	if (code == CMD_CONTINUE)
		code = cmd_input_model(in);
	if (code == CMD_CONTINUE)
		code = cmd_input_read(in, NULL);
	return code;
}

unsigned char *cmd_input_keep(struct cmd_input *in, unsigned kinds, uint64_t *other)
{
	uint64_t filtered;
	unsigned char *keep = filter_goroutines(&in->filter, in->m, &filtered);
	unsigned char *kept = kinds_keep(in->m, kinds, keep, other);

	if (kept == NULL)
		return keep;
	free(keep);
	return kept;
}

int cmd_input_finish(struct cmd_input *in, int code)
{
	if (code == CMD_CONTINUE)
		code = msg_exit_code(in->m, in->failed > 0, in->c->strict);
	filter_free(&in->filter);
	source_opts_free(&in->src);
	where_free(&in->wo);
	gs_model_free(in->m);
	memset(in, 0, sizeof *in);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}

void cmd_input_series(struct series_opts *o, struct cmd_input *in)
{
	memset(o, 0, sizeof *o);
	o->by = in->by;
	o->value = in->value;
	o->raw = in->raw;
	o->wmode = in->wmode;
	o->skip = in->skip;
	o->filter = &in->filter;
	o->src = &in->src;
	o->fold = in->fold;
}
