/* main.c - gostacks: global options, then one command from the table below.
 *
 * The table is the single list of commands: it drives dispatch, `gostacks --help`,
 * `gostacks help CMD` and `gostacks CMD --help`. A new command is one row.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <curl/curl.h>
#include <getopt.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cli.h"
#include "filter.h"
#include "msg.h"
#include "source.h"
#include "revision.h" /* build/revision.h: GS_REVISION, made by the Makefile */

#define SOURCE_HELP \
	"SOURCE is a path, - for stdin, a .gz file, an http:// or https:// URL, or host:port\n" \
	"(meaning http://host:port/debug/pprof/goroutine?debug=2). Without SOURCE, stdin is\n" \
	"read when it is not a terminal.\n" \
	URL_HELP

/* Every command takes these (source_take_options); fetch lists them in full. */
#define URL_HELP \
	"For URLs and host:port: -p PROFILE (goroutine, goroutine1, heap, allocs, mutex, block,\n" \
	"threadcreate) picks the path for a bare host; --timeout, --connect-timeout, --max-size,\n" \
	"--header, --insecure, --cacert, --proxy, --noproxy, --user-agent, --retry,\n" \
	"--low-speed-limit, --low-speed-time as in 'gostacks help fetch'.\n"

#define URL_OPTIONS_HELP \
	"  -p, --profile WORD    for a bare host:port or URL: goroutine (goroutine?debug=2,\n" \
	"                        the default), goroutine1 (goroutine?debug=1), heap, allocs,\n" \
	"                        mutex, block, threadcreate (WORD?debug=1)\n" \
	"  --timeout DUR         total time of one transfer (default 60s); DUR is 500ms, 30s,\n" \
	"                        5m, 1h or a number of seconds\n" \
	"  --connect-timeout DUR time to connect (default 5s)\n" \
	"  --max-size SIZE       largest reply, counted as it arrives (default 1G; 64k, 10M)\n" \
	"  -H, --header 'N: V'   an extra request header (repeatable)\n" \
	"  --insecure            do not verify TLS certificates (warns once)\n" \
	"  --cacert FILE         CA certificates to verify the server with\n" \
	"  --proxy URL           proxy to use (default: http_proxy, HTTPS_PROXY, ALL_PROXY)\n" \
	"  --noproxy LIST        hosts reached without the proxy (default: NO_PROXY)\n" \
	"  --user-agent TEXT     default gostacks/VERSION libcurl/VERSION\n" \
	"  --retry N             retry a failed connection N times, waiting 1s, 2s, 4s...\n" \
	"                        (never after an HTTP reply such as 404)\n" \
	"  --low-speed-limit B   a transfer under B bytes/s (default 1024) ...\n" \
	"  --low-speed-time DUR  ... for this long is stalled and stopped (default 15s, at\n" \
	"                        most half of --timeout)\n"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli *c);
	const char *help;   /* one line for the command list */
	const char *usage;  /* first line: the short usage shown with usage errors */
};

