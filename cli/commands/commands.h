/* commands.h - the table of commands: the single list of them. It drives dispatch (main.c),
 * `gostacks --help`, `gostacks help CMD` and `gostacks CMD --help`. A new command is one
 * row; its options are one table (opts.h) that its getopt_long and its help both read.
 */
#ifndef GS_COMMANDS_H
#define GS_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "commands/cli.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli *c);
	const struct opts_row *opts;
	const char *help;   /* one line for the command list */
	const char *usage;  /* the usage line (shown with usage errors), then the description */
	unsigned answers;   /* ANSWER_* (formats.h): it takes every format that fits one */
	const char *schema; /* its JSON document's, NULL without one */
};

#define COMMANDS_USAGE \
	"usage: gostacks [--color=WHEN] [--strict] [COMMAND] [OPTIONS] [SOURCE...]\n"

/* The options before the command: --color, --strict and -h return cmd_input.h's
 * CMD_OPT_COLOR, CMD_OPT_STRICT and 'h'; --version this. */
enum { COMMANDS_OPT_VERSION = 0x3000 };
extern const struct opts_row commands_global_opts[];

/* The i-th command in the table's order, NULL past the last. */
const struct command *command_at(size_t i);
const struct command *command_find(const char *name);
/* `gostacks help CMD`, the same as `gostacks CMD --help` */
void command_print_help(const struct command *cmd, FILE *f);
/* `gostacks --help` */
void commands_print_help(FILE *f);

#endif
