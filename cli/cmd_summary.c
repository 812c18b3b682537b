/* cmd_summary.c - `gostacks summary`: goroutines grouped by state, wait and where. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "group.h"
#include "msg.h"
#include "render.h"
#include "render_json.h"
#include "render_text.h"
#include "source.h"
#include "where.h"

#define DEFAULT_BY "state,wait,where"

enum { OPT_BY = 256, OPT_FORMAT, OPT_WHERE, OPT_SKIP, OPT_STRICT, OPT_COLOR };

static const struct option summary_options[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int any_goroutine_dump(const struct gs_model *m)
{
	uint32_t i;

	for (i = 0; i < m->ndumps; i++)
		if (render_kind_is_goroutine(m->dumps[i].kind))
			return 1;
	return 0;
}

int cmd_summary(int argc, char **argv, struct cli *c)
{
	const char *by = DEFAULT_BY, *skip = NULL, *err;
	enum out_format format = FORMAT_TEXT;
	enum where_mode wmode = WHERE_RUNTIME;
	struct where_opts wo;
	struct group_opts go;
	struct grouping gr;
	struct render_ctx rc;
	struct gs_model *m;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	char errbuf[512];
	int opt, nnames, failed, code;

	optind = 0; /* glibc: a full reset, the optstring differs from main's */
	for (;;) {
		opt = getopt_long(argc, argv, "h", summary_options, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case OPT_BY:
			by = optarg;
			break;
		case OPT_FORMAT:
			if (cli_parse_format(optarg, &format) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_WHERE:
			if (where_parse_mode(optarg, &wmode) != 0) {
				cli_usage_error(c, "unknown --where '%s' (runtime or user)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_SKIP:
			skip = optarg;
			break;
		case OPT_STRICT:
			c->strict = 1;
			break;
		case OPT_COLOR:
			if (term_parse_color(optarg, &c->color) != 0) {
				cli_usage_error(c, "unknown --color '%s' (auto, always or never)", optarg);
				return EXIT_USAGE;
			}
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
	memset(&go, 0, sizeof go);
	if (gs_group_parse_by(by, m, &go, &err) != 0) {
		cli_usage_error(c, "%s", err);
		gs_model_free(m);
		return EXIT_USAGE;
	}
	if (where_init(&wo, wmode, skip, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		gs_model_free(m);
		return EXIT_USAGE;
	}
	go.where = where_frame;
	go.where_ctx = &wo;

	failed = source_read_all(m, names, nnames, NULL);
	msg_print_diags(m);
	if (failed == nnames) {
		code = EXIT_INPUT;
		goto out;
	}
	if (!any_goroutine_dump(m)) {
		errorf("no goroutine dump found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	go.first_g = 0;
	go.ng = m->ngoroutines;
	if (gs_group(m, &go, &gr) != 0)
		die_oom();

	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &go;
	rc.by = by;
	if (format == FORMAT_JSON) {
		render_json_summary(&rc, stdout);
	} else {
		rc.color = term_want_color(c->color, STDOUT_FILENO);
		rc.tty = term_isatty(STDOUT_FILENO);
		render_text_summary(&rc, stdout);
	}
	gs_grouping_free(&gr);
	code = msg_exit_code(m, failed > 0, c->strict);
out:
	where_free(&wo);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
