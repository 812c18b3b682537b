/* cmd_watch.c - `gostacks watch SOURCE`: a live host as a `top` of its goroutine groups.
 *
 * Every --every a sample: the SOURCE read again into a model of its own (its last dump
 * of goroutines), grouped by --by, kept only as its groups (watch_history.h) and the
 * model freed, so memory follows the number of groups, not of goroutines or samples. On
 * a terminal the table is redrawn on the alternate screen (screen.h) and keys steer it:
 * q quits, p pauses, s cycles the sort; a resize redraws. Elsewhere (a pipe, a file) one
 * block is printed per sample. With -o DIR each fetched sample is also saved as fetch
 * saves it (fetch_save.h), then read from that file.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "input/source.h"
#include "net/amount.h"
#include "net/fetch.h"
#include "net/fetch_save.h"
#include "net/fetch_target.h"
#include "net/pace.h"
#include "outputs/msg.h"
#include "outputs/report_text.h"
#include "outputs/screen.h"
#include "outputs/term.h"
#include "reports/keys.h"
#include "reports/watch_history.h"
#include "reports/watch_report.h"
#include "select/filter.h"
#include "select/kinds.h"

#define DEFAULT_BY "state,where"
#define DEFAULT_EVERY "5s"
#define DEFAULT_MIN_RISE 5
#define EXIT_INTERRUPTED 130

enum { OPT_EVERY = 256, OPT_COUNT, OPT_SORT, OPT_MIN_RISE, OPT_OUTPUT = 'o' };

const struct opts_row cmd_watch_opts[] = {
	OPTS_VALUE("every", 0, OPT_EVERY, "DUR", "take a sample every DUR (default 5s, 1s or more)"),
	OPTS_VALUE("count", 0, OPT_COUNT, "N", "stop after N samples (default: until q or Ctrl-C)"),
	OPTS_VALUE("output", 'o', OPT_OUTPUT, "DIR",
	           "also save every fetched sample in DIR, as fetch saves it"),
	OPTS_VALUE("sort", 0, OPT_SORT, "KEY",
	           "growth (default: since the first sample), count or wait;\n"
	           "the s key cycles them"),
	OPTS_VALUE("min-rise", 0, OPT_MIN_RISE, "N",
	           "smallest rise that makes a leak suspect, as in trend\n"
	           "(default 5)"),
	CMD_INPUT_BY("group key as in summary (default state,where)"),
	CMD_INPUT_WHERE("as in summary"),
	CMD_INPUT_SKIP("as in summary"),
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	INPUT_URL_PROSE,
	OPTS_HELP,
	FILTER_OPTIONS,
	OPTS_END
};

/* This invocation's own options. */
struct watch_opts {
	const char *every;
	long every_ms;
	long count;              /* 0: until q or interrupted */
	const char *dir;         /* -o */
	struct watch_view view;
};

static int watch_option(struct cmd_input *in, int opt, const char *arg, void *ctx)
{
	struct watch_opts *o = ctx;
	char *end;
	long long n;

	switch (opt) {
	case OPT_EVERY:
		if (amount_parse_duration(arg, &o->every_ms) != 0 || o->every_ms < 1000) {
			cli_usage_error(in->c, "bad --every '%s' (a duration of 1s or more: 5s, 1m)", arg);
			return EXIT_USAGE;
		}
		o->every = arg;
		return CMD_CONTINUE;
	case OPT_COUNT:
		o->count = strtol(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || o->count < 1 || o->count > 1000000) {
			cli_usage_error(in->c, "bad --count '%s' (1 or more)", arg);
			return EXIT_USAGE;
		}
		return CMD_CONTINUE;
	case OPT_OUTPUT:
		o->dir = arg;
		return CMD_CONTINUE;
	case OPT_SORT:
		if (watch_sort_parse(arg, &o->view.sort) != 0) {
			cli_usage_error(in->c, "unknown --sort '%s' (growth, count or wait)", arg);
			return EXIT_USAGE;
		}
		return CMD_CONTINUE;
	case OPT_MIN_RISE:
		n = strtoll(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end || n < 0) {
			cli_usage_error(in->c, "--min-rise '%s': expected a whole number", arg);
			return EXIT_USAGE;
		}
		o->view.min_rise = (int64_t)n;
		return CMD_CONTINUE;
	default:
		cli_usage_error(in->c, "bad option");
		return EXIT_USAGE;
	}
}

