/* cmd_show.c - `gostacks show`: the groups of summary with their member ids and a whole
 * representative stack, all of them or the ones picked by --group N or --where FILE:LINE.
 */
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
#include "source.h"
#include "where.h"

#define DEFAULT_BY "state,wait,where"

enum { OPT_BY = 256, OPT_GROUP, OPT_WHERE, OPT_SKIP, OPT_ALL, OPT_FORMAT, OPT_COLOR,
       OPT_STRICT };

static const struct option show_options[] = {
	FILTER_LONG_OPTIONS,
	{ "by", required_argument, NULL, OPT_BY },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* --where FILE:LINE */
struct place {
	const char *file;
	size_t len;
	uint32_t line;
};

/* "balancer_conn_wrappers.go:115" -> file and line; 0 or -1. */
static int parse_place(const char *s, struct place *p)
{
	const char *colon = strrchr(s, ':'), *d;
	unsigned long v = 0;

	if (colon == NULL || colon == s || colon[1] == '\0')
		return -1;
	for (d = colon + 1; *d; d++) {
		if (*d < '0' || *d > '9' || v > 100000000)
			return -1;
		v = v * 10 + (unsigned long)(*d - '0');
	}
	p->file = s;
	p->len = (size_t)(colon - s);
	p->line = (uint32_t)v;
	return 0;
}

/* The frame's file ends with the place's file at a path boundary, and the lines agree. */
static int at_place(const struct gs_model *m, uint32_t frame, const struct place *p)
{
	const struct gs_frame *f;
	const char *file;
	size_t len;

	if (frame == 0 || frame == RENDER_MIXED)
		return 0;
	f = &m->frames[frame];
	file = gs_str(m, f->file);
	len = intern_len(m->strings, f->file);
	if (f->line != p->line || len < p->len || memcmp(file + len - p->len, p->file, p->len) != 0)
		return 0;
	return len == p->len || file[len - p->len - 1] == '/' || p->file[0] == '/';
}

/* 1.. */
static int parse_group(const char *s, size_t *n)
{
	char *end;
	unsigned long v;

	if (*s < '1' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end != '\0')
		return -1;
	*n = v;
	return 0;
}

int cmd_show(int argc, char **argv, struct cli *c)
{
	const char *by = DEFAULT_BY, *skip = NULL, *err, *where_arg = NULL;
	enum out_format format = FORMAT_TEXT;
	enum where_mode wmode = WHERE_RUNTIME;
	struct where_opts wo;
	struct group_opts go;
	struct grouping gr;
	struct render_ctx rc;
	struct group_table_opts gto;
	struct filter flt;
	struct place place;
	struct gs_model *m;
	struct buf title = BUF_INIT;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	char errbuf[512];
	unsigned char *keep = NULL, *kept = NULL;
	size_t group_no = 0, *pick = NULL, npick = 0, i;
	uint64_t filtered = 0, other = 0;
	unsigned kinds;
	int opt, nnames, failed, code, all = 0;

	filter_init(&flt);
	memset(&place, 0, sizeof place);
	optind = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "h" FILTER_SHORT_OPTIONS, show_options, NULL);
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
			break;
		case OPT_GROUP:
			if (parse_group(optarg, &group_no) != 0) {
				cli_usage_error(c, "--group '%s': a group number, 1 or more", optarg);
				filter_free(&flt);
				return EXIT_USAGE;
			}
			break;
		case OPT_WHERE:
			/* runtime|user choose how where is found, as in summary; FILE:LINE picks */
			if (where_parse_mode(optarg, &wmode) == 0)
				break;
			if (parse_place(optarg, &place) != 0) {
				cli_usage_error(c, "--where '%s': FILE:LINE (or runtime, user)", optarg);
				filter_free(&flt);
				return EXIT_USAGE;
			}
			where_arg = optarg;
			break;
		case OPT_SKIP:
			skip = optarg;
			break;
		case OPT_ALL:
			all = 1;
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
		case OPT_COLOR:
			if (term_parse_color(optarg, &c->color) != 0) {
				cli_usage_error(c, "unknown --color '%s' (auto, always or never)", optarg);
				filter_free(&flt);
				return EXIT_USAGE;
			}
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
	if (group_no && where_arg) {
		cli_usage_error(c, "--group and --where FILE:LINE pick groups two ways: give one");
		filter_free(&flt);
		return EXIT_USAGE;
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
	kinds = kinds_pick(m, 1);
	if (!(kinds & (KINDS_GOROUTINE | KIND_BIT(GS_KIND_THREADCREATE)))) {
		errorf(kinds ? "show groups goroutines: a heap, allocs, mutex or block profile has "
		               "none (use 'gostacks top')"
		             : "no goroutine dump found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	kinds_note_unread(m, kinds, "show");
	keep = filter_goroutines(&flt, m, &filtered);
	kept = kinds_keep(m, kinds, keep, &other);
	go.keep = kept ? kept : keep;
	go.first_g = 0;
	go.ng = m->ngoroutines;
	if (gs_group(m, &go, &gr) != 0)
		die_oom();
	gr.filtered -= other; /* not read, rather than filtered out */

	if (group_no) {
		if (group_no > gr.ngroups) {
			errorf("no group %zu: there %s %zu", group_no, gr.ngroups == 1 ? "is" : "are",
			       gr.ngroups);
			code = EXIT_INPUT;
			gs_grouping_free(&gr);
			goto out;
		}
		pick = xmalloc(sizeof *pick);
		pick[npick++] = group_no - 1;
	}
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &go;
	rc.by = by;
	rc.kind = kinds_result(m, kinds);
	if (where_arg) {
		pick = xmalloc((gr.ngroups ? gr.ngroups : 1) * sizeof *pick);
		for (i = 0; i < gr.ngroups; i++) {
			struct group_info gi;

			render_group_info(&rc, &gr.groups[i], &gi);
			if (at_place(m, gi.where, &place))
				pick[npick++] = i;
		}
		if (npick == 0) {
			errorf("no group blocks at %s (see 'gostacks summary')", where_arg);
			code = EXIT_INPUT;
			gs_grouping_free(&gr);
			goto out;
		}
	}

	memset(&gto, 0, sizeof gto);
	gto.groups = pick;
	gto.ngroups = npick;
	gto.number = 1;
	gto.details = 1;
	gto.all = all;
	gto.open = 1;
	gto.ids_column = format == FORMAT_CSV;
	gto.stack_column = format == FORMAT_CSV;
	buf_adds(&title, "show");
	for (i = 0; i < (size_t)nnames; i++)
		buf_addf(&title, "%s %s", i ? "," : "", names[i]);
	gto.title = title.data;
	if (format == FORMAT_JSON) {
		struct grouping sub = gr;

		/* the summary document of the groups picked, in summary order */
		if (pick) {
			sub.groups = xmalloc(npick * sizeof *sub.groups);
			for (i = 0; i < npick; i++)
				sub.groups[i] = gr.groups[pick[i]];
			sub.ngroups = npick;
		}
		rc.gr = &sub;
		render_json_summary(&rc, stdout);
		if (pick)
			free(sub.groups);
	} else {
		rc.color = format == FORMAT_TEXT && term_want_color(c->color, STDOUT_FILENO);
		rc.tty = format == FORMAT_TEXT && term_isatty(STDOUT_FILENO);
		group_table_print(&rc, &gto, format, go.keep, stdout);
	}
	gs_grouping_free(&gr);
	code = msg_exit_code(m, failed > 0, c->strict);
out:
	free(pick);
	free(keep);
	free(kept);
	buf_release(&title);
	where_free(&wo);
	filter_free(&flt);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}
