/* report_md.h - a report (report.h) as GitHub-flavoured markdown, to paste into a ticket.
 *
 * The title as a heading, then the blocks in order: alert lines as a quote, paragraph and
 * footer lines as paragraphs (a line break between lines), each table (cells whole: a
 * page scrolls, and a cut would lose what the reader came for) followed by its details,
 * each a <details>
 * block holding a fenced code block. Text from dumps: control bytes as \xNN; in cells,
 * lines and headings '|' as \|, the markdown punctuation that would format (\ ` * _ [ ])
 * backslash-escaped and < > & as entities, so no text from a dump becomes markup; inside
 * a code fence text is literal (the fence is longer than any run of backticks in it). */
#ifndef GS_REPORT_MD_H
#define GS_REPORT_MD_H

#include <stdio.h>

#include "buf.h"
#include "outputs/report.h"

void report_print_md(const struct report *r, FILE *f);
/* One cell's text escaped for a markdown table, cut to max display columns (0: no cut). */
void table_md_cell(struct gs_buf *out, const char *s, size_t len, size_t max);

#endif
