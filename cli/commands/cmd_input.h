/* cmd_input.h - what the commands that read dumps do before and after their own work.
 *
 * The options they share: a command's table of options (opts.h) lists the ones it takes
 * with the CMD_INPUT_* rows below (and FILTER_OPTIONS and input_opts.h's INPUT_URL_PROSE);
 * cmd_input_parse stores them in a struct cmd_input, the one set of options of this
 * invocation, and hands the command's own options to its callback. Then the SOURCEs
 * (stdin when none is given and it is not a terminal), one model they are all read into,
 * with its diagnostics printed, the --by key and the where function of --where/--skip
 * (group.h, where.h); last the exit code: the command's, or the diagnostics' when it ran
 * to its end (msg_exit_code), and EXIT_INPUT when stdout could not be written.
 */
#ifndef GS_CMD_INPUT_H
#define GS_CMD_INPUT_H

#include <getopt.h>

#include "commands/cli.h"
#include "select/filter.h"
#include "group.h"
#include "commands/input_opts.h"
#include "model.h"
#include "commands/opts.h"
#include "input/source_opts.h"
#include "select/where.h"
#include "reports/group_sort.h"

/* A step went well: go on. To cmd_input_finish: the command ran to its end. */
#define CMD_CONTINUE (-1)

enum {
	CMD_OPT_BY = 0x2000, CMD_OPT_FORMAT, CMD_OPT_VALUE, CMD_OPT_RAW, CMD_OPT_WHERE,
	CMD_OPT_SKIP, CMD_OPT_COLOR, CMD_OPT_STRICT, CMD_OPT_WIDE, CMD_OPT_SORT
};

/* The shared options' rows for a command's table (opts.h); their help is the command's. */
#define CMD_INPUT_BY(help) OPTS_VALUE("by", 0, CMD_OPT_BY, "SPEC", help)
/* --format: its help lists the formats the command takes (cli_help, formats.h), then help
 * ("" none) */
#define CMD_INPUT_FORMAT(help) OPTS_VALUE("format", 0, CMD_OPT_FORMAT, "FORMAT", help)
#define CMD_INPUT_VALUE(help) OPTS_VALUE("value", 0, CMD_OPT_VALUE, "COL", help)
#define CMD_INPUT_RAW(help) OPTS_FLAG("raw", 0, CMD_OPT_RAW, help)
#define CMD_INPUT_WHERE(help) OPTS_VALUE("where", 0, CMD_OPT_WHERE, "user|runtime", help)
#define CMD_INPUT_SKIP(help) OPTS_VALUE("skip", 0, CMD_OPT_SKIP, "REGEX", help)
#define CMD_INPUT_SORT(help) OPTS_VALUE("sort", 0, CMD_OPT_SORT, "ORDER", help)
#define CMD_INPUT_WIDE \
	OPTS_FLAG("wide", 0, CMD_OPT_WIDE, "on a terminal, keep every cell whole (else code cells\n" \
	          "shorten to fit its width: a package path's middle first,\n" \
	          "never file.go:LINE)")
#define CMD_INPUT_STRICT \
	OPTS_FLAG("strict", 0, CMD_OPT_STRICT, "exit 1 when there are warnings")
#define CMD_INPUT_COLOR_WITH(help) \
	OPTS_VALUE("color", 0, CMD_OPT_COLOR, "WHEN", help), \
	{ "colour", 0, OPTS_REQUIRED, CMD_OPT_COLOR, "WHEN", NULL, OPTS_HIDDEN }
#define CMD_INPUT_COLOR \
	CMD_INPUT_COLOR_WITH("auto (default), always or never; NO_COLOR is honoured")

struct cmd_input {
	struct cli *c;
	/* the shared options: set the command's defaults before cmd_input_parse */
	const char *by;          /* --by, a group key (cmd_input_model parses it); NULL none */
	int by_given;
	enum out_format format;  /* --format: one of the command's (cli_parse_format) */
	const char *value;       /* --value and --raw: the command checks them */
	int raw;
	enum where_mode wmode;   /* --where user|runtime */
	enum group_sort sort;    /* --sort: the groups' order */
	const char *skip;        /* --skip */
	struct filter filter;
	struct source_opts src;  /* how the SOURCEs are read: -p, --timeout, ... --max-size */
	/* cmd_input_sources */
	char *const *names;
	int nnames;
	/* cmd_input_model and cmd_input_read */
	struct gs_model *m;
	struct group_opts go;    /* the --by key and the where function */
	struct where_opts wo;
	int failed;              /* SOURCEs that could not be read */
	/* set before cmd_input_model (or cmd_input_series) by a command whose answer shows
	 * no goroutine ids nor header lines: GS_FOLD_WAITS (model.h), which filter_fold lowers
	 * to what the options need */
	int fold;
};

/* The command's own option `opt`: CMD_CONTINUE, or an exit code (after the message). */
typedef int (*cmd_option_fn)(struct cmd_input *in, int opt, const char *arg, void *ctx);

void cmd_input_init(struct cmd_input *in, struct cli *c);
/* getopt_long over argv (argv[0] the command) with the command's table of options, the one
 * its help prints: the filters', the URL options and the shared options are stored, -h
 * prints the help, others go to own (may be NULL). CMD_CONTINUE with optind at the first
 * operand, or the exit code to return: EXIT_OK after --help, EXIT_USAGE after a usage
 * error. */
int cmd_input_parse(struct cmd_input *in, int argc, char **argv, const struct opts_row *opts,
                    cmd_option_fn own, void *ctx);
/* Compiles the filters and takes argv[first..argc) as the SOURCEs, "-" when there are
 * none and stdin is not a terminal. CMD_CONTINUE, or EXIT_USAGE after the message. */
int cmd_input_sources(struct cmd_input *in, int argc, char **argv, int first);
/* A new model; --by parsed into go (when by is set) and --where/--skip as its where
 * function, and the fold the command allows (fold). CMD_CONTINUE, or EXIT_USAGE after the
 * message. */
int cmd_input_model(struct cmd_input *in);
/* Reads every SOURCE into the model and prints the diagnostics; detected as in
 * source_read_all. CMD_CONTINUE, or EXIT_INPUT when none could be read. */
int cmd_input_read(struct cmd_input *in, char ***detected);
/* cmd_input_sources, cmd_input_model and cmd_input_read, stopping at the first failure. */
int cmd_input_load(struct cmd_input *in, int argc, char **argv, int first);
/* The goroutines a command of goroutine kinds reads: keep[i] for m->goroutines[i], the
 * filters' and kinds_keep's verdicts in one (NULL: all); *other gets the goroutines dropped
 * for their kind alone (not filtered out: not read). Caller frees. */
unsigned char *cmd_input_keep(struct cmd_input *in, unsigned kinds, uint64_t *other);
/* Frees what the input holds; returns code, or when it is CMD_CONTINUE the diagnostics'
 * (msg_exit_code: a SOURCE not read, an error, a warning with --strict); EXIT_INPUT instead
 * of EXIT_OK when stdout could not be written. */
int cmd_input_finish(struct cmd_input *in, int code);

/* The options of diff's and trend's series (series.h): the input's, the filter included. */
struct series_opts;
void cmd_input_series(struct series_opts *o, struct cmd_input *in);

#endif
