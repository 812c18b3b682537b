/* cmd_grep.c - `gostacks grep RE SOURCE...`: whole goroutines (or profile records) whose
 * header, frames or labels match, as their normalised text, with grep's exit status.
 *
 * Streams: each source goes through stream.h into the record splitter (records.h) and each
 * record is matched and printed or dropped at once, so memory does not grow with the input.
 * The pattern is matched line by line against the record's lines (header, function and
 * file lines, "created by", labels), after the filters (filter.h) kept the record.
 *
 * A large plain file is read on two threads (split.h): each piece after the first has a
 * reader of its own (the second thread's with a regex and filter of its own) and holds its
 * output (its share of GREP_HOLD bytes), printed in order when the reader going on stopped
 * between two records and adopts the piece's reader (gs_records_adopt); else, past its
 * share, or when the piece skipped a record (its warning is said by the reader going on, with
 * its line), the reader going on reads the piece itself.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "select/filter.h"
#include "outputs/msg.h"
#include "parser.h"
#include "records.h"
#include "select/regex.h"
#include "reports/render.h"
#include "input/split.h"
#include "input/stream.h"
#include "outputs/term.h"

/* grep's exit status: a line selected, none, an error */
#define GREP_FOUND 0
#define GREP_NONE 1
#define GREP_ERROR 2

#define GREP_HOLD ((size_t)32 << 20) /* output the pieces may hold back, together */

const struct opts_row cmd_grep_opts[] = {
	FILTER_OPTIONS,
	OPTS_FLAG("count", 'c', 'c', "print how many records match (per SOURCE: NAME:COUNT)"),
	OPTS_FLAG("files-with-matches", 'l', 'l', "print the names of the SOURCEs with a match"),
	/* the filters' -i, which grep's RE follows too */
	OPTS_FLAG("ignore-case", 'i', 'i', "RE and the filters' patterns ignore case"),
	CMD_INPUT_COLOR_WITH("highlight the matches: auto (default), always or never"),
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
};

struct grep {
	struct filter *f;
	struct regex re;
	const char *pattern;
	int count_only, names_only, color, prefix;
	size_t hold;            /* a piece's: output kept in out up to this, not printed */
	int skipped;            /* a piece's: a record was skipped (its warning not said) */
	const char *name;       /* the source being read */
	uint64_t selected;      /* records of this source printed or counted */
	uint64_t total;         /* over all sources */
	struct gs_buf out;
};

/* One line of a record, s[0..n) without its "\n", escaped, matches highlighted when
 * colouring. */
static void print_line(struct grep *g, const char *s, size_t n)
{
	size_t pos = 0, start, end;

	if (g->prefix) {
		term_escape(&g->out, g->name, strlen(g->name));
		gs_buf_addch(&g->out, ':');
	}
	while (g->color && pos <= n && regex_find(&g->re, s, n, pos, &start, &end)) {
		if (end == start) {
			/* an empty match highlights nothing; step over one byte */
			if (start >= n)
				break;
			term_escape_tabs(&g->out, s + pos, start + 1 - pos);
			pos = start + 1;
			continue;
		}
		term_escape_tabs(&g->out, s + pos, start - pos);
		gs_buf_adds(&g->out, TERM_BOLD TERM_RED);
		term_escape_tabs(&g->out, s + start, end - start);
		gs_buf_adds(&g->out, TERM_RESET);
		pos = end;
	}
	if (pos < n)
		term_escape_tabs(&g->out, s + pos, n - pos);
	gs_buf_addch(&g->out, '\n');
}

static int on_record(void *ctx, const struct gs_record *r)
{
	struct grep *g = ctx;
	const char *p, *end, *nl;

	if (!filter_record(g->f, r))
		return 0;
	if (!regex_match_lines(&g->re, r->text, r->text_len))
		return 0;
	g->selected++;
	g->total++;
	if (g->names_only) {
		term_escape(&g->out, g->name, strlen(g->name));
		gs_buf_addch(&g->out, '\n');
		return 1; /* one match is enough: stop reading this source */
	}
	if (g->count_only)
		return 0;
	if (g->total > 1)
		gs_buf_addch(&g->out, '\n');
	for (p = r->text, end = r->text + r->text_len; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		print_line(g, p, (size_t)(nl - p));
	}
	if (r->flags & GS_RECORD_CUT) {
		if (g->prefix) {
			term_escape(&g->out, g->name, strlen(g->name));
			gs_buf_addch(&g->out, ':');
		}
		gs_buf_adds(&g->out, "...record longer than 4 MiB: the rest is not shown...\n");
	}
	if (g->hold)
		return g->out.len > g->hold; /* past it the reader going on reads the piece again */
	render_flush(&g->out, stdout, 0);
	return 0;
}

