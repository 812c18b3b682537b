/* profile_report.h - heap, allocs, mutex, block (and count) profiles as reports
 * (report.h): the profile summary (totals, sampling and MemStats digest, top sites) and
 * the `top` table (flat, flat%, sum%, cum, cum% like `go tool pprof -top`, with the
 * function names of the file). In markdown and HTML each site also gets its stack, and
 * HTML an icicle graph of the records; a spreadsheet gets whole numbers (bytes,
 * nanoseconds) and, for a summary, every site.
 */
#ifndef GS_PROFILE_REPORT_H
#define GS_PROFILE_REPORT_H

#include <stddef.h>

#include "model.h"
#include "outputs/report.h"
#include "sites.h"

/* What one profile rendering shows. */
struct profile_view {
	const struct gs_model *m;
	const struct gs_sites *sites; /* sorted by col */
	unsigned kinds;               /* the dumps read (kinds.h KIND_BIT mask) */
	enum gs_kind kind;            /* kinds_result(): what the result is named by */
	unsigned keys;                /* GK_* of --by */
	uint32_t label_key;           /* for GK_LABEL */
	const char *by;               /* --by as given (or the default) */
	int col;                      /* the value column sorted by (and shown by top) */
	int scaled;                   /* 1: pprof's estimates; 0: the file's numbers (--raw) */
	size_t limit;                 /* rows shown, 0 = all */
	const unsigned char *keep_samples;    /* the records read (per m->samples), NULL all */
	const unsigned char *keep_goroutines; /* ... of goroutine kinds (per m->goroutines) */
};

/* The rows a profile summary shows (a spreadsheet and JSON have them all). */
#define PROFILE_SUMMARY_ROWS 10

/* Totals (estimated and as in the file), per dump the sampling and a MemStats digest or
 * the contention attributes, the top sites by the kind's main value, a footer. */
void profile_summary_report(struct report *rep, const struct profile_view *v);
/* The top table: lines that say what the numbers are, then the rows. */
void top_report(struct report *rep, const struct profile_view *v);

#endif
