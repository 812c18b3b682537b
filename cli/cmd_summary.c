/* cmd_summary.c - `gostacks summary`: goroutines grouped by state, wait and where. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "filter.h"
#include "group.h"
#include "group_table.h"
#include "kinds.h"
#include "msg.h"
#include "render.h"
#include "render_json.h"
#include "render_text.h"
#include "source.h"
#include "summary_profile.h"
#include "where.h"

#define DEFAULT_BY "state,wait,where"

enum { OPT_BY = 256, OPT_FORMAT, OPT_WHERE, OPT_SKIP, OPT_STRICT, OPT_COLOR };

static const struct option summary_options[] = {
	FILTER_LONG_OPTIONS,
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
	struct filter flt;
	unsigned char *filter_kept = NULL;
	unsigned char *kinds_kept = NULL;
	uint64_t other_kinds = 0, filtered;
	unsigned kinds;
	int opt, nnames, failed, code, by_given = 0;

	filter_init(&flt);
	optind = 0; /* glibc: a full reset, the optstring differs from main's */
	for (;;) {
		opt = getopt_long(argc, argv, "h" FILTER_SHORT_OPTIONS, summary_options, NULL);
		if (opt == -1)
			break;
		switch (filter_option(&flt, opt, optarg, errbuf, sizeof errbuf)) {
		case 1:
			continue;
		case -1:
			cli_usage_error(c, "%s", errbuf);
			filter_free(&flt);
			return EXIT_USAGE;
		default:
			break;
		}
		switch (opt) {
		case OPT_BY:
			by = optarg;
			by_given = 1;
			break;
		case OPT_FORMAT:
			if (cli_parse_format_in(optarg, FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON) |
			                        FORMAT_BIT(FORMAT_MD) | FORMAT_BIT(FORMAT_CSV) |
			                        FORMAT_BIT(FORMAT_HTML), &format) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text, json, md, csv or html)",
				                optarg);
				filter_free(&flt);
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
			filter_free(&flt);
			return EXIT_OK;
		default:
			cli_usage_error(c, "bad option");
			filter_free(&flt);
			return EXIT_USAGE;
		}
	}
	if (filter_compile(&flt, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
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
	memset(&go, 0, sizeof go);
	if (gs_group_parse_by(by, m, &go, &err) != 0) {
		cli_usage_error(c, "%s", err);
		gs_model_free(m);
		filter_free(&flt);
		return EXIT_USAGE;
	}
	if (where_init(&wo, wmode, skip, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		gs_model_free(m);
		filter_free(&flt);
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
	/* one kind at a time (kinds.h); heap, allocs, mutex and block are sites, not groups */
	kinds = kinds_pick(m, 1);
	if (kinds == 0) {
		errorf("no goroutine dump or profile found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	kinds_note_unread(m, kinds, "summary");
	if (!(kinds & (KINDS_GOROUTINE | KIND_BIT(GS_KIND_THREADCREATE)))) {
		unsigned char *samples_kept = filter_samples(&flt, m, &filtered);

		code = summary_profile(m, kinds, by_given ? by : NULL, &wo, samples_kept, format, c);
		free(samples_kept);
		if (code == EXIT_OK)
			code = msg_exit_code(m, failed > 0, c->strict);
		goto out;
	}
	go.first_g = 0;
	go.ng = m->ngoroutines;
	filter_kept = filter_goroutines(&flt, m, &filtered); /* gs_group counts them again */
	go.keep = filter_kept;
	kinds_kept = kinds_keep(m, kinds, go.keep, &other_kinds);
	if (kinds_kept)
		go.keep = kinds_kept;
	if (gs_group(m, &go, &gr) != 0)
		die_oom();
	gr.filtered -= other_kinds; /* not read, rather than filtered out */

	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &go;
	rc.by = by;
	rc.kind = kinds_result(m, kinds);
	if (format == FORMAT_JSON) {
		render_json_summary(&rc, stdout);
	} else if (format != FORMAT_TEXT) {
		struct group_table_opts gto;

		/* md, csv, html: the neutral table (group_table.h), stacks as details */
		memset(&gto, 0, sizeof gto);
		gto.number = 1;
		gto.details = 1;
		gto.title = "summary";
		group_table_print(&rc, &gto, format, go.keep, stdout);
	} else {
		rc.color = term_want_color(c->color, STDOUT_FILENO);
		rc.tty = term_isatty(STDOUT_FILENO);
		render_text_summary(&rc, stdout);
	}
	gs_grouping_free(&gr);
	code = msg_exit_code(m, failed > 0, c->strict);
out:
	free(kinds_kept);
	free(filter_kept);
	filter_free(&flt);
	where_free(&wo);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
