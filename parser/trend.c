/* trend.c - see trend.h for the rules; they are written there once, for users and tests. */
#include "trend.h"

#include <string.h>

static int is_stuck(const int64_t *x, const unsigned char *known, size_t n,
                    const uint32_t *young)
{
	size_t i, nk = 0;
	int64_t count = 0;
	uint32_t prev = 0, first = 0;

	for (i = 0; i < n; i++) {
		if (!known[i])
			continue;
		if (nk == 0) {
			count = x[i];
			first = young[i];
		} else if (x[i] != count || young[i] < prev) {
			return 0;
		}
		prev = young[i];
		nk++;
	}
	return nk >= 2 && count > 0 && prev > first;
}

void gs_trend_judge(const int64_t *x, const unsigned char *known, size_t n, int64_t min_rise,
                    const double *times, const unsigned char *time_known,
                    const uint32_t *young, struct trend_verdict *v)
{
	size_t i, first = SIZE_MAX, last = SIZE_MAX, prev = SIZE_MAX;
	int64_t deepest = 0;

	memset(v, 0, sizeof *v);
	for (i = 0; i < n; i++) {
		if (!known[i])
			continue;
		v->known++;
		if (first == SIZE_MAX)
			first = i;
		if (prev != SIZE_MAX && x[i] < x[prev]) {
			v->dips++;
			if (x[prev] - x[i] > deepest)
				deepest = x[prev] - x[i];
		}
		prev = i;
		last = i;
	}
	if (v->known < 2)
		return;
	v->rise = x[last] - x[first];
	v->growth = (double)v->rise / (double)(last - first);
	if (times && time_known && time_known[first] && time_known[last] &&
	    times[last] > times[first]) {
		v->has_per_minute = 1;
		v->growth_per_minute = (double)v->rise * 60.0 / (times[last] - times[first]);
	}
	/* a dip no deeper than a quarter of the rise (in double: no overflow for bytes) */
	v->suspect = v->rise > 0 && v->rise >= min_rise && v->dips <= 1 &&
	             (double)deepest * 4.0 <= (double)v->rise;
	if (young)
		v->stuck = is_stuck(x, known, n, young);
}