static const struct command commands[] = {
	{ "summary", cmd_summary, "group goroutines by state, wait and blocking line",
	  "usage: gostacks summary [--by SPEC] [--format FORMAT] [--where runtime|user]\n"
	  "                        [--skip REGEX] [FILTERS] [--color WHEN] [--strict] [SOURCE...]\n"
	  "\n"
	  "Groups the goroutines of all SOURCEs together: one row per group with the count,\n"
	  "state, wait range in minutes, the blocking line (where) and the creator; panic and\n"
	  "signal lines above the table; totals below. goroutine?debug=1 and threadcreate\n"
	  "profiles give the same table, with STATE ? (debug=1 does not print states).\n"
	  "A heap, allocs, mutex or block profile gives its totals (estimated as go tool pprof\n"
	  "does, and as in the file), the sampling rate, a MemStats digest (heap) or the\n"
	  "cycles/second (mutex, block), then its top sites by where (--by where, func, stack,\n"
	  "labels, label:KEY). One kind is summarised at a time; others get a note.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --by SPEC             group key, a comma list of: state, wait (buckets <1m 1-5m\n"
	  "                        5-15m 15-60m 1-4h >4h), wait=exact, where, func, stack,\n"
	  "                        creator, labels, label:KEY (default state,wait,where)\n"
	  "  --format FORMAT       text (default), json (gostacks.summary/1), md (a ticket: the\n"
	  "                        table and each group's stack in <details>), csv (one row per\n"
	  "                        group), html (one self-contained file: table, stacks, icicle\n"
	  "                        graph; no script, nothing loaded)\n"
	  "  --where runtime|user  where = first frame outside package runtime (default), or\n"
	  "                        first frame outside the standard library\n"
	  "  --skip REGEX          also step over frames whose function matches (PCRE2),\n"
	  "                        e.g. '^(internal/poll|net|bufio|sync)\\.'\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "show", cmd_show, "the groups with member ids and a whole representative stack",
	  "usage: gostacks show [--by SPEC] [--group N | --where FILE:LINE] [--all]\n"
	  "                     [--format text|json|md|csv|html] [--where runtime|user]\n"
	  "                     [--skip REGEX] [FILTERS] [--color WHEN] [--strict] [SOURCE...]\n"
	  "\n"
	  "The groups of summary, each with its row, its member ids compressed as ranges\n"
	  "(1-5, 9, 12-40), and one member's whole stack as Go prints it: function and\n"
	  "arguments, file and line, created by. All groups, or the ones picked.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --group N             only the Nth group of the summary order\n"
	  "  --where FILE:LINE     only the groups blocked there: the where frame's file ends\n"
	  "                        with FILE (at a '/') and its line is LINE, e.g.\n"
	  "                        balancer_conn_wrappers.go:115\n"
	  "  --all                 every member's header line too\n"
	  "  --by SPEC             group key as in summary (default state,wait,where)\n"
	  "  --format FORMAT       text (default), json (gostacks.summary/1 of the groups\n"
	  "                        shown), md (a ticket: table and <details> stacks), csv (one\n"
	  "                        row per group, ids and stack included), html (one\n"
	  "                        self-contained file with an icicle graph)\n"
	  "  --where runtime|user  as in summary\n"
	  "  --skip REGEX          as in summary\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "grep", cmd_grep, "whole goroutines or records whose frames, header or labels match",
	  "usage: gostacks grep [FILTERS] [-c] [-l] [-i] [--color WHEN] RE [SOURCE...]\n"
	  "\n"
	  "Prints every whole goroutine of a dump (or record of a debug=1 profile) with a line\n"
	  "that RE (PCRE2, bytes) matches: header, function, file:line, created by, labels.\n"
	  "The text is the input's after normalisation (CRLF, indentation and log prefixes\n"
	  "removed), control bytes shown as \\xNN; records are separated by blank lines and,\n"
	  "with several SOURCEs, every line starts with NAME:. Reads as a stream: memory\n"
	  "does not grow with the input. Exit status as grep: 0 something printed, 1\n"
	  "nothing, 2 an error.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  -c, --count           print how many records match (per SOURCE: NAME:COUNT)\n"
	  "  -l, --files-with-matches  print the names of the SOURCEs with a match\n"
	  "  -i, --ignore-case     RE and the filters' patterns ignore case\n"
	  "  --color WHEN          highlight the matches: auto (default), always or never\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "fold", cmd_fold, "folded stacks (root;...;leaf count) for flame graph tools",
	  "usage: gostacks fold [FILTERS] [--by-state] [--value COL] [--raw] [SOURCE...]\n"
	  "\n"
	  "One line per distinct stack, root first, frames joined by ';' (a ';' in a name\n"
	  "becomes ':'), then a space and the count: the input of flamegraph.pl, inferno and\n"
	  "speedscope. Goroutine dumps count goroutines (debug=1: its record counts); heap,\n"
	  "allocs, mutex and block profiles sum a value column. Stacks are canonical (leading\n"
	  "runtime frames dropped), lines sorted and aggregated.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --by-state            the state as the root frame\n"
	  "  --value COL           heap: inuse_space (default), inuse_objects, alloc_space,\n"
	  "                        alloc_objects; allocs: the same, alloc_space by default;\n"
	  "                        mutex, block: delay (default, ns), contentions\n"
	  "  --raw                 the file's numbers (default: go tool pprof's estimates)\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "top", cmd_top, "profile sites by a value: flat, sum%, cum like go tool pprof -top",
	  "usage: gostacks top [--value COL] [--by where|func|stack] [-n N] [--raw]\n"
	  "                    [--format text|json] [--where runtime|user] [--skip REGEX]\n"
	  "                    [FILTERS] [--color WHEN] [--strict] [SOURCE...]\n"
	  "\n"
	  "Ranks the sites of a heap, allocs, mutex, block, threadcreate or goroutine profile\n"
	  "(or a goroutine dump) by one value, with the columns of go tool pprof -top: flat,\n"
	  "flat%, sum%, cum, cum%, and the function names and lines the file prints. flat is\n"
	  "what the site itself holds; cum adds every record whose stack passes through it\n"
	  "(once per record). Values are the estimates go tool pprof shows, scaled from the\n"
	  "sampled counts (heap: by the sampling rate; mutex: by the sampling period; delays\n"
	  "from cycles with cycles/second); --raw shows the file's numbers. Several SOURCEs of\n"
	  "one kind add up; other kinds get a note.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --value COL           heap: inuse_space (default), inuse_objects, alloc_space,\n"
	  "                        alloc_objects; allocs: the same, alloc_space by default;\n"
	  "                        mutex, block: delay (default), contentions; threadcreate,\n"
	  "                        goroutine: count\n"
	  "  --by KEY              where (default: the first frame outside package runtime),\n"
	  "                        func (cum per function), stack, labels, label:KEY\n"
	  "  -n N                  rows shown (default 10; 0 shows all)\n"
	  "  --raw                 the sampled values as the file gives them (delay in cycles)\n"
	  "  --format text|json    output format (default text; json is gostacks.top/1)\n"
	  "  --where runtime|user  as in summary\n"
	  "  --skip REGEX          as in summary\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "fetch", cmd_fetch, "download profiles from many hosts at once; save atomically",
	  "usage: gostacks fetch [-o DIR] [--every DUR [--count N]] [--parallel N] [-p PROFILE]\n"
	  "                      [-f FILE] [--force] [URL OPTIONS] TARGET...\n"
	  "\n"
	  "Fetches every TARGET (host:port or an http:// or https:// URL) at once and saves each\n"
	  "reply as DIR/HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt (UTC), printing 'Saved profile\n"
	  "in FILE' for each. A reply is written to a temporary file and renamed when complete\n"
	  "and when it looks like a text profile; a failed transfer leaves no file, and an\n"
	  "existing file is never replaced without --force. A summary ends the run: fetched,\n"
	  "failed (each with why) and bytes. Exit status 0 when all were fetched, 1 when any\n"
	  "failed, 130 when interrupted (complete files are kept).\n"
	  "\n"
	  "options:\n"
	  "  -o, --output DIR      where to save (default .; created if missing)\n"
	  "  -f, --file FILE       more TARGETs, one a line ('#' comments, blank lines ignored)\n"
	  "  --every DUR           fetch again every DUR (1s or more), until --count rounds\n"
	  "                        or Ctrl-C\n"
	  "  --count N             rounds with --every\n"
	  "  --parallel N          transfers at once (default 16)\n"
	  "  --force               replace existing files\n"
	  URL_OPTIONS_HELP
	  "  -h, --help            this text\n"
	  "\n"
	  "Proxies: libcurl reads http_proxy, HTTPS_PROXY, ALL_PROXY and NO_PROXY; pprof ports\n"
	  "are often internal, so NO_PROXY may need them.\n" },
	{ "check", cmd_check, "parse only: detected format, counts and diagnostics",
	  "usage: gostacks check [--format text|json] [--strict] [SOURCE...]\n"
	  "\n"
	  "Parses every SOURCE and prints, per source, the detected kind, the normalisations\n"
	  "applied (indent, log prefix, CRLF, ...), dumps, goroutines, g0 stacks, skipped\n"
	  "records and lines, then all diagnostics (on stderr).\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --format text|json    output format (default text; json is gostacks.check/1)\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n" },
	{ "diff", cmd_diff, "compare two dumps: groups matched by key, before, after, delta",
	  "usage: gostacks diff [--by SPEC] [--format text|json|csv|md|folded] [--value COL]\n"
	  "                     [--raw] [--exit-code] [--where runtime|user] [--skip REGEX] A B\n"
	  "\n"
	  "Compares two dumps of one kind: the groups of A and of B matched by key, one row\n"
	  "per key with the count before, after and the delta, largest change first; +new and\n"
	  "-gone mark groups only one side has. Heap, allocs, mutex and block profiles compare\n"
	  "a value column instead (like go tool pprof -base A B, with names). Keys hold no\n"
	  "goroutine ids, arguments, offsets or addresses, so two dumps taken apart, or of two\n"
	  "processes of one binary, match; a debug=1 and a debug=2 dump match by stack (state\n"
	  "and wait, unknown in debug=1, leave the key, with a note). When A or B holds several\n"
	  "dumps, the first of A and the last of B are compared (a note says so).\n"
	  "\n"
	  "A and B are SOURCEs; only one of them can be -.\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --by SPEC             group key as in summary (default state,where)\n"
	  "  --format FORMAT       text (default), json (gostacks.diff/1), csv, md, or folded:\n"
	  "                        'root;...;leaf before after' per stack, the input of\n"
	  "                        flamegraph.pl's differential mode\n"
	  "  --value COL           heap, allocs: inuse_space (heap default), inuse_objects,\n"
	  "                        alloc_space (allocs default), alloc_objects; mutex, block:\n"
	  "                        delay (default, ns), contentions\n"
	  "  --raw                 the numbers as the files print them (default: scaled to the\n"
	  "                        estimates go tool pprof shows)\n"
	  "  --exit-code           exit 1 when any delta is not 0, like git diff --exit-code\n"
	  "  --where runtime|user  as in summary\n"
	  "  --skip REGEX          as in summary\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
	{ "trend", cmd_trend, "a series of dumps: per group its counts; leak suspects first",
	  "usage: gostacks trend [--by SPEC] [--format text|json|csv|md] [--min-rise N]\n"
	  "                      [--value COL] [--raw] [--where runtime|user] [--skip REGEX]\n"
	  "                      SOURCE...\n"
	  "\n"
	  "Every dump of every SOURCE, in the order given, is a point of a series (one log with\n"
	  "repeated SIGQUIT dumps is a series too). Groups are matched by key as in diff; per\n"
	  "group the counts (or a profile's --value) over the series. Leak suspect: the number\n"
	  "rises by at least --min-rise from the first to the last point, with at most one dip\n"
	  "no deeper than a quarter of the rise. Stuck: the count stays the same while the\n"
	  "youngest member's wait keeps growing. Suspects come first, by growth per minute\n"
	  "(times from the fetch timestamp in the file names, HOST_PORT.PROFILE.\n"
	  "YYYYMMDDTHHMMSSZ.txt, else the files' modification times) or per dump. A SOURCE\n"
	  "that cannot be read is named and shown as ? (a hole); the rest goes on.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --by SPEC             group key as in summary (default state,where)\n"
	  "  --format FORMAT       text (default), json (gostacks.trend/1), csv or md\n"
	  "  --min-rise N          smallest rise that makes a suspect (default 5 goroutines,\n"
	  "                        objects or contentions; 1048576 bytes; 1000000000 ns)\n"
	  "  --value COL           the profile column, as in diff\n"
	  "  --raw                 the numbers as the files print them\n"
	  "  --where runtime|user  as in summary\n"
	  "  --skip REGEX          as in summary\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n"
	  "\n"
	  FILTER_HELP },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char main_usage[] =
	"usage: gostacks [--color=WHEN] [--strict] [COMMAND] [OPTIONS] [SOURCE...]\n";

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void print_help(FILE *f)
{
	size_t i;

	fputs(main_usage, f);
	fputs("       gostacks --help | --version | help COMMAND\n"
	      "\n"
	      "Reads Go goroutine dumps (goroutine?debug=2, panics, SIGQUIT) and pprof text\n"
	      "profiles and groups goroutines by state, wait minutes and blocking line.\n"
	      "\n"
	      "commands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fputs("\n"
	      "A SOURCE alone means 'summary'.\n"
	      SOURCE_HELP
	      "\n"
	      "global options:\n"
	      "  --color WHEN   auto (default), always or never; NO_COLOR is honoured\n"
	      "  --strict       exit 1 when there are warnings\n"
	      "  --version      versions of gostacks and the libraries it runs with\n"
	      "  -h, --help     this text\n"
	      "\n"
	      "exit status: 0 ok (warnings allowed), 1 input error, 2 usage error.\n"
	      "'gostacks help COMMAND' shows a command's options.\n", f);
}

static void print_version(void)
{
	char pcre[64] = "?";

	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof pcre)
		pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	printf("gostacks %s (%s)\n", GS_VERSION, GS_REVISION);
	printf("libcurl %s, PCRE2 %s, zlib %s\n", curl_version_info(CURLVERSION_NOW)->version,
	       pcre, zlibVersion());
}

enum { OPT_VERSION = 256, OPT_COLOR, OPT_STRICT };

static const struct option global_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ NULL, 0, NULL, 0 }
};

