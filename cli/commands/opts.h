/* opts.h - a command's options as one table of rows: getopt_long's and --help's.
 *
 * A row is one option: its long name and letter, its argument, the value getopt_long
 * returns for it, and its help. opts_getopt makes getopt_long's table and optstring from
 * the rows and opts_print prints them as help, so what is parsed and what is documented
 * cannot drift apart. The rows of a table are in the order getopt_long gets them: it lists
 * the possibilities of an ambiguous abbreviation in that order.
 */
#ifndef GS_OPTS_H
#define GS_OPTS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

enum opts_arg { OPTS_NONE = 0, OPTS_REQUIRED, OPTS_OPTIONAL };

/* Parsed, not shown: an alias of a shown row with the same val (--colour). */
#define OPTS_HIDDEN 0x1u
/* Shown after every row without it (the filters: getopt_long has them first in some
 * commands' tables, help always last). */
#define OPTS_AFTER  0x2u
/* Parsed, not shown as a row: the command's text names it instead (every command but
 * fetch takes the URL options, which its text sums up in one paragraph). */
#define OPTS_PROSE  0x4u

struct opts_row {
	const char *name;      /* long name without "--"; NULL: a letter alone, or text */
	int letter;            /* short option, 0 none; val must be the same */
	enum opts_arg arg;
	int val;               /* what getopt_long returns */
	const char *metavar;   /* the argument in help: "SPEC", "N"; NULL without one */
	const char *help;      /* lines without the last '\n'; a text row's: printed as is */
	unsigned flags;        /* OPTS_HIDDEN, OPTS_AFTER, OPTS_PROSE */
};

#define OPTS_FLAG(name, letter, val, help) { name, letter, OPTS_NONE, val, NULL, help, 0 }
#define OPTS_VALUE(name, letter, val, metavar, help) \
	{ name, letter, OPTS_REQUIRED, val, metavar, help, 0 }
#define OPTS_HELP OPTS_FLAG("help", 'h', 'h', "this text")
/* Text between the rows: a heading, or prose after them. */
#define OPTS_TEXT(text) { NULL, 0, OPTS_NONE, 0, NULL, text, 0 }
#define OPTS_END { NULL, 0, OPTS_NONE, 0, NULL, NULL, 0 }

/* Room for one table's options; more is a bug opts_getopt aborts on (tests/test_opts.c
 * builds every table). */
#define OPTS_MAX 48

struct opts_getopt {
	struct option longopts[OPTS_MAX + 1];  /* ends with a zero entry */
	char shortopts[3 * OPTS_MAX + 4];      /* lead, then "h", "n:", "x::" per letter */
};

int opts_is_end(const struct opts_row *r);
/* getopt_long's arguments: every row's name and letter, in row order. A name or letter a
 * row above has already is left out: the later row shows another reading of the option
 * (show's --where user|runtime). lead starts shortopts ("+" or ""). */
void opts_getopt(struct opts_getopt *g, const struct opts_row *rows, const char *lead);
/* The rows as help, in row order with the OPTS_AFTER rows last; text rows as they are,
 * hidden and prose rows not at all. One option per row, "  -n, --name METAVAR", its help
 * from column on (two spaces further when the names are wider); its other lines indented
 * so. */
void opts_print(FILE *f, const struct opts_row *rows, int column);
/* The first row named name (long name without "--"), or NULL. */
const struct opts_row *opts_find(const struct opts_row *rows, const char *name);
/* What getopt_long's '?' was about (opterr off), as one message into out: "unknown option
 * '--wher' (did you mean --where?)", "option '--by' needs an argument (SPEC)", "option
 * '--s' is ambiguous (--skip, --strict, --state)". bad is the argv element getopt_long
 * just read, optopt its optopt. */
void opts_bad_option(struct gs_buf *out, const struct opts_row *rows, const char *bad, int optopt);
/* The word of words[0..n) closest to word within a small edit distance (a typo: two edits
 * at most, one for words of four letters or fewer), else NULL. */
const char *opts_closest(const char *word, const char *const *words, size_t n);

#endif
