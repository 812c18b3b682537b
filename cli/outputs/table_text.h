/* table_text.h - a table (table.h) as aligned text, for people and for grep.
 *
 * Columns are padded to the widest cell, two spaces apart, numbers right-aligned, no
 * trailing blanks; with cap, cells wider than cap display columns are cut with "…" (a
 * terminal), except columns marked whole. Control bytes from dumps come out as \xNN.
 * Notes come first, the footer last. A table with details prints, per row, the header
 * row, the row, then its detail and a blank line (`show`); without, one table.
 * color: styles as ANSI (bold header, cell and span styles). */
#ifndef GS_TABLE_TEXT_H
#define GS_TABLE_TEXT_H

#include <stdio.h>

#include "outputs/table.h"

void table_print_text(const struct table *t, int color, size_t cap, FILE *f);
/* The ANSI sequence of a style, "" for none. */
const char *table_text_ansi(enum table_style style);

#endif
