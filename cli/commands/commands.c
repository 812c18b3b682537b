/* commands.c - the table of commands, and what is made from a command's row: its help and
 * options (cli_help), the formats its --format takes (cli_parse_format). */
#include "commands/commands.h"

#include <string.h>

#include "commands/cmd_input.h"
#include "outputs/msg.h"

#define SOURCE_HELP \
	"SOURCE is a path, - for stdin, a .gz file, an http:// or https:// URL, host:port\n" \
	"(meaning http://host:port/debug/pprof/goroutine?debug=2) or host:port/PATH (an\n" \
	"http:// URL). A profile's URL without ?debug= gets debug=2 (goroutine) or debug=1,\n" \
	"with a note. Without SOURCE, stdin is read when it is not a terminal.\n" \
	URL_HELP

/* Every command parses these (input_opts.h, OPTS_PROSE rows); fetch lists them in full. */
#define URL_HELP \
	"For URLs and host:port: -p PROFILE (goroutine, goroutine1, goroutineleak,\n" \
	"goroutineleak1, heap, allocs, mutex, block, threadcreate) picks the path for a bare\n" \
	"host (with --leaked goroutineleak); --timeout, --connect-timeout, --max-size,\n" \
	"--header, --insecure, --cacert, --proxy, --noproxy, --user-agent, --retry,\n" \
	"--low-speed-limit, --low-speed-time as in 'gostacks help fetch'; --max-size caps\n" \
	"files and stdin too (no cap unless given).\n"

