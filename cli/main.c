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
#include "msg.h"
#include "source.h"

#define SOURCE_HELP \
	"SOURCE is a path, - for stdin, a .gz file, an http:// or https:// URL, or host:port\n" \
	"(meaning http://host:port/debug/pprof/goroutine?debug=2). Without SOURCE, stdin is\n" \
	"read when it is not a terminal.\n"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli *c);
	const char *help;   /* one line for the command list */
	const char *usage;  /* first line: the short usage shown with usage errors */
};

static const struct command commands[] = {
	{ "summary", cmd_summary, "group goroutines by state, wait and blocking line",
	  "usage: gostacks summary [--by SPEC] [--format text|json] [--where runtime|user]\n"
	  "                        [--skip REGEX] [--color WHEN] [--strict] [SOURCE...]\n"
	  "\n"
	  "Groups the goroutines of all SOURCEs together: one row per group with the count,\n"
	  "state, wait range in minutes, the blocking line (where) and the creator; panic and\n"
	  "signal lines above the table; totals below.\n"
	  "\n"
	  SOURCE_HELP
	  "\n"
	  "options:\n"
	  "  --by SPEC             group key, a comma list of: state, wait (buckets <1m 1-5m\n"
	  "                        5-15m 15-60m 1-4h >4h), wait=exact, where, func, stack,\n"
	  "                        creator, labels, label:KEY (default state,wait,where)\n"
	  "  --format text|json    output format (default text; json is gostacks.summary/1)\n"
	  "  --where runtime|user  where = first frame outside package runtime (default), or\n"
	  "                        first frame outside the standard library\n"
	  "  --skip REGEX          also step over frames whose function matches (PCRE2),\n"
	  "                        e.g. '^(internal/poll|net|bufio|sync)\\.'\n"
	  "  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	  "  --strict              exit 1 when there are warnings\n"
	  "  -h, --help            this text\n" },
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
	printf("gostacks %s\n", GS_VERSION);
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
	c->name = cmd->name;
	c->usage = cmd->usage;
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
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		errorf("cannot initialise libcurl");
		return EXIT_INPUT;
	}
	rc = dispatch(argc - optind, argv + optind, &c);
	curl_global_cleanup();
	return rc;
}
