/* merge.h - one model's reading of the rest of an input, added to another's.
 *
 * Two readers of one input (gs_parser_adopt, parser.h): src read it from a line on, in
 * its own model, with lines numbered from 1; dst read it up to that line. Merging puts
 * src's strings, frames, stacks, goroutines and diagnostics into dst, lines shifted by
 * `off` (the lines dst's reader had), src's first dump joined to dst's dump `into` (the
 * goroutines go on where it stopped), its other dumps appended to `source`. The caller
 * decides whether that is what one reader would have built (gs_parser_adopt does).
 * Goroutine dumps only: a src holding profile samples or stats is refused.
 */
#ifndef GS_MERGE_H
#define GS_MERGE_H

#include <stdint.h>

#include "model.h"

/* 0; -1 when refused (nothing changed); -2 when memory or a cap ran out midway. */
int gs_model_merge(struct gs_model *dst, uint32_t source, uint32_t into,
                   const struct gs_model *src, uint64_t off);

#endif