/* One run of the watch. */
struct watcher {
	struct cmd_input *in;
	struct watch_opts *o;
	const char *source;
	char *url, *profile;     /* -o: what to fetch, the -p word of the file names */
	mode_t mode;
	struct watch_history h;
	int screen;              /* redrawn on the terminal, else printed per sample */
	int paused;
	uint64_t failed;         /* samples that could not be taken */
	int diags_shown;         /* the model's diagnostics are printed once */
};

/* -o: the sample fetched and saved like fetch's; its path, or NULL after the message. */
static char *fetch_and_save(struct watcher *w)
{
	struct fetch_save save;
	struct fetch_job job;
	char *path = NULL;

	fetch_save_init(&save, w->o->dir, w->url, time(NULL));
	if (fetch_save_exists(&save)) {
		errorf_at(w->source, "%s exists; sample not taken", save.path);
		fetch_save_free(&save);
		return NULL;
	}
	memset(&job, 0, sizeof job);
	job.url = w->url;
	job.label = w->source;
	job.on_body = fetch_save_body;
	job.ud = &save;
	fetch_run(&w->in->src.net, &job, 1, NULL, NULL);
	if (fetch_save_finish(&save, &job, w->mode, 0) == 0) {
		path = save.path;
		save.path = NULL;
	} else if (!job.interrupted) {
		errorf_at(w->source, "%s", job.why);
	}
	fetch_save_free(&save);
	return path;
}

/* The last dump of goroutines in m, or -1. */
static long last_goroutine_dump(const struct gs_model *m, unsigned kinds)
{
	uint32_t i;

	for (i = m->ndumps; i > 0; i--)
		if (kinds & KIND_BIT(m->dumps[i - 1].kind))
			return (long)(i - 1);
	return -1;
}

/* One sample into the history: 0, -1 after the message, or NOT_GOROUTINES when the SOURCE
 * gave a profile of another kind (no use asking again). */
#define NOT_GOROUTINES (-2)
static int take_sample(struct watcher *w)
{
	struct cmd_input *in = w->in;
	struct gs_model *m = gs_model_new();
	struct source_info info;
	struct group_opts go = in->go;
	struct grouping gr;
	unsigned char *keep;
	uint64_t filtered;
	char *saved = NULL, err[512];
	unsigned kinds;
	long d;
	int rc = -1;

	if (m == NULL)
		die_oom();
	if (w->o->dir) {
		saved = fetch_and_save(w);
		if (saved == NULL)
			goto out;
	}
	if (source_read(&in->src, m, saved ? saved : w->source, &info) != 0 && m->ndumps == 0)
		goto out;
	if (!w->diags_shown) {
		msg_print_diags(m);
		w->diags_shown = 1;
	}
	kinds = kinds_pick(m, 1);
	d = kinds && kinds_are_goroutines(kinds) ? last_goroutine_dump(m, kinds) : -1;
	if (d < 0) {
		errorf_at(w->source, "no goroutine dump to watch (%s)",
		          m->ndumps ? "watch shows goroutines: try summary for profiles" : "nothing read");
		if (m->ndumps)
			rc = NOT_GOROUTINES;
		goto out;
	}
	/* --by again: a label:KEY is interned in each sample's model */
	if (keys_parse_by(in->by, m, &go.keys, &go.label_key, err, sizeof err) != 0) {
		errorf("%s", err);
		goto out;
	}
	keep = filter_goroutines(&in->filter, m, &filtered);
	go.first_g = m->dumps[d].first_g;
	go.ng = m->dumps[d].ng;
	go.keep = keep;
	if (gs_group(m, &go, &gr) != 0)
		die_oom();
	watch_history_add(&w->h, m, &gr, &go, (double)time(NULL));
	gs_grouping_free(&gr);
	free(keep);
	rc = 0;
out:
	if (rc != 0)
		w->failed++;
	free(saved);
	gs_model_free(m);
	return rc;
}

