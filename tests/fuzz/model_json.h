/* model_json.h - the whole model as JSON text, through parser/jsonw.h, for the fuzz harnesses
 * and the chunking differential (tests/fuzz/chunkdiff.c).
 *
 * Everything a command could read is written by value, never by id: strings as text, frames
 * as [func, file, line], stacks as their frames, so two models built from the same bytes in
 * different chunkings give the same bytes here whatever their interning order. Links only
 * against libgostacks (parser/): no CLI, no libcurl, no PCRE2.
 */
#ifndef GS_MODEL_JSON_H
#define GS_MODEL_JSON_H

#include "buf.h"
#include "model.h"

/* Sources, dumps, goroutines, samples, stats and diagnostics. */
void model_json(const struct gs_model *m, struct gs_buf *out);

/* Grouping (group.h) of every dump with a few key sets, sites (sites.h) of every profile
 * dump, the dumps joined by key (match.h) with a trend verdict (trend.h) per row. May intern
 * a label key into m (gs_by_parse). 0, or -1 when memory ran out. */
int model_json_analyses(struct gs_model *m, unsigned variant, struct gs_buf *out);

#endif
