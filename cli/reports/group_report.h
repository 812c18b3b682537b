/* group_report.h - a grouping (group.h) as a report (report.h): what `summary` of
 * goroutines and `show` print in every format but JSON.
 *
 * Panic and signal lines as alerts; one row per group in summary order: [#] COUNT STATE
 * WAIT WHERE [LABELS] [LABEL K] CREATED BY [IDS STACK]; the counts as the footer. What a
 * format shows decides the rest: a summary on a terminal is its rows alone (no '#'), in
 * markdown and HTML each group also gets its member ids (compressed: "1-5, 9, 12-40") and
 * its representative stack as Go prints it (function and arguments, then the file line;
 * functions styled by package), from a member whose arguments the model kept; HTML adds an
 * icicle graph of the goroutines shown and, for a summary, a histogram of their waits. `show` has the ids and stacks in every format
 * (as IDS and STACK columns in CSV).
 */
#ifndef GS_GROUP_REPORT_H
#define GS_GROUP_REPORT_H

#include <stddef.h>

#include "outputs/report.h"
#include "reports/render.h"

struct group_report {
	const struct render_ctx *r;
	const unsigned char *keep; /* the goroutines grouped (the icicle graph), NULL all */
	const size_t *groups;    /* indexes into r->gr->groups to show; NULL = all */
	size_t ngroups;
	int show;                /* show: every group's ids and stack, "(N shown)" */
	int all;                 /* show: every member's header line too */
	const char *title;       /* markdown's and HTML's title, NULL none */
};

void group_report(struct report *rep, const struct group_report *o);

#endif
