/* table_html.h - a table (table.h) as ONE self-contained HTML file: a report to attach to a
 * ticket or copy off a host with no browser.
 *
 * Inline CSS, no script, no font, image or link to anything: a Content-Security-Policy
 * meta tag (default-src 'none'; style-src 'unsafe-inline') makes any request a browser
 * might try fail. The page: title, notes (panic lines), an optional icicle graph of the
 * stacks (flame.h), the table (a row with a detail links to it), every detail as a
 * <details> block, the footer. All text from dumps is escaped: control bytes as \xNN, then
 * & < > " ' as entities, so nothing from a dump can become markup or script. */
#ifndef GS_TABLE_HTML_H
#define GS_TABLE_HTML_H

#include <stdio.h>

#include "buf.h"
#include "outputs/folded.h"
#include "outputs/table.h"

#define TABLE_HTML_CSP "default-src 'none'; style-src 'unsafe-inline'"

/* flame: stacks for the graph, NULL for none; what: their unit ("goroutines"). */
void table_print_html(const struct table *t, const struct fold *flame, const char *what,
                      FILE *f);
/* Dump text as HTML text. */
void table_html_text(struct buf *out, const char *s, size_t len);

#endif
