/* cmd_fetch.c - `gostacks fetch`: profiles from many hosts at once, saved atomically
 * (fetch_save.h) as DIR/HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt, once or every DUR.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands/cli.h"
#include "commands/input_opts.h"
#include "net/amount.h"
#include "net/fetch.h"
#include "net/fetch_save.h"
#include "net/fetch_target.h"
#include "net/pace.h"
#include "outputs/msg.h"

#define EXIT_INTERRUPTED 130
/* A hosts file of a hundred thousand targets is a few MiB; -f /dev/zero must not take the
 * machine's memory. */
#define HOSTS_FILE_MAX (16 << 20)

enum { OPT_EVERY = 256, OPT_COUNT, OPT_PARALLEL, OPT_FORCE };

const struct opts_row cmd_fetch_opts[] = {
	OPTS_VALUE("output", 'o', 'o', "DIR", "where to save (default .; created if missing)"),
	OPTS_VALUE("file", 'f', 'f', "FILE",
	           "more TARGETs, one a line ('#' comments, blank lines ignored)"),
	OPTS_VALUE("every", 0, OPT_EVERY, "DUR",
	           "fetch again every DUR (1s or more), until --count rounds\n"
	           "or Ctrl-C"),
	OPTS_VALUE("count", 0, OPT_COUNT, "N", "rounds with --every"),
	OPTS_VALUE("parallel", 0, OPT_PARALLEL, "N", "transfers at once (default 16)"),
	OPTS_FLAG("force", 0, OPT_FORCE, "replace existing files"),
	INPUT_URL_OPTIONS('H', 0),
	OPTS_HELP,
	OPTS_TEXT("\nProxies: libcurl reads http_proxy, HTTPS_PROXY, ALL_PROXY and NO_PROXY; "
	          "pprof ports\nare often internal, so NO_PROXY may need them.\n"),
	OPTS_END
};

/* One target: its URL and -p word, the same in every round. */
struct target {
	const char *label;
	char *url;
	char *profile;
	enum gs_kind want;      /* the profile's kind by its -p word; UNKNOWN: any */
};

struct fetch_run_state {
	const char *dir;
	int force;
	mode_t mode;            /* 0666 less the umask */
	size_t round, rounds;   /* rounds 0: until interrupted */
	size_t ndone, nfailed, njobs;
	uint64_t bytes;         /* of this round's saved files */
};

/* "round 3/10", or "round 3" when the rounds go on until interrupted */
static void round_label(char *out, size_t size, size_t round, size_t rounds)
{
	if (rounds)
		snprintf(out, size, "round %zu/%zu", round, rounds);
	else
		snprintf(out, size, "round %zu", round);
}

static void save_done(struct fetch_job *j, void *ctx)
{
	char label[64];
	struct fetch_run_state *st = ctx;
	struct fetch_save *s = j->ud;

	if (fetch_save_finish(s, j, st->mode, st->force) == 0) {
		progress_clear(); /* stdout and stderr may share the terminal */
		printf("Saved profile in %s\n", s->path);
		fflush(stdout);
		st->bytes += j->bytes;
	} else {
		st->nfailed++;
	}
	st->ndone++;
	round_label(label, sizeof label, st->round, st->rounds);
	progressf("%s%s%zu/%zu done, %zu failed, %llu bytes", st->rounds == 1 ? "" : label,
	          st->rounds == 1 ? "" : ": ", st->ndone, st->njobs, st->nfailed,
	          (unsigned long long)st->bytes);
}

