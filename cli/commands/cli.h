/* cli.h - what every subcommand gets from main, and the option helpers they share
 * (commands.c makes them from the command's row).
 *
 * commands.c owns the command table; a command gets its own argv (argv[0] = its name) and
 * a struct cli with the global options and its usage text, so `CMD --help` and usage errors
 * print the same text as `gostacks help CMD` without the command knowing the table. Its
 * options are one table of rows (opts.h), cmd_NAME_opts, for its getopt_long and its help.
 */
#ifndef GS_CLI_H
#define GS_CLI_H

#include <stdio.h>

#include "commands/opts.h"
#include "outputs/formats.h"
#include "outputs/term.h"
#include "outputs/usage.h"

/* --format WORD: one of the formats that fit what the command answers with (its row in
 * commands.c, formats.h); 0, or -1 after the usage error that lists them. */
int cli_parse_format(const struct cli *c, const char *word, enum out_format *out);
/* The command's help, its usage text and then its options, --format's help made from the
 * formats it takes (stdout: exit 0 follows), or its usage line to stderr (exit 2). */
void cli_help(const struct cli *c, const struct opts_row *opts, FILE *out);
/* getopt_long returned '?' over argv with opts (its opterr off): one usage error that
 * says what was wrong, with a near option's name for a typo (opts_bad_option). */
void cli_bad_option(const struct cli *c, const struct opts_row *opts, char **argv);

int cmd_summary(int argc, char **argv, struct cli *c);
int cmd_check(int argc, char **argv, struct cli *c);
int cmd_grep(int argc, char **argv, struct cli *c);
int cmd_show(int argc, char **argv, struct cli *c);
int cmd_fold(int argc, char **argv, struct cli *c);
int cmd_top(int argc, char **argv, struct cli *c);
int cmd_diff(int argc, char **argv, struct cli *c);
int cmd_trend(int argc, char **argv, struct cli *c);
int cmd_fetch(int argc, char **argv, struct cli *c);

extern const struct opts_row cmd_summary_opts[];
extern const struct opts_row cmd_check_opts[];
extern const struct opts_row cmd_grep_opts[];
extern const struct opts_row cmd_show_opts[];
extern const struct opts_row cmd_fold_opts[];
extern const struct opts_row cmd_top_opts[];
extern const struct opts_row cmd_diff_opts[];
extern const struct opts_row cmd_trend_opts[];
extern const struct opts_row cmd_fetch_opts[];

#endif
