/* grid.h - a small table of text cells printed three ways: aligned text (people, grep),
 * CSV (RFC 4180: spreadsheets) and a GitHub markdown table (incident tickets).
 *
 * diff and trend printed through it until the shared table renderer (cli/table.h) landed;
 * they now use table.h. Code that still includes this module should move to table.h too,
 * and this module go.
 *
 * Cells hold raw text (from dumps: anything). Each writer escapes for its format: text and
 * markdown show control bytes as \xNN (term.h), markdown writes '|' as \|, CSV quotes a
 * field holding ',', '"', CR or LF and doubles its quotes. The first row is the header;
 * CSV writes it in lower case with '_' for blanks and '/' (names a formula can use).
 */
#ifndef GS_GRID_H
#define GS_GRID_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

enum grid_format { GRID_TEXT = 0, GRID_CSV, GRID_MD };

struct grid {
	struct buf text;        /* every cell's raw text, back to back */
	size_t *start;          /* per cell: offset in text; a cell ends where the next starts */
	const char **color;     /* per cell: ANSI colour for text output, NULL none */
	size_t ncells, cap;
	size_t ncols;
	unsigned char *right;   /* per column: right-aligned (numbers) */
	unsigned char *whole;   /* per column: never cut on a terminal */
};

void grid_init(struct grid *g, size_t ncols);
void grid_free(struct grid *g);
void grid_right(struct grid *g, size_t col);
void grid_whole(struct grid *g, size_t col);
/* Starts the next cell (rows fill left to right, ncols per row) and returns the buffer to
 * append its text to; the cell ends when the next one starts. */
struct buf *grid_cell(struct grid *g);
void grid_lit(struct grid *g, const char *s);
void grid_cellf(struct grid *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Colour of the cell just started (text output with colour only). */
void grid_color(struct grid *g, const char *color);
size_t grid_rows(const struct grid *g);

/* Text: columns padded to the widest cell, two spaces apart, no trailing blanks; with
 * cap, cells wider than `cap` display columns are cut with "…" (a terminal). */
void grid_print(const struct grid *g, enum grid_format fmt, int color, size_t cap, FILE *f);

#endif
