/* chart_html.h - charts (chart.h) drawn for the HTML report: inline SVG and plain HTML,
 * no script, nothing loaded; readable with JavaScript off and on paper.
 *
 *   bars       a row per group: its badge, its label (a link to its stack), two bars
 *              (before grey, after red when it rose, green when it fell) on one scale,
 *              and the numbers in words;
 *   lines      a small chart per group, in a grid: the series as a line (broken at
 *              holes, each point a dot whose <title> says its value), the note (growth
 *              per minute) in its corner, the first and last numbers under it; a suspect's
 *              card is outlined red;
 *   histogram  a bar per bucket, its count above it, its name under it, its share in
 *              the bar's <title>.
 * Every text is escaped (report_html.h); the SVG scales with the page (viewBox), its text
 * kept inside the viewBox so it cannot spill out of its box.
 */
#ifndef GS_CHART_HTML_H
#define GS_CHART_HTML_H

#include <stdio.h>

#include "buf.h"
#include "outputs/chart.h"

/* The stylesheet the charts need (added once to a page that has any). */
extern const char chart_html_css[];

/* Appends the chart as a <section>, written out to f as it grows (table_flush). */
void chart_html(struct gs_buf *out, const struct chart *c, FILE *f);

#endif
