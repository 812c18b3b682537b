/* render_json.h - JSON documents for machines: pretty-printed, keys in a fixed order,
 * versioned by "schema" (gostacks.summary/1, gostacks.check/1). Never coloured.
 */
#ifndef GS_RENDER_JSON_H
#define GS_RENDER_JSON_H

#include <stdio.h>

#include "render.h"

void render_json_summary(const struct render_ctx *r, FILE *f);
void render_json_check(const struct render_ctx *r, FILE *f);

#endif