static const struct command commands[] = {
	{ "summary", cmd_summary, cmd_summary_opts,
	  "group goroutines by state, wait and blocking line",
	  "usage: gostacks summary [--by SPEC] [--sort ORDER] [--format FORMAT]\n"
	  "                        [--where user|runtime] [--skip REGEX] [FILTERS]\n"
	  "                        [--color WHEN] [--wide] [--strict] [SOURCE...]\n"
	  "\n"
	  "Groups the goroutines of all SOURCEs together: one row per group with the count,\n"
	  "state, wait range in minutes, the blocking line (where) and the creator; panic and\n"
	  "signal lines above the table; totals below. goroutine?debug=1, goroutineleak and\n"
	  "threadcreate profiles give the same table, with STATE ? (debug=1 does not print\n"
	  "states). Goroutines the runtime proved leaked (Go 1.26+) are counted in a LEAKED\n"
	  "column and the footer; the label keys the goroutines carry are named there too.\n"
	  "A heap, allocs, mutex or block profile gives its totals (estimated as go tool pprof\n"
	  "does, and as in the file), the sampling rate, a MemStats digest (heap) or the\n"
	  "cycles/second (mutex, block), then its top sites by where (--by where, func, stack,\n"
	  "labels, label:KEY). One kind is summarised at a time; others get a note.\n"
	  "\n"
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON, "gostacks.summary/1" },
	{ "show", cmd_show, cmd_show_opts,
	  "the groups with member ids and a whole representative stack",
	  "usage: gostacks show [--by SPEC] [--sort ORDER] [--group N | --where FILE:LINE]\n"
	  "                     [--all] [--format FORMAT] [--where user|runtime]\n"
	  "                     [--skip REGEX] [FILTERS] [--color WHEN] [--wide] [--strict]\n"
	  "                     [SOURCE...]\n"
	  "\n"
	  "The groups of summary, each with its row, its member ids compressed as ranges\n"
	  "(1-5, 9, 12-40), and a member's whole stack as Go prints it (function and\n"
	  "arguments, file and line, created by) for each distinct stack of the group, most\n"
	  "goroutines first: the first 5, every one with --all. All groups, or the ones\n"
	  "picked: --where FILE:LINE picks the groups summary prints at that line.\n"
	  "A group that waits on a lock, WaitGroup, Cond or channel names it (OBJECT) and the\n"
	  "goroutines whose frames show its address outside a wait: who may hold it.\n"
	  "\n"
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON, "gostacks.summary/1" },
	{ "grep", cmd_grep, cmd_grep_opts,
	  "whole goroutines or records whose frames, header or labels match",
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
	  SOURCE_HELP,
	  0, NULL },
	{ "fold", cmd_fold, cmd_fold_opts,
	  "folded stacks (root;...;leaf count) for flame graph tools",
	  "usage: gostacks fold [FILTERS] [--by-state] [--value COL] [--raw] [SOURCE...]\n"
	  "\n"
	  "One line per distinct stack, root first, frames joined by ';' (a ';' in a name\n"
	  "becomes ':'), then a space and the count: the input of flamegraph.pl, inferno and\n"
	  "speedscope. Goroutine dumps count goroutines (debug=1: its record counts); heap,\n"
	  "allocs, mutex and block profiles sum a value column. Stacks are canonical (leading\n"
	  "runtime frames dropped), lines sorted and aggregated.\n"
	  "\n"
	  SOURCE_HELP,
	  0, NULL },
	{ "top", cmd_top, cmd_top_opts,
	  "profile sites by a value: flat, sum%, cum like go tool pprof -top",
	  "usage: gostacks top [--value COL] [--by KEY] [-n N] [--raw] [--format FORMAT]\n"
	  "                    [--where user|runtime] [--skip REGEX]\n"
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
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON, "gostacks.top/1" },
	{ "fetch", cmd_fetch, cmd_fetch_opts,
	  "download profiles from many hosts at once; save atomically",
	  "usage: gostacks fetch [-o DIR] [--every DUR [--count N]] [--parallel N] [-p PROFILE]\n"
	  "                      [-f FILE] [--force] [URL OPTIONS] TARGET...\n"
	  "\n"
	  "Fetches every TARGET (host:port or an http:// or https:// URL) at once and saves each\n"
	  "reply as DIR/HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt (UTC), printing 'Saved profile\n"
	  "in FILE' for each. A reply is written to a temporary file and renamed when complete\n"
	  "and when it looks like a text profile; a failed transfer leaves no file, and an\n"
	  "existing file is never replaced without --force. A summary ends the run: fetched,\n"
	  "failed (each with why) and bytes. Exit status 0 when all were fetched, 1 when any\n"
	  "failed, 130 when interrupted (complete files are kept).\n",
	  0, NULL },
	{ "watch", cmd_watch, cmd_watch_opts,
	  "a live host as a top: groups redrawn every few seconds",
	  "usage: gostacks watch [--every DUR] [--count N] [-o DIR] [--sort KEY]\n"
	  "                      [--by SPEC] [--min-rise N] [--wide] [FILTERS] [URL OPTIONS]\n"
	  "                      SOURCE\n"
	  "\n"
	  "Reads SOURCE (host:port, a URL, or a file that is rewritten) every --every and\n"
	  "shows its goroutine groups: the count now, the change since the first and since\n"
	  "the last sample, the growth per minute, the longest wait; sorted by growth.\n"
	  "MARK says leaked (the runtime proved members leaked), suspect or stuck (trend's\n"
	  "rules over the samples so far), new or gone. On a terminal the table is redrawn\n"
	  "in place and follows the window's size: q quits, p pauses, s cycles the sort.\n"
	  "Elsewhere (a pipe, a file) one block is printed per sample. Every sample is kept\n"
	  "only as its groups, at most 512 of them (then every other one is dropped), so a\n"
	  "long watch stays small. A sample that overran --every is said so. Exit status 0,\n"
	  "1 when no sample could be taken, 130 when interrupted.\n"
	  "\n"
	  "SOURCE is host:port (meaning http://host:port/debug/pprof/goroutine?debug=2), an\n"
	  "http:// or https:// URL, or a path read again each time; not stdin.\n"
	  URL_HELP,
	  0, NULL },
	{ "check", cmd_check, cmd_check_opts,
	  "parse only: detected format, counts and diagnostics",
	  "usage: gostacks check [--format FORMAT] [--strict] [SOURCE...]\n"
	  "\n"
	  "Parses every SOURCE and prints, per source, the detected kind, the normalisations\n"
	  "applied (indent, log prefix, CRLF, wrapped lines, ...), dumps, goroutines, g0\n"
	  "stacks, skipped records and lines, then all diagnostics (on stderr), with a note\n"
	  "for each line not understood (at most 100 per source, then a count of the rest).\n"
	  "\n"
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON, "gostacks.check/1" },
	{ "diff", cmd_diff, cmd_diff_opts,
	  "compare two dumps: groups matched by key, before, after, delta",
	  "usage: gostacks diff [--by SPEC] [--format FORMAT] [--value COL]\n"
	  "                     [--raw] [--exit-code] [--where user|runtime] [--skip REGEX] A B\n"
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
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON | ANSWER_FOLDED, "gostacks.diff/1" },
	{ "trend", cmd_trend, cmd_trend_opts,
	  "a series of dumps: per group its counts; leak suspects first",
	  "usage: gostacks trend [--by SPEC] [--format FORMAT] [--min-rise N]\n"
	  "                      [--value COL] [--raw] [--where user|runtime] [--skip REGEX]\n"
	  "                      SOURCE...\n"
	  "\n"
	  "Every dump of every SOURCE, in the order given, is a point of a series (one log with\n"
	  "repeated SIGQUIT dumps is a series too). Groups are matched by key as in diff; per\n"
	  "group the counts (or a profile's --value) over the series. Leak suspect: the number\n"
	  "rises by at least --min-rise from the first to the last point, with at most one dip\n"
	  "no deeper than a quarter of the rise. Stuck: the count stays the same while the\n"
	  "youngest member's wait keeps growing. Leaked: the runtime proved goroutines of the\n"
	  "group leaked (Go 1.26+), whatever the growth. Proven leaks come first, then the\n"
	  "suspects, each by growth per minute (times from the fetch timestamp in the file\n"
	  "names, HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt, else the files' modification times)\n"
	  "or per dump. A SOURCE that cannot be read is named and shown as ? (a hole); the\n"
	  "rest goes on.\n"
	  "\n"
	  SOURCE_HELP,
	  ANSWER_REPORT | ANSWER_JSON, "gostacks.trend/1" },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct opts_row commands_global_opts[] = {
	CMD_INPUT_COLOR,
	CMD_INPUT_WIDE,
	CMD_INPUT_STRICT,
	OPTS_FLAG("version", 0, COMMANDS_OPT_VERSION,
	          "versions of gostacks and the libraries it runs with"),
	OPTS_HELP,
	OPTS_END
};

const struct command *command_at(size_t i)
{
	return i < NCOMMANDS ? &commands[i] : NULL;
}

const struct command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void command_print_help(const struct command *cmd, FILE *f)
{
	struct cli c;

	memset(&c, 0, sizeof c);
	c.name = cmd->name;
	c.usage = cmd->usage;
	cli_help(&c, cmd->opts, f);
}

void commands_print_help(FILE *f)
{
	size_t i;

	fputs(COMMANDS_USAGE, f);
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
	      "global options:\n", f);
	opts_print(f, commands_global_opts, 17);
	fputs("\n"
	      "environment: NO_COLOR (no colour), GOSTACKS_MAX_MEMORY=SIZE (what one run may\n"
	      "keep of its inputs, default 4G), GOSTACKS_THREADS=N (read large files on N\n"
	      "threads; 1: one; default: the CPUs, at most 8, for files of 64 MiB or more),\n"
	      "GOSTACKS_FOLD=0 (summary's text and CSV, fold, diff and trend keep an entry per\n"
	      "goroutine, not one per distinct goroutine of a dump: the same output, more\n"
	      "memory).\n"
	      "exit status: 0 ok (warnings allowed), 1 input error, 2 usage error.\n"
	      "'gostacks help COMMAND' shows a command's options.\n", f);
}

