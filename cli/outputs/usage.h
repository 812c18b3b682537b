/* usage.h - what a command is to the messages it prints: its name, its usage text and the
 * global options that change how it speaks (colour, --strict), and its usage errors. Every
 * room that can refuse a command line (reports, select) says so through here, so none of
 * them needs the command table.
 */
#ifndef GS_USAGE_H
#define GS_USAGE_H

#include "outputs/term.h"

struct cli {
	enum color_mode color;
	int strict;
	const char *name;    /* the command's name */
	const char *usage;   /* the command's usage line and description, before its options */
	int wide;            /* --wide: text tables keep every cell whole */
};

/* "gostacks: MESSAGE", then the command's usage line and the hint to run --help (stderr);
 * the caller exits EXIT_USAGE. */
void cli_usage_error(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