/* A goroutine or record the parser skips is no record for grep: said as summary says it. */
static void on_skip(void *ctx, uint64_t line, const char *why, const char *near, size_t nlen)
{
	struct grep *g = ctx;

	if (g->hold) {
		g->skipped = 1; /* a piece's: the reader going on reads it again, and says it */
		return;
	}
	fflush(stdout);
	msg_print_diag(g->name, line, GS_WARNING, why, strlen(why), near, nlen);
}

/* A record reader for g: records are printed from their text; frames only when the
 * filters look at them. */
static struct gs_records *new_records(struct grep *g)
{
	struct gs_records *r = gs_records_new(on_record, g);

	if (r == NULL)
		die_oom();
	gs_records_on_skip(r, on_skip, g);
	gs_records_without_lines(r);
	if (!filter_reads_frames(g->f))
		gs_records_without_frames(r);
	return r;
}

static int feed(void *ctx, const void *data, size_t len)
{
	return gs_records_feed(ctx, data, len);
}

/* A stream's first bytes held until they show text, by the parser's rule: binary input
 * (/dev/urandom, a core file) stops there with one error instead of being read for ever. */
struct probe {
	struct gs_records *r;
	const char *name;
	char head[GS_BINARY_PROBE];
	size_t n;
	int decided, binary;
};

static int probe_decide(struct probe *pr)
{
	const char *what = gs_binary_kind(pr->head, pr->n);

	pr->decided = 1;
	if (what) {
		pr->binary = 1;
		errorf_at(pr->name, "input is %s, not a text dump: not searched", what);
		return 1;
	}
	return gs_records_feed(pr->r, pr->head, pr->n);
}

static int probe_feed(void *ctx, const void *data, size_t len)
{
	struct probe *pr = ctx;
	size_t take;

	if (!pr->decided) {
		take = sizeof pr->head - pr->n < len ? sizeof pr->head - pr->n : len;
		memcpy(pr->head + pr->n, data, take);
		pr->n += take;
		data = (const char *)data + take;
		len -= take;
		if (pr->n < sizeof pr->head)
			return 0;
		if (probe_decide(pr) != 0)
			return 1;
	}
	return len ? gs_records_feed(pr->r, data, len) : 0;
}

/* ---- a large file in pieces (split.h) ---- */

struct grep_piece {
	struct gs_records *rr;
	struct grep g;          /* its thread's regex and filter; its own output, held */
	int bad;                /* read error, short read, or past its share: read it again */
};

struct grep_run {
	struct grep *g;             /* the one that prints */
	struct gs_records *main;    /* the reader going on: g's, or a taken piece's */
	const struct split_plan *pl;
	struct grep base[SPLIT_THREADS]; /* per thread; a helper's has a regex and filter of its
	                                    own */
	struct filter f[SPLIT_THREADS];  /* the helpers' filters (f[0] unused: g's) */
	/* per thread: a reader that holds what its last piece's reader learned of bodies, for
	 * its next one (the main thread's first piece takes the main reader's) */
	struct gs_records *learned[SPLIT_THREADS];
	int main_handed;
	int helpers;                     /* base[1 .. helpers] compiled */
	int err;                    /* errno of a read of the reader going on */
	struct grep_piece pc[SPLIT_PIECES];
};

static void grep_read(void *ctx, int i, int who, int fd, char *chunk)
{
	struct grep_run *run = ctx;
	struct grep_piece *pc = &run->pc[i];
	int err;

	pc->g = run->base[who];
	xbuf_init(&pc->g.out);
	pc->g.total = pc->g.selected = 0;
	pc->g.skipped = 0;
	pc->g.hold = (size_t)((double)GREP_HOLD * split_share(run->pl, i)) + 1;
	pc->rr = new_records(&pc->g);
	if (who == 0 && !run->main_handed) {
		run->main_handed = 1;
		gs_records_hand_on(pc->rr, run->main);
	} else if (run->learned[who]) {
		gs_records_hand_on(pc->rr, run->learned[who]);
	}
	pc->bad = split_read_piece(run->pl, i, fd, feed, pc->rr, chunk, &err) != 0 ||
	          (i == run->pl->k - 1 && gs_records_finish(pc->rr) != 0);
	/* it waits for the main reader: what it learned goes to the thread's next piece */
	if (run->learned[who] == NULL)
		run->learned[who] = gs_records_new(on_record, NULL);
	if (run->learned[who])
		gs_records_hand_on(run->learned[who], pc->rr);
	else
		gs_records_idle(pc->rr);
}

static void grep_drop(struct grep_piece *pc)
{
	gs_records_free(pc->rr);
	pc->rr = NULL;
	gs_buf_release(&pc->g.out);
}

