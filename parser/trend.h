/* trend.h - the verdicts of `gostacks trend` on one group's series: leak suspect, stuck,
 * growth per dump and per minute. Pure arithmetic on the numbers; no model.
 *
 * A series has n points; known[i] == 0 marks a hole (a file that could not be read): the
 * point is skipped, but it still counts as one step of the series (it was a moment in time).
 *
 * Suspect (the count, or a profile's value, keeps rising), over the known points
 * x[first] .. x[last], at least two of them:
 *   rise = x[last] - x[first] >= min_rise (and > 0), and
 *   at most one dip (a point lower than the known point before it), and that dip is small:
 *   no deeper than a quarter of the rise.
 * So 5 10 15 20 25 and 12 18 17 25 31 are suspects; 10 12 11 14 13 20 (two dips) and
 * 10 30 12 31 (a dip of 18 for a rise of 21) are not: that is churn, not a leak.
 *
 * Growth: rise / (last - first) per dump, counting steps by position (holes included);
 * per minute: rise / ((t[last] - t[first]) / 60) when both times are known and differ.
 *
 * Stuck (the same goroutines, aging), over the known points, at least two of them: the
 * count is the same non-zero number at every known point, and the youngest member's wait
 * (`young`, minutes; 0 when any member printed no wait) never falls and ends higher than
 * it started. Stuck and suspect exclude each other (a stuck series does not rise).
 */
#ifndef GS_TREND_H
#define GS_TREND_H

#include <stddef.h>
#include <stdint.h>

struct trend_verdict {
	int suspect;
	int stuck;
	int64_t rise;               /* x[last] - x[first], 0 with fewer than 2 known points */
	unsigned dips;
	size_t known;               /* known points */
	double growth;              /* per dump */
	int has_per_minute;
	double growth_per_minute;
};

/* times: seconds since the epoch per point, or NULL; time_known[i] says which are valid
 * (NULL: none). young may be NULL (no stuck verdict). */
void gs_trend_judge(const int64_t *x, const unsigned char *known, size_t n, int64_t min_rise,
                    const double *times, const unsigned char *time_known,
                    const uint32_t *young, struct trend_verdict *v);

#endif
