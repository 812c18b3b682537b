/* scale.c - pprof's unsampling of debug=1 heap and contention values. See scale.h for the
 * formulas; this file only adds the care Go's conversions take for granted. */
#include "scale.h"

#include <math.h>
#include <string.h>

/* Go's int64(float64): truncation toward zero. Out-of-range results are
 * implementation-defined in Go and undefined in C: clamp instead. */
static int64_t trunc_i64(double x)
{
	if (x != x)
		return 0;
	if (x >= 9223372036854775807.0)
		return INT64_MAX;
	if (x <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)x;
}

void gs_scale_heap(int64_t count, int64_t size, int64_t rate, int64_t *count_out,
                   int64_t *size_out)
{
	double avg, scale;

	if (count == 0 || size == 0) {
		*count_out = 0;
		*size_out = 0;
		return;
	}
	if (rate <= 1) {
		*count_out = count;
		*size_out = size;
		return;
	}
	avg = (double)size / (double)count;
	scale = 1.0 / (1.0 - exp(-avg / (double)rate));
	*count_out = trunc_i64((double)count * scale);
	*size_out = trunc_i64((double)size * scale);
}

void gs_scale_contention(int64_t cycles, int64_t count, int64_t period,
                         int64_t cycles_per_second, int64_t *delay_ns, int64_t *contentions)
{
	*delay_ns = cycles;
	*contentions = count;
	if (period <= 0)
		return;
	if (cycles_per_second > 0) {
		double ghz = (double)cycles_per_second / 1e9;

		*delay_ns = trunc_i64((double)cycles * (double)period / ghz);
	}
	/* Go wraps on overflow here; saturate rather than invoke C's undefined behaviour. */
	if (count != 0 && (count > INT64_MAX / period || count < INT64_MIN / period))
		*contentions = count > 0 ? INT64_MAX : INT64_MIN;
	else
		*contentions = count * period;
}

int gs_sample_scaled(const struct gs_model *m, const struct gs_sample *s, int64_t out[4])
{
	const struct gs_dump *d;

	memset(out, 0, 4 * sizeof(out[0]));
	if (s->dump >= m->ndumps)
		return -1;
	d = &m->dumps[s->dump];
	switch (gs_kind_family(d->kind)) {
	case GS_FAM_HEAP:
		gs_scale_heap(s->v[0], s->v[1], d->rate, &out[0], &out[1]);
		gs_scale_heap(s->v[2], s->v[3], d->rate, &out[2], &out[3]);
		return 0;
	case GS_FAM_CONTENTION:
		gs_scale_contention(s->v[0], s->v[1], d->sampling_period, d->cycles_per_second,
		                    &out[0], &out[1]);
		return 0;
	case GS_FAM_COUNT:
	case GS_FAM_NONE:
		break;
	}
	return -1;
}