static int read_hosts_file(const char *file, struct fetch_targets *t)
{
	struct gs_buf text = XBUF_INIT;
	char chunk[8192], why[512];
	FILE *f;
	size_t n;
	int rc;

	f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	if (f == NULL) {
		errorf_at(file, "%s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len <= HOSTS_FILE_MAX)
		if (gs_buf_add(&text, chunk, n) != 0)
			die_oom();
	rc = ferror(f) ? -1 : 0;
	if (rc != 0) {
		errorf_at(file, "%s", strerror(errno));
	} else if (text.len > HOSTS_FILE_MAX) {
		errorf_at(file, "larger than %d MiB: not a hosts file", HOSTS_FILE_MAX >> 20);
		rc = -1;
	}
	if (f != stdin)
		fclose(f);
	if (rc == 0 && fetch_targets_parse(t, text.data, text.len, file, why, sizeof why) != 0) {
		errorf("%s", why);
		rc = -1;
	}
	gs_buf_release(&text);
	return rc;
}

/* One round: every target once. Returns how many failed; adds to *bytes. */
static size_t run_round(const struct fetch_opts *o, struct target *targets, size_t n,
                        struct fetch_run_state *st, uint64_t *bytes)
{
	struct fetch_job *jobs = xcalloc(n, sizeof *jobs);
	struct fetch_save *saves = xcalloc(n, sizeof *saves);
	time_t now = time(NULL);
	size_t i, nrun = 0, failed = 0;

	st->ndone = st->nfailed = 0;
	st->njobs = n;
	st->bytes = 0;
	for (i = 0; i < n; i++) {
		fetch_save_init(&saves[nrun], st->dir, targets[i].url, now);
		fetch_save_unique(&saves[nrun], saves, nrun);
		if (!st->force && fetch_save_exists(&saves[nrun])) {
			errorf_at(targets[i].label, "%s exists; not fetched (--force replaces)",
			       saves[nrun].path);
			fetch_save_free(&saves[nrun]);
			failed++;
			st->ndone++;
			st->nfailed++;
			continue;
		}
		jobs[nrun].url = targets[i].url;
		jobs[nrun].label = targets[i].label;
		jobs[nrun].on_body = fetch_save_body;
		jobs[nrun].check = 1; /* a 200 "Forbidden" or a login page is no profile */
		jobs[nrun].want = targets[i].want;
		jobs[nrun].ud = &saves[nrun];
		nrun++;
	}
	fetch_run(o, jobs, nrun, save_done, st);
	progress_clear();
	for (i = 0; i < nrun; i++) {
		if (!jobs[i].ok) {
			failed++;
			if (jobs[i].started)
				errorf_at(jobs[i].label, "%s", jobs[i].why);
		}
		fetch_save_free(&saves[i]);
	}
	*bytes += st->bytes;
	free(saves);
	free(jobs);
	return failed;
}

/* The command with this invocation's URL options, o; every return leaves o to the caller. */
static int fetch_main(struct fetch_opts *o, int argc, char **argv, struct cli *c)
{
	struct fetch_targets list;
	struct fetch_run_state st;
	struct opts_getopt g;
	struct target *targets;
	struct gs_buf url = XBUF_INIT, word = XBUF_INIT;
	const char *dir = ".", *hosts = NULL, *every = NULL;
	char why[512], label[64], *end;
	long every_ms = 0, count = 0, parallel;
	long long t0, over;
	struct pace pace;
	uint64_t bytes = 0;
	size_t i, j, n, round, fetched = 0, failed = 0, tried = 0, round_failed;
	int opt, code, taken, rc;

	memset(&st, 0, sizeof st);
	memset(&list, 0, sizeof list);
	opts_getopt(&g, cmd_fetch_opts, "");
	optind = 0;
	opterr = 0; /* cli_bad_option says it once */
	for (;;) {
		opt = getopt_long(argc, argv, g.shortopts, g.longopts, NULL);
		if (opt == -1)
			break;
		taken = fetch_option(o, opt, optarg, why, sizeof why);
		if (taken < 0) {
			cli_usage_error(c, "%s", why);
			return EXIT_USAGE;
		}
		if (taken > 0)
			continue;
		switch (opt) {
		case 'o':
			dir = optarg;
			break;
		case 'f':
			hosts = optarg;
			break;
		case OPT_EVERY:
			if (amount_parse_duration(optarg, &every_ms) != 0 || every_ms < 1000) {
				cli_usage_error(c, "bad --every '%s' (a duration of 1s or more: 30s, 5m, 1h)",
				                optarg);
				return EXIT_USAGE;
			}
			every = optarg;
			break;
		case OPT_COUNT:
			count = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || count < 1 || count > 1000000) {
				cli_usage_error(c, "bad --count '%s' (1 or more)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_PARALLEL:
			parallel = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || parallel < 1 || parallel > 1000) {
				cli_usage_error(c, "bad --parallel '%s' (1 to 1000)", optarg);
				return EXIT_USAGE;
			}
			o->parallel = (int)parallel;
			break;
		case OPT_FORCE:
			st.force = 1;
			break;
		case 'h':
			cli_help(c, cmd_fetch_opts, stdout);
			return EXIT_OK;
		default:
			cli_bad_option(c, cmd_fetch_opts, argv);
			return EXIT_USAGE;
		}
	}
	if (count > 1 && every_ms == 0) {
		cli_usage_error(c, "--count %ld needs --every (the time between rounds)", count);
		return EXIT_USAGE;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (fetch_target_url(argv[i], o->profile, &url, why, sizeof why) < 0) {
			cli_usage_error(c, "%s", why);
			fetch_targets_free(&list);
			gs_buf_release(&url);
			return EXIT_USAGE;
		}
		fetch_targets_add(&list, argv[i]);
	}
	if (hosts && read_hosts_file(hosts, &list) != 0) {
		fetch_targets_free(&list);
		gs_buf_release(&url);
		return EXIT_USAGE;
	}
	if (list.n == 0) {
		cli_usage_error(c, "no TARGET given (host:port or an http(s) URL; or -f FILE)");
		gs_buf_release(&url);
		return EXIT_USAGE;
	}

	/* resolve each target once; the same URL twice is fetched once */
	targets = xcalloc(list.n, sizeof *targets);
	n = 0;
	for (i = 0; i < list.n; i++) {
		rc = fetch_target_url(list.v[i], o->profile, &url, why, sizeof why);
		if (rc < 0)
			die_oom(); /* checked above */
		if (rc > 0)
			notef_at(list.v[i], "no ?debug= in the URL: asking for %s", url.data);
		for (j = 0; j < n && strcmp(targets[j].url, url.data) != 0; j++)
			;
		if (j < n) {
			notef_at(list.v[i], "listed twice; fetched once");
			continue;
		}
		fetch_url_profile(url.data, &word);
		targets[n].label = list.v[i];
		targets[n].url = xstrdup(url.data);
		targets[n].profile = xstrdup(word.data);
		targets[n].want = gs_kind_fetch_text(word.data);
		n++;
	}
	gs_buf_release(&url);
	gs_buf_release(&word);
	if (fetch_save_dir(dir) != 0) {
		code = EXIT_INPUT;
		goto out;
	}
	st.mode = fetch_save_mode();
	st.dir = dir;
	st.rounds = every_ms ? (size_t)count : 1;
	fetch_catch_signals();

	t0 = fetch_now_ms();
	pace_start(&pace, every_ms, t0);
	for (round = 1; st.rounds == 0 || round <= st.rounds; round++) {
		uint64_t round_bytes = 0;
		long long round_start = fetch_now_ms();

		st.round = round;
		round_failed = run_round(o, targets, n, &st, &round_bytes);
		progress_clear();
		bytes += round_bytes;
		tried += n;
		failed += round_failed;
		fetched += n - round_failed;
		if (fetch_interrupted())
			break;
		if (st.rounds != 1) {
			round_label(label, sizeof label, round, st.rounds);
			infof("%s: fetched %zu of %zu, %zu failed, %llu bytes in %.1f s", label,
			      n - round_failed, n, round_failed, (unsigned long long)round_bytes,
			      (double)(fetch_now_ms() - round_start) / 1000.0);
		}
		if (st.rounds != 0 && round == st.rounds)
			break;
		over = pace_next(&pace, fetch_now_ms());
		if (over)
			warnf("%s overran --every %s by %.1f s: the next round starts now", label,
			      every, (double)over / 1000.0);
		if (fetch_sleep_until(pace.due_ms) != 0)
			break;
	}
	infof("%sfetched %zu of %zu, %zu failed, %llu bytes in %.1f s",
	      st.rounds != 1 ? "total: " : "", fetched, tried, failed,
	      (unsigned long long)bytes, (double)(fetch_now_ms() - t0) / 1000.0);
	if (fetch_interrupted()) {
		infof("interrupted (%s); complete files kept, partial ones removed",
		      fetch_interrupted() == SIGINT ? "SIGINT" :
		      fetch_interrupted() == SIGHUP ? "SIGHUP" : "SIGTERM");
		code = EXIT_INTERRUPTED;
	} else {
		code = failed ? EXIT_INPUT : EXIT_OK;
	}
out:
	for (i = 0; i < n; i++) {
		free(targets[i].url);
		free(targets[i].profile);
	}
	free(targets);
	fetch_targets_free(&list);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
	return code;
}

int cmd_fetch(int argc, char **argv, struct cli *c)
{
	struct fetch_opts o;
	int code;

	fetch_opts_init(&o);
	code = fetch_main(&o, argc, argv, c);
	fetch_opts_free(&o);
	return code;
}
