/* main.c - gostacks: global options, then one command from the table (commands.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <curl/curl.h>
#include <getopt.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "commands/commands.h"
#include "outputs/msg.h"
#include "input/source.h"
#include "net/curl_dl.h"
#include "revision.h" /* build/revision.h: GS_REVISION, made by the Makefile */

static void print_version(void)
{
	char pcre[64] = "?";
	const char *curl = curl_dl_version();

	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof pcre)
		pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	printf("gostacks %s (%s)\n", GS_VERSION, GS_REVISION);
	printf("libcurl %s, PCRE2 %s, zlib %s\n", curl ? curl : "not installed", pcre,
	       zlibVersion());
}

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
		commands_print_help(stdout);
		return EXIT_OK;
	}
	cmd = command_find(argv[1]);
	if (cmd == NULL) {
		usagef(NULL, "no such command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	command_print_help(cmd, stdout);
	return EXIT_OK;
}

/* argv[0..argc) are summary's arguments: a SOURCE, or an option of summary's before it. */
static int implied_summary(int argc, char **argv, struct cli *c)
{
	char **args = xcalloc((size_t)argc + 2, sizeof *args);
	int i, rc;

	args[0] = xstrdup("summary");
	for (i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	rc = run(command_find("summary"), argc + 1, args, c);
	free(args[0]);
	free(args);
	return rc;
}

/* "'sumary' is neither a command nor a file (did you mean summary?)" */
static void unknown_command(const char *word)
{
	const char *names[32];
	const struct command *cmd;
	const char *pick;
	size_t n = 0;

	while (n < 32 && (cmd = command_at(n)) != NULL) {
		names[n] = cmd->name;
		n++;
	}
	pick = opts_closest(word, names, n);
	if (pick)
		usagef(NULL, "'%s' is neither a command nor a file (did you mean %s?)", word, pick);
	else
		usagef(NULL, "'%s' is neither a command nor a file", word);
}

static int dispatch(int argc, char **argv, struct cli *c)
{
	const struct command *cmd;
	char **args;
	int rc;

	/* nothing at all: a pipe is summarised, a terminal gets the usage */
	if (argc == 0) {
		if (isatty(STDIN_FILENO)) {
			fputs(COMMANDS_USAGE, stderr);
			fprintf(stderr, "Try '%s --help' for more information.\n", msg_prog());
			return EXIT_USAGE;
		}
		args = xcalloc(2, sizeof *args);
		args[0] = xstrdup("summary");
		rc = run(command_find("summary"), 1, args, c);
		free(args[0]);
		free(args);
		return rc;
	}
	if (strcmp(argv[0], "help") == 0)
		return help_command(argc, argv);
	cmd = command_find(argv[0]);
	if (cmd)
		return run(cmd, argc, argv, c);
	if (!source_exists(argv[0])) {
		unknown_command(argv[0]);
		return EXIT_USAGE;
	}
	/* a SOURCE first means summary: argv becomes "summary" SOURCE ... */
	return implied_summary(argc, argv, c);
}

int main(int argc, char **argv)
{
	struct opts_getopt g;
	struct cli c;
	int opt, at;

	memset(&c, 0, sizeof c);
	if (argc > 0 && argv[0] && argv[0][0])
		msg_set_prog(argv[0]);
	/* '+': stop at the command, which parses its own options */
	opts_getopt(&g, commands_global_opts, "+");
	opterr = 0; /* an option not global is summary's, or summary says what is wrong */
	for (;;) {
		at = optind;
		opt = getopt_long(argc, argv, g.shortopts, g.longopts, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case 'h':
			commands_print_help(stdout);
			return EXIT_OK;
		case COMMANDS_OPT_VERSION:
			print_version();
			return EXIT_OK;
		case CMD_OPT_COLOR:
			if (term_parse_color(optarg, &c.color) != 0) {
				usagef(NULL, "unknown --color '%s' (auto, always or never)", optarg);
				return EXIT_USAGE;
			}
			break;
		case CMD_OPT_STRICT:
			c.strict = 1;
			break;
		case CMD_OPT_WIDE:
			c.wide = 1;
			break;
		default:
			/* an option of the implied summary before its SOURCE: gostacks --where
			 * runtime FILE, gostacks -p heap host:port */
			return implied_summary(argc - at, argv + at, &c);
		}
	}
	/* libcurl is initialised by cli/net/curl_dl.c when a URL is first used */
	return dispatch(argc - optind, argv + optind, &c);
}
