/* watch_report.h - what `watch` shows of its history (watch_history.h): one row per group
 * of the first or the last sample, with its count now, the change since the first and the
 * last sample, the growth per minute, the longest wait and its key, sorted by growth (or
 * count, or wait); marked MARK: leaked (the runtime proved members leaked), suspect or
 * stuck (trend.h's rules over the kept samples), new or gone. Two lines above the table
 * say what is watched and the totals. A report (report.h): the terminal redraws it,
 * a pipe gets one after another.
 */
#ifndef GS_WATCH_REPORT_H
#define GS_WATCH_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "outputs/report.h"
#include "reports/watch_history.h"

enum watch_sort { WATCH_SORT_GROWTH = 0, WATCH_SORT_COUNT, WATCH_SORT_WAIT, WATCH_NSORTS };

/* "growth", "count", "wait" */
const char *watch_sort_word(enum watch_sort s);
/* 0, or -1 for a word that is none of them */
int watch_sort_parse(const char *word, enum watch_sort *out);

struct watch_view {
	const char *source;      /* as given */
	const char *every;       /* --every as given */
	enum watch_sort sort;
	int64_t min_rise;        /* trend.h's suspect rule */
	size_t max_rows;         /* rows of the table at most (a terminal's height), 0 all */
};

void watch_report(struct report *rep, const struct watch_history *h,
                  const struct watch_view *v);

#endif
