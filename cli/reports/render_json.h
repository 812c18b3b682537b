/* render_json.h - JSON documents for machines: pretty-printed, keys in a fixed order,
 * versioned by "schema" (gostacks.summary/1, gostacks.check/1). Never coloured.
 */
#ifndef GS_RENDER_JSON_H
#define GS_RENDER_JSON_H

#include <stdio.h>

#include "reports/render.h"

void render_json_summary(const struct render_ctx *r, FILE *f);
void render_json_check(const struct render_ctx *r, FILE *f);

/* Pieces the other JSON documents (render_profile_json.c, series.c) share with these two.
 * An interned text, a frame or a label set is null when absent (0) or mixed. */
struct jsonw;
void render_json_text(struct jsonw *w, const struct gs_model *m, uint32_t id);
void render_json_frame(struct jsonw *w, const struct gs_model *m, uint32_t frame);
void render_json_stack(struct jsonw *w, const struct gs_model *m, uint32_t stack); /* [frames] */
void render_json_labels(struct jsonw *w, const struct gs_model *m, uint32_t labels);
void render_json_sources(struct jsonw *w, const struct render_ctx *r);
void render_json_by(struct jsonw *w, const char *by);
void render_json_dumps(struct jsonw *w, const struct gs_model *m);
/* "diagnostics": [...], then "diagnostics_dropped"; diag_list: the list alone. */
void render_json_diags(struct jsonw *w, const struct gs_model *m);
void render_json_diag_list(struct jsonw *w, const struct gs_model *m);

#endif
