/* render_profile_json.h - profiles for machines: `summary --format json` of a heap, allocs,
 * mutex or block profile (gostacks.summary/1 with its profile keys) and
 * `top --format json` (gostacks.top/1); plus the "header" and "memstats" objects of a dump,
 * which the goroutine summary writes too. The keys are listed in the README's JSON section.
 */
#ifndef GS_RENDER_PROFILE_JSON_H
#define GS_RENDER_PROFILE_JSON_H

#include <stdio.h>

#include "jsonw.h"
#include "reports/profile_report.h"

void render_profile_summary_json(const struct profile_view *v, FILE *f);
void render_top_json(const struct profile_view *v, FILE *f);

/* The parsed header of a dump by name, null when its kind has none (debug=2):
 *   goroutine-debug1, threadcreate  {"total"} (null when not printed)
 *   heap, allocs   {"inuse_objects", "inuse_space", "alloc_objects", "alloc_space",
 *                   "sampling" ("heap", "heap_v2", ...), "rate" (the number after "/"),
 *                   "sampling_period" (bytes per sample pprof scales with; <= 1: none)}
 *   mutex, block   {"cycles_per_second" (null when not printed), "sampling_period", then
 *                   any other "key=value" attribute line by its key} */
void render_json_dump_header(struct jsonw *w, const struct gs_model *m, uint32_t dump);
/* The "# runtime.MemStats" lines of a heap dump as an object by field name: numbers,
 * "INUSE / SYS" as {"inuse", "sys"}, arrays as arrays, booleans, text; null when none. */
void render_json_memstats(struct jsonw *w, const struct gs_model *m, uint32_t dump);

#endif
