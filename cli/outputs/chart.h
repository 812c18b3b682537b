/* chart.h - the pictures of a report (report.h) as numbers and words, made by the report
 * builders and drawn by the backends that show them (REPORT_GRAPH: HTML, chart_html.h).
 *
 *   bars       per row two values, before and after (diff)
 *   lines      per row a value at each point of a series (trend); NAN is a hole
 *   histogram  per row one value: a bucket (summary's waits)
 *
 * A row has a label (raw text: a group's key, escaped by the backend), a badge (a word and
 * its style: "suspect" red, "new" green; "" none), a note said on the picture ("+100/min"),
 * the numbers in words ("5 → 25": the builder knows the units, the picture only the
 * geometry), and the row of the report's table whose detail (its stack) it links to
 * (0: none). Rows are drawn in the order they are added.
 */
#ifndef GS_CHART_H
#define GS_CHART_H

#include <stddef.h>

#include "buf.h"
#include "outputs/table.h"

enum chart_kind { CHART_BARS, CHART_LINES, CHART_HISTOGRAM };

struct chart_text {
	size_t off, len;         /* in chart.text */
};

struct chart_row {
	struct chart_text label, badge, note, numbers;
	enum table_style style;  /* the badge's */
	size_t first;            /* its values: v[first .. first + npoints) */
	size_t link;             /* table row whose detail it links to, 0 none */
};

struct chart {
	enum chart_kind kind;
	const char *caption, *hint; /* static text without < > &, like a table's */
	const char *what;        /* what the values count ("goroutines"), raw */
	size_t npoints;          /* values per row */
	struct gs_buf text;
	struct chart_text *legend; /* per point: its name ("before: a.txt"), may be empty */
	double *x;               /* lines: each point's time in seconds, NULL: evenly */
	double *v;
	size_t nv, vcap;
	struct chart_row *rows;
	size_t nrows, rows_cap;
};

void chart_init(struct chart *c, enum chart_kind kind, size_t npoints, const char *what);
void chart_free(struct chart *c);
/* The name of point i (bars: "before", "after"; lines: a file), raw text. */
void chart_legend(struct chart *c, size_t i, const char *s, size_t len);
/* Lines: the points' times (npoints values); without them points are evenly spaced. */
void chart_times(struct chart *c, const double *x);
/* A new row, its values NAN until chart_value sets them. */
void chart_row(struct chart *c, const char *label, size_t len, size_t link);
void chart_badge(struct chart *c, const char *word, enum table_style style);
void chart_notef(struct chart *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void chart_numbersf(struct chart *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Point i of the last row. */
void chart_value(struct chart *c, size_t i, double v);
/* Row r's value at point i; text t of the chart. */
double chart_at(const struct chart *c, size_t r, size_t i);
const char *chart_str(const struct chart *c, struct chart_text t);

#endif