static int grep_take(void *ctx, int i, int read, int fd, char *chunk)
{
	struct grep_run *run = ctx;
	struct grep_piece *pc = &run->pc[i];
	struct grep *g = run->g;
	int rc;

	if (read && !pc->bad && !pc->g.skipped && gs_records_adopt(run->main, pc->rr)) {
		/* what one reader would have printed next; the main reader goes on from the
		 * piece's */
		if (g->total && pc->g.out.len && !g->count_only)
			gs_buf_addch(&g->out, '\n');
		gs_buf_add(&g->out, pc->g.out.data, pc->g.out.len);
		g->total += pc->g.total;
		g->selected += pc->g.selected;
		render_flush(&g->out, stdout, 0);
		grep_drop(pc);
		return 0;
	}
	grep_drop(pc);
	rc = split_read_piece(run->pl, i, fd, feed, run->main, chunk, &run->err);
	if (rc == 0 && i == run->pl->k - 1 && gs_records_finish(run->main) < 0)
		die_oom();
	return rc != 0 ? -1 : 1;
}

static void helpers_free(struct grep_run *run)
{
	for (; run->helpers > 0; run->helpers--) {
		regex_free(&run->base[run->helpers].re);
		filter_free(&run->f[run->helpers]);
	}
}

/* The threaded read of a file split_plan cut. 0, or -1 after a read error; 1 when a
 * helper's regex or filter could not be had (nothing read: read it in one). */
static int grep_split(struct grep *g, const char *name, int fd, const struct split_plan *pl)
{
	struct grep_run *run = xcalloc(1, sizeof(*run));
	struct split_ops ops;
	char err[512];
	int i, rc;

	run->g = g;
	run->pl = pl;
	run->base[0] = *g; /* this thread's pieces use its regex and filter, one at a time */
	for (i = 1; i < pl->threads; i++) {
		run->base[i] = *g;
		if (filter_clone(&run->f[i], g->f, err, sizeof err) != 0)
			break;
		run->base[i].f = &run->f[i];
		if (regex_compile(&run->base[i].re, g->pattern, g->f->re_flags, "pattern", err,
		                  sizeof err) != 0) {
			filter_free(&run->f[i]);
			break;
		}
		run->helpers = i;
	}
	if (i < pl->threads) {
		helpers_free(run);
		free(run);
		close(fd);
		return 1;
	}
	run->main = new_records(g);
	ops.ctx = run;
	ops.read = grep_read;
	ops.take = grep_take;
	split_run(name, fd, pl, &ops);
	for (i = 1; i < pl->k; i++)
		grep_drop(&run->pc[i]);
	for (i = 0; i < SPLIT_THREADS; i++)
		gs_records_free(run->learned[i]);
	gs_records_free(run->main);
	helpers_free(run);
	if (run->err)
		errorf_at(name, "%s", strerror(run->err));
	rc = run->err ? -1 : 0;
	free(run);
	return rc;
}

/* 0 when read, -1 on an error (printed). */
static int grep_source(struct grep *g, const struct source_opts *src, const char *name)
{
	struct gs_records *r;
	struct stream_to to;
	struct split_plan pl;
	int rc = 1, fd;

	g->name = name;
	g->selected = 0;
	if (!g->names_only && split_plan(src, name, &fd, &pl))
		rc = grep_split(g, name, fd, &pl);
	if (rc == 1) {
		struct probe pr;

		r = new_records(g);
		memset(&pr, 0, sizeof pr);
		pr.r = r;
		pr.name = name;
		to.bytes = probe_feed;
		to.begin = NULL;
		to.ctx = &pr;
		to.gzip = 0;
		rc = stream_source(src, name, &to);
		/* shorter than the probe: decided at its end (1 is a record's "enough") */
		if (rc == 0 && !pr.decided && probe_decide(&pr) < 0)
			die_oom();
		if (pr.binary)
			rc = -1;
		if (rc == 0 && gs_records_finish(r) < 0)
			die_oom();
		gs_records_free(r);
	}
	if (g->count_only) {
		if (g->prefix) {
			term_escape(&g->out, name, strlen(name));
			gs_buf_addch(&g->out, ':');
		}
		gs_buf_addf(&g->out, "%" PRIu64 "\n", g->selected);
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

	c->write_error = GREP_ERROR; /* grep's: 2 for any error */
	cmd_input_init(&in, c);
	memset(&g, 0, sizeof g);
	xbuf_init(&g.out);
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
		if (grep_source(&g, &in.src, in.names[i]) != 0)
			errors++;
	render_flush(&g.out, stdout, 1);
	code = errors ? GREP_ERROR : g.total ? GREP_FOUND : GREP_NONE;
	if (fflush(stdout) != 0)
		code = GREP_ERROR;
	regex_free(&g.re);
out:
	gs_buf_release(&g.out);
	return cmd_input_finish(&in, code);
}
