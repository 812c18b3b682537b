/* diff_report.h - what `diff A B` computes and prints: per key of the join (series.h) the
 * number before, after and the delta, sorted by the size of the delta; the same as a report
 * (report.h), as JSON (json.h), and as folded lines `root;...;leaf before after` per stack,
 * the input of flamegraph.pl's differential mode.
 */
#ifndef GS_DIFF_REPORT_H
#define GS_DIFF_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "outputs/report.h"
#include "reports/series.h"

struct drow {
	size_t row;              /* of the join, s.x */
	int64_t before, after, delta;
	uint64_t leaked_before, leaked_after; /* goroutines the runtime proved leaked */
};

struct diff {
	struct series s;
	struct drow *rows;
	size_t nrows;
	int64_t total_before, total_after;
	size_t changed, added, gone, same;
	int any_leaked;          /* a row has goroutines proven leaked on a side */
	int by_given;            /* --by was given: folded lines say it does not apply */
};

/* The rows of d->s.x with a number on either side, largest change first. */
void diff_rows(struct diff *d);
void diff_free(struct diff *d);
/* "new", "gone", "changed" or "same". */
const char *diff_status(const struct drow *r);
/* Whether any row has a delta (--exit-code). */
int diff_any_delta(const struct diff *d);

/* The rows as a table (numbers with units and signs for people, whole for a spreadsheet;
 * in markdown and HTML the stacks of what changed), the totals as the footer; for a format
 * that draws, before/after bars per group, new and gone groups first (chart.h). */
void diff_report(struct report *rep, const struct diff *d);
/* One `root;...;leaf before after` line per stack, sorted: joined by stack, whatever --by
 * (a note says so when it was given). */
void diff_folded(struct diff *d, FILE *f);

#endif
