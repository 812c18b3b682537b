/* cmd_show.c - `gostacks show`: the groups of summary with their member ids and a whole
 * representative stack, all of them or the ones picked by --group N or --where FILE:LINE.
 */
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
#include "select/kinds.h"

#define DEFAULT_BY "state,wait,where"

enum { OPT_GROUP = 256, OPT_WHERE, OPT_ALL };

const struct opts_row cmd_show_opts[] = {
	FILTER_OPTIONS,
	OPTS_VALUE("group", 0, OPT_GROUP, "N", "only the Nth group of the summary order"),
	OPTS_VALUE("where", 0, OPT_WHERE, "FILE:LINE",
	           "only the groups blocked there: the where frame's file ends\n"
	           "with FILE (at a '/') and its line is LINE, e.g.\n"
	           "balancer_conn_wrappers.go:115"),
	OPTS_FLAG("all", 0, OPT_ALL, "every distinct stack of a group (not the first 5),\n"
	          "and every member's header line"),
	CMD_INPUT_BY("group key as in summary (default state,wait,where)"),
	CMD_INPUT_SORT("as in summary"),
	CMD_INPUT_FORMAT("json is the summary document of the groups shown; csv adds\n"
	                 "ids and stack columns"),
	/* the same --where, its other reading (show_option) */
	OPTS_VALUE("where", 0, OPT_WHERE, "user|runtime", "as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
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
	len = gs_intern_len(m->strings, f->file);
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

/* What show picks: the options of its own. */
struct show_opts {
	size_t group_no;         /* --group N, 0 none */
	const char *where_arg;   /* --where FILE:LINE, NULL none */
	struct place place;
	int all;
};

static int show_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct show_opts *so = ctx;

	switch (opt) {
	case OPT_GROUP:
		if (parse_group(arg, &so->group_no) != 0) {
			cli_usage_error(in->c, "--group '%s': a group number, 1 or more", arg);
			return EXIT_USAGE;
		}
		break;
	case OPT_WHERE:
		/* user|runtime choose how where is found, as in summary; FILE:LINE picks */
		if (where_parse_mode(arg, &in->wmode) == 0)
			break;
		if (parse_place(arg, &so->place) != 0) {
			cli_usage_error(in->c, "--where '%s': FILE:LINE (or runtime, user)", arg);
			return EXIT_USAGE;
		}
		so->where_arg = arg;
		break;
	case OPT_ALL:
		so->all = 1;
		break;
	}
	return CMD_CONTINUE;
}

static void show_as_report(struct report *rep, void *o)
{
	group_report(rep, o);
}

/* The summary document of the groups picked, in summary order. */
static void show_as_json(void *ctx, FILE *f)
{
	const struct group_report *o = ctx;
	struct render_ctx rc = *o->r;
	struct grouping sub = *rc.gr;
	size_t i;

	if (o->groups) {
		sub.groups = xmalloc((o->ngroups ? o->ngroups : 1) * sizeof *sub.groups);
		for (i = 0; i < o->ngroups; i++)
			sub.groups[i] = rc.gr->groups[o->groups[i]];
		sub.ngroups = o->ngroups;
		rc.gr = &sub;
	}
	json_summary(&rc, f);
	if (o->groups)
		free(sub.groups);
}

int cmd_show(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct show_opts so;
	struct grouping gr;
	struct render_ctx rc;
	struct group_report gro;
	struct answer a = { show_as_report, show_as_json, NULL, &gro };
	struct gs_model *m;
	struct gs_buf title = XBUF_INIT;
	unsigned char *keep = NULL;
	size_t *pick = NULL, npick = 0, i;
	uint64_t other = 0;
	unsigned kinds;
	int code;

	cmd_input_init(&in, c);
	memset(&so, 0, sizeof so);
	in.by = DEFAULT_BY;
	code = cmd_input_parse(&in, argc, argv, cmd_show_opts, show_option, &so);
	if (code == CMD_CONTINUE && so.group_no && so.where_arg) {
		cli_usage_error(c, "--group and --where FILE:LINE pick groups two ways: give one");
		code = EXIT_USAGE;
	}
	if (code == CMD_CONTINUE)
		code = cmd_input_load(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	m = in.m;
	kinds = kinds_pick(m, 1);
	if (!kinds_are_goroutines(kinds)) {
		if (kinds || m->worst < GS_ERROR)
			errorf(kinds ? "show groups goroutines: a heap, allocs, mutex or block profile "
			               "has none (use 'gostacks top')"
			             : "no goroutine dump found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	kinds_note_unread(m, kinds, "show");
	keep = cmd_input_keep(&in, kinds, &other);
	in.go.keep = keep;
	in.go.first_g = 0;
	in.go.ng = m->ngoroutines;
	if (gs_group(m, &in.go, &gr) != 0)
		die_oom();
	gr.filtered -= other; /* not read, rather than filtered out */

	if (so.group_no) {
		if (so.group_no > gr.ngroups) {
			errorf("no group %zu: there %s %zu", so.group_no, gr.ngroups == 1 ? "is" : "are",
			       gr.ngroups);
			code = EXIT_INPUT;
			gs_grouping_free(&gr);
			goto out;
		}
		pick = xmalloc(sizeof *pick);
		pick[npick++] = so.group_no - 1;
	}
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &in.go;
	rc.by = in.by;
	rc.kind = kinds_result(m, kinds);
	/* summary's order, the goroutine that failed first: --group N is the same group */
	group_sort(&rc, &gr, in.sort);
	rc.failed = render_failed_first(m, &gr);
	if (so.where_arg) {
		pick = xmalloc((gr.ngroups ? gr.ngroups : 1) * sizeof *pick);
		for (i = 0; i < gr.ngroups; i++) {
			struct group_info gi;

			render_group_info(&rc, &gr.groups[i], &gi);
			if (at_place(m, gi.where, &so.place))
				pick[npick++] = i;
		}
		if (npick == 0) {
			errorf("no group blocks at %s (see 'gostacks summary')", so.where_arg);
			code = EXIT_INPUT;
			gs_grouping_free(&gr);
			goto out;
		}
	}

	memset(&gro, 0, sizeof gro);
	gro.r = &rc;
	gro.keep = keep;
	gro.groups = pick;
	gro.ngroups = npick;
	gro.show = 1;
	gro.all = so.all;
	gs_buf_adds(&title, "show");
	for (i = 0; i < (size_t)in.nnames; i++)
		gs_buf_addf(&title, "%s %s", i ? "," : "", in.names[i]);
	gro.title = title.data;
	formats_print(in.format, &a, c, stdout);
	gs_grouping_free(&gr);
out:
	free(pick);
	free(keep);
	gs_buf_release(&title);
	return cmd_input_finish(&in, code);
}