/* The report of the history now, as text for the terminal (cut to rows and cols) or
 * for a pipe (whole). */
static void render(struct watcher *w, int rows, int cols, int color, struct gs_buf *out)
{
	struct report r;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	/* two lines, a blank, the header above the rows; "... more" and two rows below */
	w->o->view.max_rows = rows > 7 ? (size_t)(rows - 7) : 1;
	if (!w->screen)
		w->o->view.max_rows = 0;
	report_init(&r, REPORT_TERMINAL);
	r.color = color;
	watch_report(&r, &w->h, &w->o->view);
	/* code cells shorten to fit the screen, or the terminal a pipe ends in ($COLUMNS) */
	if (!w->in->c->wide)
		r.width = w->screen ? (size_t)cols : term_columns(1);
	f = open_memstream(&text, &len);
	if (f == NULL)
		die_oom();
	report_print_text(&r, f);
	if (fclose(f) != 0)
		die_oom();
	gs_buf_add(out, text, len);
	free(text);
	report_free(&r);
}

static void draw(struct watcher *w, const char *doing)
{
	struct gs_buf body = XBUF_INIT, status = XBUF_INIT, msg = XBUF_INIT;
	int rows, cols;

	screen_size(&rows, &cols);
	if (w->h.n)
		render(w, rows, cols, term_want_color(w->in->c->color, 1), &body);
	else
		gs_buf_addf(&body, "gostacks watch %s: taking the first sample...\n", w->source);
	gs_buf_addf(&status, " q quit  p %s  s sort: %s  |  every %s", w->paused ? "resume" : "pause",
	            watch_sort_word(w->o->view.sort), w->o->every);
	if (w->paused)
		gs_buf_adds(&status, "  |  PAUSED");
	if (doing)
		gs_buf_addf(&status, "  |  %s", doing);
	screen_last_message(&msg);
	screen_draw(body.data, body.len, msg.data, status.data);
	gs_buf_release(&body);
	gs_buf_release(&status);
	gs_buf_release(&msg);
}