/* ---- what a command takes and says, from its row ---- */

/* What the command answers with (commands.c), and its JSON document's schema. */
static unsigned answers_of(const struct cli *c, const char **schema)
{
	const struct command *cmd = c->name ? command_find(c->name) : NULL;

	*schema = cmd ? cmd->schema : NULL;
	return cmd ? cmd->answers : ANSWER_REPORT;
}

int cli_parse_format(const struct cli *c, const char *word, enum out_format *out)
{
	const char *schema;
	unsigned answers = answers_of(c, &schema);
	struct gs_buf words = XBUF_INIT;

	if (formats_parse(word, answers, out) == 0)
		return 0;
	formats_words(&words, answers);
	cli_usage_error(c, "unknown --format '%s' (%s)", word, words.data);
	gs_buf_release(&words);
	return -1;
}

void cli_bad_option(const struct cli *c, const struct opts_row *opts, char **argv)
{
	struct gs_buf why = XBUF_INIT;
	/* a long option's problem is in the element just read; a short one's is optopt (a
	 * cluster like -xv leaves optind on its element) */
	const char *bad = (optopt == 0 || optopt > 255) && optind > 0 ? argv[optind - 1] : NULL;

	opts_bad_option(&why, opts, bad, optopt);
	cli_usage_error(c, "%s", why.data);
	gs_buf_release(&why);
}

void cli_help(const struct cli *c, const struct opts_row *opts, FILE *out)
{
	struct opts_row rows[OPTS_MAX + 1];
	const struct opts_row end = OPTS_END;
	struct gs_buf help = XBUF_INIT;
	const char *schema;
	unsigned answers = answers_of(c, &schema);
	size_t n;

	/* --format's help (one row) is the formats' own (formats.h), then the command's words */
	for (n = 0; n < OPTS_MAX && !opts_is_end(&opts[n]); n++) {
		rows[n] = opts[n];
		if (opts[n].name == NULL || strcmp(opts[n].name, "format") != 0 || help.len)
			continue;
		formats_help(&help, answers, schema);
		if (opts[n].help && *opts[n].help)
			gs_buf_addf(&help, "\n%s", opts[n].help);
		rows[n].help = help.data;
	}
	rows[n] = end;
	fputs(c->usage, out);
	fputs("\noptions:\n", out);
	opts_print(out, rows, 24);
	gs_buf_release(&help);
}
