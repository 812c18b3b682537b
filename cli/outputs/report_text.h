/* report_text.h - a report (report.h) as aligned text, for people and for grep.
 *
 * Lines as they are (alerts red and bold with colour); tables with columns padded to the
 * widest cell, two spaces apart, numbers right-aligned, no trailing blanks; on a terminal
 * (report.cap) cells wider than cap display columns are cut with "…", except columns
 * marked whole and the header. Control bytes from dumps come out as \xNN. A table with
 * details prints, per row, the header row, the row, then its detail and a blank line
 * (`show`). Colour (report.color): the header bold, cells and spans by their style. */
#ifndef GS_REPORT_TEXT_H
#define GS_REPORT_TEXT_H

#include <stdio.h>

#include "outputs/report.h"

void report_print_text(const struct report *r, FILE *f);

#endif
