/* cmd_grep.c - `gostacks grep RE SOURCE...`: whole goroutines (or profile records) whose
 * header, frames or labels match, as their normalised text, with grep's exit status.
 *
 * Streams: each source goes through stream.h into the record splitter (records.h) and each
 * record is matched and printed or dropped at once, so memory does not grow with the input.
 * The pattern is matched line by line against the record's lines (header, function and
 * file lines, "created by", labels), after the filters (filter.h) kept the record.
 *
 * A large plain file is read on two threads (split.h): the second reads from a goroutine
 * header near the middle with a regex and filter of its own and holds its output (up to
 * GREP_HOLD bytes), printed after the first half when the first reader stopped between two
 * goroutines; else, or past GREP_HOLD, the first thread reads the second half itself.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_input.h"
#include "filter.h"
#include "msg.h"
#include "records.h"
#include "regex.h"
#include "render.h"
#include "source.h"
#include "split.h"
#include "stream.h"
#include "term.h"

/* grep's exit status: a line selected, none, an error */
#define GREP_FOUND 0
#define GREP_NONE 1
#define GREP_ERROR 2

#define GREP_HOLD ((size_t)32 << 20) /* output the second thread may hold back */

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
	const char *pattern;
	int count_only, names_only, color, prefix;
	int hold;               /* the second thread's: output kept in out, not printed */
	int over;               /* ... and it passed GREP_HOLD: dropped */
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
	if (g->hold) {
		g->over = g->out.len > GREP_HOLD;
		return g->over; /* past it the first thread reads this part again */
	}
	render_flush(&g->out, stdout, 0);
	return 0;
}

static int feed(void *ctx, const void *data, size_t len)
{
	return gs_records_feed(ctx, data, len);
}

/* The second thread: its part, then the records' last one. */
static void *part_thread(void *arg)
{
	struct split_part *p = arg;

	split_part_read(p);
	if (!p->stopped && !p->err && gs_records_finish(p->ctx) != 0)
		p->stopped = 1;
	return NULL;
}

/* The two-thread read of a file split_plan chose. 0, or -1 after a read error. */
static int grep_split(struct grep *g, const char *name, int fd, off_t cut)
{
	struct grep g2 = *g;
	struct filter f2;
	struct split_part a, b;
	pthread_t th;
	char err[512];
	int fd2 = split_reopen(name, fd), have_f2 = 0, have_re2 = 0, two = 0;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	buf_init(&g2.out, 0);
	a.fd = fd;
	a.to = cut;
	a.feed = feed;
	a.ctx = gs_records_new(on_record, g);
	a.chunk = xmalloc(SOURCE_CHUNK);
	if (fd2 >= 0) {
		have_f2 = filter_clone(&f2, g->f, err, sizeof err) == 0;
		have_re2 = have_f2 && regex_compile(&g2.re, g->pattern, g->f->re_flags, "pattern",
		                                    err, sizeof err) == 0;
	}
	if (have_re2) {
		g2.f = &f2;
		g2.hold = 1;
		g2.total = g2.selected = 0;
		b.fd = fd2;
		b.from = cut;
		b.to = -1;
		b.feed = feed;
		b.ctx = gs_records_new(on_record, &g2);
		b.chunk = xmalloc(SOURCE_CHUNK);
		if (b.ctx == NULL)
			die_oom();
		two = pthread_create(&th, NULL, part_thread, &b) == 0;
	}
	if (a.ctx == NULL)
		die_oom();
	split_part_read(&a);
	if (two) {
		pthread_join(th, NULL);
		if (!a.stopped && !a.err && a.from == cut && !b.err && !g2.over &&
		    gs_records_at_boundary(a.ctx)) {
			/* what one reader would have printed after the first half */
			if (g->total && g2.out.len && !g->count_only)
				buf_addch(&g->out, '\n');
			buf_add(&g->out, g2.out.data, g2.out.len);
			g->total += g2.total;
			g->selected += g2.selected;
			render_flush(&g->out, stdout, 0);
			a.stopped = 1; /* done: nothing left to read or finish */
		}
	}
	if (!a.stopped && !a.err) {
		a.to = -1;
		split_part_read(&a);
		if (!a.stopped && !a.err && gs_records_finish(a.ctx) < 0)
			die_oom();
	}
	if (a.err)
		errorf("%s: %s", name, strerror(a.err));
	gs_records_free(b.ctx);
	free(b.chunk);
	if (have_re2)
		regex_free(&g2.re);
	if (have_f2)
		filter_free(&f2);
	buf_release(&g2.out);
	if (fd2 >= 0)
		close(fd2);
	gs_records_free(a.ctx);
	free(a.chunk);
	close(fd);
	return a.err ? -1 : 0;
}

/* 0 when read, -1 on an error (printed). */
static int grep_source(struct grep *g, const char *name)
{
	struct gs_records *r;
	struct stream_to to;
	off_t size, cut;
	int rc, fd;

	g->name = name;
	g->selected = 0;
	if (!g->names_only && split_plan(name, &fd, &size, &cut)) {
		rc = grep_split(g, name, fd, cut);
	} else {
		r = gs_records_new(on_record, g);
		if (r == NULL)
			die_oom();
		to.bytes = feed;
		to.begin = NULL;
		to.ctx = r;
		to.gzip = 0;
		rc = stream_source(name, &to);
		if (rc == 0 && gs_records_finish(r) < 0)
			die_oom();
		gs_records_free(r);
	}
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
	g.pattern = pattern;
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
