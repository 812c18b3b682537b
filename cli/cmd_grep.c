/* cmd_grep.c - `gostacks grep RE SOURCE...`: whole goroutines (or profile records) whose
 * header, frames or labels match, as their normalised text, with grep's exit status.
 *
 * Streams: each source goes through stream.h into the record splitter (records.h) and each
 * record is matched and printed or dropped at once, so memory does not grow with the input.
 * The pattern is matched line by line against the record's lines (header, function and
 * file lines, "created by", labels), after the filters (filter.h) kept the record.
 */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_input.h"
#include "filter.h"
#include "msg.h"
#include "records.h"
#include "regex.h"
#include "render.h"
#include "stream.h"
#include "term.h"

/* grep's exit status: a line selected, none, an error */
#define GREP_FOUND 0
#define GREP_NONE 1
#define GREP_ERROR 2

const struct opts_row cmd_grep_opts[] = {
	FILTER_OPTIONS,
	OPTS_FLAG("count", 'c', 'c', "print how many records match (per SOURCE: NAME:COUNT)"),
	OPTS_FLAG("files-with-matches", 'l', 'l', "print the names of the SOURCEs with a match"),
	/* the filters' -i, which grep's RE follows too */
	OPTS_FLAG("ignore-case", 'i', 'i', "RE and the filters' patterns ignore case"),
	CMD_INPUT_COLOR_WITH("highlight the matches: auto (default), always or never"),
	OPTS_HELP,
	OPTS_END
};

struct grep {
	struct filter *f;
	struct regex re;
	int count_only, names_only, color, prefix;
	const char *name;       /* the source being read */
	uint64_t selected;      /* records of this source printed or counted */
	uint64_t total;         /* over all sources */
	struct buf out;
};

static int line_matches(struct grep *g, const struct gs_record_line *l)
{
	return regex_match(&g->re, l->text, l->len);
}

/* One line, escaped, matches highlighted when colouring. */
static void print_line(struct grep *g, const struct gs_record_line *l)
{
	size_t pos = 0, start, end;

	if (g->prefix) {
		term_escape(&g->out, g->name, strlen(g->name));
		buf_addch(&g->out, ':');
	}
	while (g->color && pos <= l->len && regex_find(&g->re, l->text, l->len, pos, &start, &end)) {
		if (end == start) {
			/* an empty match highlights nothing; step over one byte */
			if (start >= l->len)
				break;
			term_escape_tabs(&g->out, l->text + pos, start + 1 - pos);
			pos = start + 1;
			continue;
		}
		term_escape_tabs(&g->out, l->text + pos, start - pos);
		buf_adds(&g->out, TERM_BOLD TERM_RED);
		term_escape_tabs(&g->out, l->text + start, end - start);
		buf_adds(&g->out, TERM_RESET);
		pos = end;
	}
	if (pos < l->len)
		term_escape_tabs(&g->out, l->text + pos, l->len - pos);
	buf_addch(&g->out, '\n');
}

static int on_record(void *ctx, const struct gs_record *r)
{
	struct grep *g = ctx;
	size_t i;
	int hit = 0;

	if (!filter_record(g->f, r))
		return 0;
	for (i = 0; i < r->nlines && !hit; i++)
		hit = line_matches(g, &r->lines[i]);
	if (!hit)
		return 0;
	g->selected++;
	g->total++;
	if (g->names_only) {
		term_escape(&g->out, g->name, strlen(g->name));
		buf_addch(&g->out, '\n');
		return 1; /* one match is enough: stop reading this source */
	}
	if (g->count_only)
		return 0;
	if (g->total > 1)
		buf_addch(&g->out, '\n');
	for (i = 0; i < r->nlines; i++)
		print_line(g, &r->lines[i]);
	if (r->flags & GS_RECORD_CUT) {
		if (g->prefix) {
			term_escape(&g->out, g->name, strlen(g->name));
			buf_addch(&g->out, ':');
		}
		buf_adds(&g->out, "...record longer than 4 MiB: the rest is not shown...\n");
	}
	render_flush(&g->out, stdout, 0);
	return 0;
}

static int feed(void *ctx, const void *data, size_t len)
{
	return gs_records_feed(ctx, data, len);
}

/* 0 when read, -1 on an error (printed). */
static int grep_source(struct grep *g, const char *name)
{
	struct gs_records *r = gs_records_new(on_record, g);
	struct stream_to to = { feed, NULL, r, 0 };
	int rc;

	if (r == NULL)
		die_oom();
	g->name = name;
	g->selected = 0;
	rc = stream_source(name, &to);
	if (rc == 0 && gs_records_finish(r) < 0)
		die_oom();
	gs_records_free(r);
	if (g->count_only) {
		if (g->prefix) {
			term_escape(&g->out, name, strlen(name));
			buf_addch(&g->out, ':');
		}
		buf_addf(&g->out, "%" PRIu64 "\n", g->selected);
	}
	render_flush(&g->out, stdout, 0);
	return rc;
}

static int grep_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct grep *g = ctx;

	if (opt == 'c')
		g->count_only = 1;
	else
		g->names_only = 1; /* -l */
	return CMD_CONTINUE;
}

/* Usage errors exit GREP_ERROR, which is EXIT_USAGE. */
int cmd_grep(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct grep g;
	char err[512];
	const char *pattern;
	int i, errors = 0, code;

	cmd_input_init(&in, c);
	memset(&g, 0, sizeof g);
	buf_init(&g.out, 0);
	g.f = &in.filter;
	code = cmd_input_parse(&in, argc, argv, cmd_grep_opts, grep_option, &g);
	if (code != CMD_CONTINUE)
		goto out;
	if (optind >= argc) {
		cli_usage_error(c, "no pattern given");
		code = GREP_ERROR;
		goto out;
	}
	pattern = argv[optind++];
	code = cmd_input_sources(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	if (regex_compile(&g.re, pattern, in.filter.re_flags, "pattern", err, sizeof err) != 0) {
		cli_usage_error(c, "%s", err);
		code = GREP_ERROR;
		goto out;
	}
	if (g.names_only)
		g.count_only = 0; /* as grep: -l wins */
	g.color = !g.count_only && !g.names_only && term_want_color(c->color, STDOUT_FILENO);
	g.prefix = in.nnames > 1;
	for (i = 0; i < in.nnames; i++)
		if (grep_source(&g, in.names[i]) != 0)
			errors++;
	render_flush(&g.out, stdout, 1);
	code = errors ? GREP_ERROR : g.total ? GREP_FOUND : GREP_NONE;
	if (fflush(stdout) != 0)
		code = GREP_ERROR;
	regex_free(&g.re);
out:
	buf_release(&g.out);
	return cmd_input_finish(&in, code);
}
