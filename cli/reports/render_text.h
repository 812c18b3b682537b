/* render_text.h - aligned text tables for people (and grep): one row per group. */
#ifndef GS_RENDER_TEXT_H
#define GS_RENDER_TEXT_H

#include <stdio.h>

#include "reports/render.h"

#define TEXT_CELL_MAX 60 /* display columns of a cell on a terminal; pipes get it whole */

/* Panic/signal lines, the table, the footer with all counts. */
void render_text_summary(const struct render_ctx *r, FILE *f);
/* Per source: format, normalisations, dumps, goroutines, g0 stacks, skipped, lines. */
void render_text_check(const struct render_ctx *r, FILE *f);

#endif
