/* cmd_check.c - `gostacks check`: parse only; what was detected, counts, diagnostics. */
#include <getopt.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "msg.h"
#include "render.h"
#include "render_json.h"
#include "render_text.h"
#include "source.h"

enum { OPT_FORMAT = 256, OPT_STRICT };

static const struct option check_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_check(int argc, char **argv, struct cli *c)
{
	enum out_format format = FORMAT_TEXT;
	struct render_ctx rc;
	struct group_opts go;
	struct gs_model *m;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	char **detected = NULL;
	int opt, nnames, failed, code;

	optind = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "h", check_options, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case OPT_FORMAT:
			if (cli_parse_format(optarg, &format) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STRICT:
			c->strict = 1;
			break;
		case 'h':
			cli_help(c, stdout);
			return EXIT_OK;
		default:
			cli_usage_error(c, "bad option");
			return EXIT_USAGE;
		}
	}
	names = argv + optind;
	nnames = argc - optind;
	if (nnames == 0) {
		if (term_isatty(STDIN_FILENO)) {
			cli_usage_error(c, "no SOURCE given and stdin is a terminal");
			return EXIT_USAGE;
		}
		names = stdin_only;
		nnames = 1;
	}
	m = gs_model_new();
	if (m == NULL)
		die_oom();
	failed = source_read_all(m, names, nnames, &detected);
	msg_print_diags(m);

	memset(&go, 0, sizeof go);
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.go = &go;
	rc.detected = detected;
	if (format == FORMAT_JSON)
		render_json_check(&rc, stdout);
	else
		render_text_check(&rc, stdout);
	/* nothing usable: no source read, or no dump found in any */
	code = msg_exit_code(m, failed > 0 || m->ndumps == 0, c->strict);
	source_free_detected(detected, m->nsources);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
