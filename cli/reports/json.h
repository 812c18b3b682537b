/* json.h - the model as JSON documents: the one place a JSON member is written.
 *
 * Every document is one pretty-printed object, keys in a fixed order, versioned by its
 * "schema" (the README's JSON section lists the keys; extend, never break):
 *   gostacks.summary/1  goroutine groups (summary, show), or a profile's sites (summary)
 *   gostacks.check/1    what check found per source
 *   gostacks.top/1      top's rows
 *   gostacks.diff/1     diff's rows, before and after per key
 *   gostacks.trend/1    trend's rows, the numbers per point and the verdicts
 * Never coloured; text from dumps escaped by the writer (jsonw.h). Rows are flushed to the
 * stream as they are written. The module's files: json_model.c (the pieces: frames,
 * stacks, labels, sources, dumps, headers, diagnostics), json_groups.c (summary, check),
 * json_sites.c (profile summary, top), json_series.c (diff, trend).
 */
#ifndef GS_JSON_H
#define GS_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "jsonw.h"
#include "model.h"
#include "reports/diff_report.h"
#include "reports/profile_report.h"
#include "reports/render.h"
#include "reports/trend_report.h"

/* --- documents --- */
void json_summary(const struct render_ctx *r, FILE *f);
void json_check(const struct render_ctx *r, FILE *f);
void json_profile_summary(const struct profile_view *v, FILE *f);
void json_top(const struct profile_view *v, FILE *f);
void json_diff(const struct diff *d, FILE *f);
void json_trend(const struct trend *t, FILE *f);

/* --- pieces (keys.c prints a key's value with them) ---
 * An interned text, a frame or a label set is null when absent (0) or mixed. */
void json_text(struct gs_jsonw *w, const struct gs_model *m, uint32_t id);
void json_frame(struct gs_jsonw *w, const struct gs_model *m, uint32_t frame); /* {func, file, line} */
void json_stack(struct gs_jsonw *w, const struct gs_model *m, uint32_t stack); /* [frames] */
void json_labels(struct gs_jsonw *w, const struct gs_model *m, uint32_t labels);
/* {"kind": "Mutex", "address": "0xc0000a0078"}, null for none or mixed (object.h) */
void json_object(struct gs_jsonw *w, const struct gs_model *m, uint32_t object);

/* --- what the module's documents share --- */
/* A document being written: begun with {"schema": schema, ended with } and a newline. */
struct json_doc {
	struct gs_buf out;
	struct gs_jsonw w;
	FILE *f;
};
void json_doc_begin(struct json_doc *d, FILE *f, const char *schema);
/* Writes what is pending once it is large (after each row). */
void json_doc_flush(struct json_doc *d);
void json_doc_end(struct json_doc *d);

/* "sources": [{name, format, dumps, bytes, lines}]; check adds its counts per source. */
void json_sources(struct gs_jsonw *w, const struct render_ctx *r, int check);
/* "by": the --by spec's words. */
void json_by(struct gs_jsonw *w, const char *by);
/* "dumps": [{source, kind, first_line, last_line, goroutines, panic, signal, records,
 * header}]. */
void json_dumps(struct gs_jsonw *w, const struct gs_model *m);
/* "diagnostics": [...], then with dropped "diagnostics_dropped". */
void json_diags(struct gs_jsonw *w, const struct gs_model *m, int dropped);
/* The parsed header of a dump by name, null when its kind has none (debug=2):
 *   goroutine-debug1, threadcreate  {"total"} (null when not printed)
 *   heap, allocs   {"inuse_objects", "inuse_space", "alloc_objects", "alloc_space",
 *                   "sampling" ("heap", "heap_v2", ...), "rate" (the number after "/"),
 *                   "sampling_period" (bytes per sample pprof scales with; <= 1: none)}
 *   mutex, block   {"cycles_per_second" (null when not printed), "sampling_period", then
 *                   any other "key=value" attribute line by its key} */
void json_dump_header(struct gs_jsonw *w, const struct gs_model *m, uint32_t dump);
/* The "# runtime.MemStats" lines of a heap dump as an object by field name: numbers,
 * "INUSE / SYS" as {"inuse", "sys"}, arrays as arrays, booleans, text; null when none. */
void json_memstats(struct gs_jsonw *w, const struct gs_model *m, uint32_t dump);

#endif
