/* scale.h - the estimates `go tool pprof` shows for a debug=1 profile's raw values.
 *
 * The debug=1 text prints what the runtime sampled; pprof's legacy parser
 * (google/pprof profile/legacy_profile.go) turns the numbers into estimates of the real
 * ones. These functions do the same arithmetic, so our numbers and pprof's agree:
 * float64 products truncated toward zero to int64, as Go's int64(float64) does.
 */
#ifndef GS_SCALE_H
#define GS_SCALE_H

#include <stdint.h>

#include "model.h"

/* Heap (pprof scaleHeapSample). Allocations are sampled by a Poisson process with mean
 * `rate` bytes, so an object of size S is in the profile with probability 1-exp(-S/rate):
 *   count == 0 || size == 0  ->  0, 0
 *   rate <= 1                ->  count, size          (every allocation recorded / unknown)
 *   avg   = size / count                              (float64)
 *   scale = 1 / (1 - exp(-avg / rate))
 *   -> trunc(count * scale), trunc(size * scale)
 * `rate` is the dump's `rate`: RATE2/2 for "@ heap/RATE2" (the header prints twice
 * MemProfileRate), RATE as is for "heap_v2/RATE", 1 for "heapprofile". */
void gs_scale_heap(int64_t count, int64_t size, int64_t rate, int64_t *count_out,
                   int64_t *size_out);

/* Mutex / block (pprof parseContentionSample), with `period` the "sampling period" (1 when
 * not printed) and `cycles_per_second` the "cycles/second" line:
 *   period > 0:  contentions = count * period
 *                delay_ns    = trunc(cycles * period / (cycles_per_second / 1e9))
 *                              (cycles unchanged when cycles_per_second <= 0)
 *   period <= 0: both unchanged. */
void gs_scale_contention(int64_t cycles, int64_t count, int64_t period,
                         int64_t cycles_per_second, int64_t *delay_ns, int64_t *contentions);

/* The estimates of one sample, in the order of its v:
 *   heap, allocs  {inuse_objects, inuse_space, alloc_objects, alloc_space}  scaled
 *   mutex, block  {delay_ns, contentions, 0, 0}
 * 0, or -1 (out zeroed) when the sample's dump is not one of these kinds. */
int gs_sample_scaled(const struct gs_model *m, const struct gs_sample *s, int64_t out[4]);

#endif
