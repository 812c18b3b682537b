/* report_html.h - a report (report.h) as ONE self-contained HTML file: to attach to a
 * ticket or copy off a host with no browser.
 *
 * Inline CSS, no script, no font, image or link to anything: a Content-Security-Policy
 * meta tag (default-src 'none'; style-src 'unsafe-inline') makes any request a browser
 * might try fail. The page: the title; a section with every line of the report (alerts as
 * red notes, then paragraphs and the footer, in order); the report's charts (chart_html.h);
 * each table in a section of its own (a row with a detail links to it); the icicle graph
 * of the stacks (flame.h) when the report has one; every detail as a <details> block. A
 * print stylesheet puts it on paper black on white, nothing that fits a page split across
 * two, and every detail open. All text from dumps is escaped:
 * control bytes as \xNN, then
 * & < > " ' as entities, so nothing from a dump can become markup or script. */
#ifndef GS_REPORT_HTML_H
#define GS_REPORT_HTML_H

#include <stdio.h>

#include "buf.h"
#include "outputs/report.h"
#include "outputs/table.h"

#define TABLE_HTML_CSP "default-src 'none'; style-src 'unsafe-inline'"
/* The monospace fonts of code (functions, paths): the system's, nothing to fetch. */
#define HTML_MONO "ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\",monospace"

void report_print_html(const struct report *r, FILE *f);
/* Dump text as HTML text. */
void table_html_text(struct gs_buf *out, const char *s, size_t len);
/* The class of a badge in a style ("s-red"), "" for none. */
const char *html_badge_class(enum table_style s);

#endif
