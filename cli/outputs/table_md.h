/* table_md.h - a table (table.h) as GitHub-flavoured markdown, to paste into a ticket.
 *
 * The title as a heading, notes as a quote, the table (cells cut to TABLE_MD_CELL_MAX
 * display columns with "…"), each detail as a <details> block holding a fenced code block,
 * and the footer. Text from dumps: control bytes as \xNN; in table cells and headings '|'
 * as \|, the markdown punctuation that would format (\ ` * _ [ ]) backslash-escaped and
 * < > & as entities, so no text from a dump becomes markup; inside a code fence text is
 * literal (the fence is longer than any run of backticks in it). */
#ifndef GS_TABLE_MD_H
#define GS_TABLE_MD_H

#include <stdio.h>

#include "buf.h"
#include "outputs/table.h"

#define TABLE_MD_CELL_MAX 80

void table_print_md(const struct table *t, FILE *f);
/* One cell's text escaped for a markdown table, cut to max display columns (0: no cut). */
void table_md_cell(struct buf *out, const char *s, size_t len, size_t max);

#endif
