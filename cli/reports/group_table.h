/* group_table.h - a grouping (group.h) as a neutral table (table.h): what `summary` and
 * `show` print as md, csv and html, and `show` as text.
 *
 * One row per group in summary order: [#] COUNT STATE WAIT WHERE [LABEL K] [LABELS]
 * CREATED BY [IDS] [STACK]; panic and signal lines as notes; the totals as the footer.
 * With details, each group gets its member ids (compressed: "1-5, 9, 12-40") and its
 * representative stack as Go prints it (function and arguments, then the file line;
 * functions styled by package), from a member whose arguments the model kept.
 */
#ifndef GS_GROUP_TABLE_H
#define GS_GROUP_TABLE_H

#include <stddef.h>

#include <stdio.h>

#include "commands/cli.h"
#include "reports/render.h"
#include "outputs/table.h"

struct group_table_opts {
	const size_t *groups;    /* indexes into r->gr->groups to show; NULL = all */
	size_t ngroups;
	int number;              /* a '#' column: the group's place in summary order */
	int details;             /* ids and the stack of each group as its detail */
	int all;                 /* with details: every member's header line */
	int ids_column;          /* an IDS column (csv) */
	int stack_column;        /* a STACK column: "func file:line <- caller ..." (csv) */
	const char *title;       /* static text for md/html */
	int open;                /* html: stacks shown unfolded */
};

/* The table of r's grouping; table_free it. */
void group_table(struct table *t, const struct render_ctx *r, const struct group_table_opts *o);
/* The table printed in fmt: text (show's layout: each group's row and detail), md, csv (no
 * details) or html (with an icicle graph of the goroutines shown; keep is what was grouped,
 * NULL all). */
void group_table_print(const struct render_ctx *r, const struct group_table_opts *o,
                       enum out_format fmt, const unsigned char *keep, FILE *f);

#endif
