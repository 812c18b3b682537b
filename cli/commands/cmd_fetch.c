/* cmd_fetch.c - `gostacks fetch`: profiles from many hosts at once, saved atomically.
 *
 * Each reply is written to DIR/.NAME.XXXXXX as it streams in and renamed to
 * DIR/HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt when it is complete and looked like a profile;
 * a failed, cut or interrupted transfer leaves nothing. An existing file is never replaced
 * without --force: checked before the transfer and again at the rename, which cannot
 * clobber (renameat2 RENAME_NOREPLACE, or link + unlink where that is not supported).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/input_opts.h"
#include "net/amount.h"
#include "net/fetch.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"

#define EXIT_INTERRUPTED 130

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
};

/* One file being saved in a round. */
struct save {
	char *path;     /* DIR/NAME */
	char *tmp;      /* DIR/.NAME.XXXXXX once the first byte came */
	int fd;
};

struct fetch_run_state {
	const char *dir;
	int force;
	mode_t mode;            /* 0666 less the umask */
	size_t round, rounds;   /* rounds 0: until interrupted */
	size_t ndone, nfailed, njobs;
	uint64_t bytes;         /* of this round's saved files */
};

static int save_body(struct fetch_job *j, const char *data, size_t len)
{
	struct save *s = j->ud;
	struct gs_buf tmp = XBUF_INIT;
	const char *slash;
	ssize_t w;

	if (s->fd < 0) {
		/* DIR/.NAME.XXXXXX: the same directory, so the rename cannot cross devices */
		slash = strrchr(s->path, '/');
		slash = slash ? slash + 1 : s->path;
		if (gs_buf_add(&tmp, s->path, (size_t)(slash - s->path)) != 0 ||
		    gs_buf_addf(&tmp, ".%s.XXXXXX", slash) != 0)
			die_oom();
		s->fd = mkstemp(tmp.data);
		if (s->fd < 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", tmp.data, strerror(errno));
			gs_buf_release(&tmp);
			return -1;
		}
		s->tmp = gs_buf_detach(&tmp, NULL);
	}
	while (len > 0) {
		w = write(s->fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", s->tmp, strerror(errno));
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Into place without replacing anything: RENAME_NOREPLACE, or link + unlink on file
 * systems without it. 0, or -1 with errno (EEXIST: somebody else's file is there). */
static int place_noreplace(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
	if (link(tmp, path) != 0)
		return -1;
	unlink(tmp);
	return 0;
}

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
	struct save *s = j->ud;
	int rc;

	if (j->ok && s->fd < 0)
		j->ok = 0; /* cannot happen: a profile has bytes */
	if (j->ok) {
		rc = fchmod(s->fd, st->mode) == 0 && fsync(s->fd) == 0 ? 0 : -1;
		if (close(s->fd) != 0)
			rc = -1;
		s->fd = -1;
		if (rc != 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", s->tmp, strerror(errno));
			j->ok = 0;
		} else if (st->force ? rename(s->tmp, s->path) : place_noreplace(s->tmp, s->path)) {
			if (errno == EEXIST)
				snprintf(j->why, sizeof j->why,
				         "%s appeared during the transfer; kept it (--force replaces)",
				         s->path);
			else
				snprintf(j->why, sizeof j->why, "%s: %s", s->path, strerror(errno));
			j->ok = 0;
		}
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->tmp && !j->ok)
		unlink(s->tmp);
	if (j->ok) {
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

static char *join_path(const char *dir, const char *name)
{
	struct gs_buf b = XBUF_INIT;

	if (strcmp(dir, ".") == 0) {
		if (gs_buf_adds(&b, name) != 0)
			die_oom();
	} else if (gs_buf_addf(&b, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name) != 0) {
		die_oom();
	}
	return gs_buf_detach(&b, NULL);
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
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (gs_buf_add(&text, chunk, n) != 0)
			die_oom();
	rc = ferror(f) ? -1 : 0;
	if (rc != 0)
		errorf_at(file, "%s", strerror(errno));
	if (f != stdin)
		fclose(f);
	if (rc == 0 && fetch_targets_parse(t, text.data, text.len, file, why, sizeof why) != 0) {
		errorf("%s", why);
		rc = -1;
	}
	gs_buf_release(&text);
	return rc;
}

static int ensure_dir(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		errorf_at(dir, "not a directory");
		return -1;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		errorf_at(dir, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* One round: every target once. Returns how many failed; adds to *bytes. */
static size_t run_round(const struct fetch_opts *o, struct target *targets, size_t n,
                        struct fetch_run_state *st, uint64_t *bytes)
{
	struct fetch_job *jobs = xcalloc(n, sizeof *jobs);
	struct save *saves = xcalloc(n, sizeof *saves);
	struct gs_buf name = XBUF_INIT;
	struct stat sb;
	time_t now = time(NULL);
	size_t i, nrun = 0, failed = 0;

	st->ndone = st->nfailed = 0;
	st->njobs = n;
	st->bytes = 0;
	for (i = 0; i < n; i++) {
		if (fetch_file_name(targets[i].url, targets[i].profile, now, &name) != 0)
			die_oom(); /* the URL was checked when the targets were read */
		saves[nrun].fd = -1;
		saves[nrun].path = join_path(st->dir, name.data);
		if (!st->force && lstat(saves[nrun].path, &sb) == 0) {
			errorf_at(targets[i].label, "%s exists; not fetched (--force replaces)",
			       saves[nrun].path);
			free(saves[nrun].path);
			failed++;
			st->ndone++;
			st->nfailed++;
			continue;
		}
		jobs[nrun].url = targets[i].url;
		jobs[nrun].label = targets[i].label;
		jobs[nrun].on_body = save_body;
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
		free(saves[i].path);
		free(saves[i].tmp);
	}
	*bytes += st->bytes;
	gs_buf_release(&name);
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
	const char *dir = ".", *hosts = NULL;
	char why[512], label[64], *end;
	long every_ms = 0, count = 0, parallel;
	long long start_ms, t0;
	uint64_t bytes = 0;
	size_t i, j, n, round, fetched = 0, failed = 0, tried = 0, round_failed;
	int opt, code, taken, rc;
	mode_t mask;

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
		n++;
	}
	gs_buf_release(&url);
	gs_buf_release(&word);
	if (ensure_dir(dir) != 0) {
		code = EXIT_INPUT;
		goto out;
	}
	mask = umask(0);
	umask(mask);
	st.mode = 0666 & ~mask;
	st.dir = dir;
	st.rounds = every_ms ? (size_t)count : 1;
	fetch_catch_signals();

	t0 = start_ms = fetch_now_ms();
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
		if (fetch_sleep_until(start_ms + (long long)round * every_ms) != 0)
			break;
	}
	infof("%sfetched %zu of %zu, %zu failed, %llu bytes in %.1f s",
	      st.rounds != 1 ? "total: " : "", fetched, tried, failed,
	      (unsigned long long)bytes, (double)(fetch_now_ms() - t0) / 1000.0);
	if (fetch_interrupted()) {
		infof("interrupted (%s); complete files kept, partial ones removed",
		      fetch_interrupted() == SIGINT ? "SIGINT" : "SIGTERM");
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