static int run(const struct command *cmd, int argc, char **argv, struct cli *c)
{
	char why[512];

	c->name = cmd->name;
	c->usage = cmd->usage;
	/* -p and the network options, for every command's URL sources */
	if (source_take_options(&argc, argv, why, sizeof why) != 0) {
		cli_usage_error(c, "%s", why);
		return EXIT_USAGE;
	}
	return cmd->fn(argc, argv, c);
}

/* help -> all; help CMD -> the command's text, like CMD --help */
static int help_command(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		print_help(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (cmd == NULL) {
		usagef(NULL, "no such command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	fputs(cmd->usage, stdout);
	return EXIT_OK;
}

static int dispatch(int argc, char **argv, struct cli *c)
{
	const struct command *cmd;
	char **args;
	int i, rc;

	/* nothing at all: a pipe is summarised, a terminal gets the usage */
	if (argc == 0) {
		if (isatty(STDIN_FILENO)) {
			fputs(main_usage, stderr);
			fprintf(stderr, "Try '%s --help' for more information.\n", msg_prog());
			return EXIT_USAGE;
		}
		args = xcalloc(2, sizeof *args);
		args[0] = xstrdup("summary");
		rc = run(find_command("summary"), 1, args, c);
		free(args[0]);
		free(args);
		return rc;
	}
	if (strcmp(argv[0], "help") == 0)
		return help_command(argc, argv);
	cmd = find_command(argv[0]);
	if (cmd)
		return run(cmd, argc, argv, c);
	if (!source_exists(argv[0])) {
		usagef(NULL, "'%s' is neither a command nor a file", argv[0]);
		return EXIT_USAGE;
	}
	/* a SOURCE first means summary: argv becomes "summary" SOURCE ... */
	args = xcalloc((size_t)argc + 2, sizeof *args);
	args[0] = xstrdup("summary");
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	rc = run(find_command("summary"), argc + 1, args, c);
	free(args[0]);
	free(args);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	int opt, rc;

	memset(&c, 0, sizeof c);
	if (argc > 0 && argv[0] && argv[0][0])
		msg_set_prog(argv[0]);
	/* '+': stop at the command, which parses its own options */
	for (;;) {
		opt = getopt_long(argc, argv, "+h", global_options, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case 'h':
			print_help(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			print_version();
			return EXIT_OK;
		case OPT_COLOR:
			if (term_parse_color(optarg, &c.color) != 0) {
				usagef(NULL, "unknown --color '%s' (auto, always or never)", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STRICT:
			c.strict = 1;
			break;
		default:
			fputs(main_usage, stderr);
			fprintf(stderr, "Try '%s --help' for more information.\n", msg_prog());
			return EXIT_USAGE;
		}
	}
	/* libcurl is initialised by cli/curl_dl.c when a URL is first used */
	rc = dispatch(argc - optind, argv + optind, &c);
	return rc;
}
