/* flame.h - folded stacks (fold.h) drawn as an SVG icicle graph: the root on top, each
 * frame's width its share of the value, one <title> per frame for the hover text. Static
 * SVG, no script: the HTML report embeds it and works offline and under a strict CSP.
 * Frames narrower than half a pixel are left out (their share is in their parent), so the
 * size follows what can be seen, not the number of stacks. A frame wide enough for five
 * characters is labelled inside its box: its name, or when that does not fit, the name
 * with its middle elided ("net/h…conn).serve"), so that with many groups and narrow boxes
 * the package's start and the function's name both stay readable; the full name is in
 * the <title>. */
#ifndef GS_FLAME_H
#define GS_FLAME_H

#include "buf.h"
#include "outputs/folded.h"

#define FLAME_WIDTH 1200   /* viewBox units; the page scales it to its width */
#define FLAME_ROW 18

/* Appends <svg>...</svg>, its text escaped for HTML/XML. what names the root ("goroutines"). */
void flame_svg(struct gs_buf *out, const struct fold *f, const char *what);

#endif
