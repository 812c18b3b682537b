/* cmd_fold.c - `gostacks fold`: folded stacks for flame graph tools (fold.h). */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "filter.h"
#include "fold.h"
#include "kinds.h"
#include "msg.h"
#include "source.h"

enum { OPT_VALUE = 256, OPT_BY_STATE, OPT_RAW, OPT_STRICT };

static const struct option fold_options[] = {
	FILTER_LONG_OPTIONS,
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "by-state", no_argument, NULL, OPT_BY_STATE },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The filter's keep (NULL: all) without the samples of dumps of other kinds. */
static unsigned char *samples_of(const struct gs_model *m, unsigned kinds, unsigned char *keep)
{
	size_t i;

	if (keep == NULL) {
		keep = xmalloc(m->nsamples ? m->nsamples : 1);
		memset(keep, 1, m->nsamples);
	}
	for (i = 0; i < m->nsamples; i++)
		if (!(KIND_BIT(m->dumps[m->samples[i].dump].kind) & kinds))
			keep[i] = 0;
	return keep;
}

int cmd_fold(int argc, char **argv, struct cli *c)
{
	const char *value = NULL;
	struct filter flt;
	struct fold fold;
	struct gs_model *m;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	char err[512];
	unsigned char *keep = NULL;
	uint64_t filtered = 0;
	enum gs_kind kind;
	unsigned kinds;
	int opt, nnames, failed, code, by_state = 0, raw = 0, col = 0;

	filter_init(&flt);
	optind = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "h" FILTER_SHORT_OPTIONS, fold_options, NULL);
		if (opt == -1)
			break;
		switch (filter_option(&flt, opt, optarg, err, sizeof err)) {
		case 1:
			continue;
		case -1:
			cli_usage_error(c, "%s", err);
			filter_free(&flt);
			return EXIT_USAGE;
		default:
			break;
		}
		switch (opt) {
		case OPT_VALUE:
			value = optarg;
			break;
		case OPT_BY_STATE:
			by_state = 1;
			break;
		case OPT_RAW:
			raw = 1;
			break;
		case OPT_STRICT:
			c->strict = 1;
			break;
		case 'h':
			cli_help(c, stdout);
			filter_free(&flt);
			return EXIT_OK;
		default:
			cli_usage_error(c, "bad option");
			filter_free(&flt);
			return EXIT_USAGE;
		}
	}
	if (filter_compile(&flt, err, sizeof err) != 0) {
		cli_usage_error(c, "%s", err);
		filter_free(&flt);
		return EXIT_USAGE;
	}
	names = argv + optind;
	nnames = argc - optind;
	if (nnames == 0) {
		if (term_isatty(STDIN_FILENO)) {
			cli_usage_error(c, "no SOURCE given and stdin is a terminal");
			filter_free(&flt);
			return EXIT_USAGE;
		}
		names = stdin_only;
		nnames = 1;
	}

	m = gs_model_new();
	if (m == NULL)
		die_oom();
	failed = source_read_all(m, names, nnames, NULL);
	msg_print_diags(m);
	code = EXIT_OK;
	if (failed == nnames) {
		code = EXIT_INPUT;
		goto out;
	}
	/* one class of kinds, as summary reads them (kinds.h) */
	kinds = kinds_pick(m, 1);
	if (kinds == 0) {
		errorf("no goroutine dump or profile found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	kinds_note_unread(m, kinds, "fold");
	kind = kinds_result(m, kinds);
	if (kinds & (KINDS_GOROUTINE | KIND_BIT(GS_KIND_THREADCREATE))) {
		unsigned char *by_filter;

		if (value) {
			cli_usage_error(c, "--value is for heap, allocs, mutex and block profiles; "
			                   "goroutine dumps fold goroutines");
			code = EXIT_USAGE;
			goto out;
		}
		by_filter = filter_goroutines(&flt, m, &filtered);
		keep = kinds_keep(m, kinds, by_filter, &filtered);
		if (keep)
			free(by_filter);
		else
			keep = by_filter;
		fold_goroutines(&fold, m, keep, by_state);
	} else {
		if (value == NULL)
			value = fold_default_value(kind);
		if (fold_value(value, kind, &col) != 0) {
			cli_usage_error(c, "--value '%s' does not apply to a %s profile (%s)", value,
			                gs_kind_name(kind), fold_value_names(kind));
			code = EXIT_USAGE;
			goto out;
		}
		if (by_state)
			notef("--by-state: %s profiles have no states", gs_kind_name(kind));
		keep = samples_of(m, kinds, filter_samples(&flt, m, &filtered));
		fold_samples(&fold, m, keep, col, !raw, value);
	}
	fold_print(&fold, stdout);
	fold_free(&fold);
	code = msg_exit_code(m, failed > 0, c->strict);
out:
	free(keep);
	filter_free(&flt);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