/* A pipe or a file: the sample's block, then a blank line. */
static void print_block(struct watcher *w)
{
	struct gs_buf body = XBUF_INIT;

	render(w, 0, 0, term_want_color(w->in->c->color, 1), &body);
	fwrite(body.data, 1, body.len, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	gs_buf_release(&body);
}

/* Waits for the next sample, at due_ms; on the terminal, handles keys meanwhile.
 * 1: take it, 0: quit. */
static int wait_next(struct watcher *w, struct pace *p)
{
	long long left;
	int key;

	if (!w->screen)
		return fetch_sleep_until(p->due_ms) == 0;
	for (;;) {
		if (fetch_interrupted())
			return 0;
		left = p->due_ms - fetch_now_ms();
		if (!w->paused && left <= 0)
			return 1;
		key = screen_key(w->paused || left > 250 ? 250 : (int)left);
		switch (key) {
		case 'q':
		case 'Q':
			return 0;
		case 'p':
		case 'P':
		case ' ':
			w->paused = !w->paused;
			/* back from a pause the next sample is taken at once */
			if (!w->paused)
				pace_start(p, w->o->every_ms, fetch_now_ms());
			draw(w, NULL);
			break;
		case 's':
		case 'S':
			w->o->view.sort = (enum watch_sort)((w->o->view.sort + 1) % WATCH_NSORTS);
			draw(w, NULL);
			break;
		case SCREEN_RESIZED:
		case 'l' & 0x1f: /* ^L */
			draw(w, NULL);
			break;
		default:
			break;
		}
	}
}

static int run(struct watcher *w)
{
	struct pace p;
	long long over;
	uint64_t samples = 0;
	int taken = 0, ok, rc;

	fetch_catch_signals();
	w->screen = term_isatty(1) && screen_enter() == 0;
	pace_start(&p, w->o->every_ms, fetch_now_ms());
	for (;;) {
		if (w->screen) {
			/* the message line tells of the latest sample, not of an old one */
			screen_forget_messages();
			draw(w, "sampling...");
		}
		rc = take_sample(w);
		ok = rc == 0;
		taken += ok;
		samples++;
		if (fetch_interrupted() || (rc == NOT_GOROUTINES && !taken))
			break;
		if (w->screen)
			draw(w, NULL);
		else if (ok)
			print_block(w);
		if (w->o->count && samples >= (uint64_t)w->o->count)
			break;
		over = pace_next(&p, fetch_now_ms());
		if (over)
			warnf("sample %llu overran --every %s by %.1f s: the next starts now",
			      (unsigned long long)samples, w->o->every, (double)over / 1000.0);
		if (!wait_next(w, &p))
			break;
	}
	screen_leave();
	if (fetch_interrupted())
		return EXIT_INTERRUPTED;
	return taken ? EXIT_OK : EXIT_INPUT;
}

/* -o: the URL of the SOURCE and its -p word (the file names'); -1 after the usage error. */
static int plan_saving(struct watcher *w)
{
	struct gs_buf url = XBUF_INIT, word = XBUF_INIT;
	char why[512];
	struct stat st;

	/* host:port names a file when one exists (source.h) */
	if (!fetch_is_url(w->source) &&
	    !(fetch_is_hostport(w->source) && stat(w->source, &st) != 0)) {
		cli_usage_error(w->in->c, "-o saves fetched samples: '%s' is not a URL or host:port",
		                w->source);
		return -1;
	}
	if (fetch_target_url(w->source, w->in->src.net.profile, &url, why, sizeof why) != 0) {
		cli_usage_error(w->in->c, "%s", why);
		gs_buf_release(&url);
		return -1;
	}
	fetch_url_profile(url.data, &word);
	w->url = gs_buf_detach(&url, NULL);
	w->profile = gs_buf_detach(&word, NULL);
	w->mode = fetch_save_mode();
	return 0;
}

int cmd_watch(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct watch_opts o;
	struct watcher w;
	int code;

	cmd_input_init(&in, c);
	memset(&o, 0, sizeof o);
	memset(&w, 0, sizeof w);
	in.by = DEFAULT_BY;
	o.every = DEFAULT_EVERY;
	o.every_ms = 5000;
	o.view.min_rise = DEFAULT_MIN_RISE;
	code = cmd_input_parse(&in, argc, argv, cmd_watch_opts, watch_option, &o);
	if (code != CMD_CONTINUE)
		goto out;
	code = cmd_input_sources(&in, argc, argv, optind);
	if (code != CMD_CONTINUE)
		goto out;
	if (in.nnames != 1 || strcmp(in.names[0], "-") == 0) {
		cli_usage_error(c, in.nnames != 1 ? "watch takes one SOURCE"
		                                  : "watch reads its SOURCE again and again: not stdin");
		code = EXIT_USAGE;
		goto out;
	}
	code = cmd_input_model(&in); /* checks --by, --where and --skip once */
	if (code != CMD_CONTINUE)
		goto out;
	w.in = &in;
	w.o = &o;
	w.source = in.names[0];
	o.view.source = w.source;
	o.view.every = o.every;
	if (o.dir && plan_saving(&w) != 0) {
		code = EXIT_USAGE;
		goto out;
	}
	if (o.dir && fetch_save_dir(o.dir) != 0) {
		code = EXIT_INPUT;
		goto out;
	}
	watch_history_init(&w.h);
	code = run(&w);
	watch_history_free(&w.h);
out:
	free(w.url);
	free(w.profile);
	return cmd_input_finish(&in, code);
}
