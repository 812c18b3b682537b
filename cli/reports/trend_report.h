/* trend_report.h - what `trend A B C...` computes and prints: per key of the join
 * (series.h) its number at every point, the verdict: leaked when the runtime proved some
 * of its goroutines leaked (Go 1.26+), else the rules' (trend.h: leak suspect, inferred
 * from growth; stuck), and its growth per dump and per minute; proven leaks first, then
 * suspects. As a report (report.h) and as JSON (json.h).
 */
#ifndef GS_TREND_REPORT_H
#define GS_TREND_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "outputs/report.h"
#include "reports/series.h"
#include "trend.h"

struct trow {
	size_t row;              /* of the join, s.x */
	struct trend_verdict v;
	int64_t last;            /* the last known point's number */
	uint64_t leaked;         /* goroutines the runtime proved leaked, at the last point
	                            that had any: a verdict no rise is needed for */
};

struct trend {
	struct series s;
	int64_t min_rise;
	double *times;           /* per point, seconds */
	unsigned char *time_known;
	unsigned char *known;    /* per point: not a hole */
	const char *time_source; /* of the series: filename, mtime, mixed, none */
	struct trow *rows;
	size_t nrows, suspects, stuck; /* suspects: not proven leaked */
	size_t leaked;           /* rows with goroutines proven leaked */
};

/* The times of the points (from the file names or modification times, all or none, and
 * only when they increase), with a note saying which. */
void trend_times(struct trend *t);
/* The rows of t->s.x with a number at some point, judged and ranked. */
void trend_rows(struct trend *t);
void trend_free(struct trend *t);

/* The rows as a table: the verdict, growth, the numbers (one column "5 → 8 → 12" for
 * people, a column per point for a spreadsheet), the key; in markdown and HTML the stacks
 * of suspects and stuck groups; the counts as the footer; for a format that draws, a line
 * chart per group in the table's order, its growth on it (chart.h). */
void trend_report(struct report *rep, const struct trend *t);

#endif
