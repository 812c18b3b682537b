/* chart_html.c - see chart_html.h. */
#include "outputs/chart_html.h"

#include <math.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/report_html.h"

/* lines: one card's picture, in viewBox units */
#define SPARK_W 240.0
#define SPARK_H 84.0
#define SPARK_LEFT 6.0
#define SPARK_RIGHT 234.0
#define SPARK_TOP 20.0         /* under the note */
#define SPARK_BOTTOM 64.0      /* above the numbers */
/* histogram */
#define HIST_BAR 100.0         /* per bucket */
#define HIST_H 170.0
#define HIST_TOP 22.0          /* room for the counts */
#define HIST_BASE 140.0        /* the bars stand on it; the names under it */

const char chart_html_css[] =
	".chart .legend{margin:0 0 10px}\n"
	".chart a{color:#0969da;text-decoration:none}.chart a:hover{text-decoration:underline}\n"
	".bk-before{fill:#c4ccd5;background:#c4ccd5}.bk-rise{fill:#e5534b;background:#e5534b}"
	".bk-fall{fill:#4caf6a;background:#4caf6a}.bk-same{fill:#8c959f;background:#8c959f}\n"
	"table.bars td{vertical-align:middle}\n"
	"table.bars td.label{width:46%;font-family:" HTML_MONO ";font-size:12.5px;"
	"white-space:normal;overflow-wrap:anywhere}\n"
	"table.bars td.barcell{width:34%;min-width:120px}\n"
	"svg.bar{display:block;width:100%;height:18px}\n"
	".sparks{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}\n"
	"figure.spark{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px;"
	"min-width:0}\n"
	"figure.spark.suspect{border:2px solid #cf222e;background:#fff8f7}\n"
	"figure.spark.stuck{border:2px solid #bf8700}\n"
	"figure.spark figcaption{font-family:" HTML_MONO ";font-size:12px;"
	"overflow-wrap:anywhere;margin:0 0 4px}\n"
	"figure.spark svg{display:block;width:100%;height:auto;font:11px " HTML_MONO "}\n"
	"svg .axis{stroke:#d1d9e0;stroke-width:1}\n"
	"svg .line{fill:none;stroke:#0969da;stroke-width:2;stroke-linejoin:round}\n"
	"figure.suspect svg .line{stroke:#cf222e}\n"
	"svg circle{fill:#fff;stroke:#0969da;stroke-width:1.5}\n"
	"figure.suspect svg circle{stroke:#cf222e}\n"
	"svg .rate{font-weight:600;fill:#1f2328}\n"
	"svg .ends{fill:#59636e}\n"
	"svg.hist{display:block;width:100%;max-width:760px;height:auto;font:12px " HTML_MONO "}\n"
	"svg.hist rect{fill:#5a8dd6}\n"
	"svg.hist .zero{fill:#d1d9e0}\n"
	"svg.hist text{fill:#1f2328}\n";

static void text(struct gs_buf *out, const struct chart *c, struct chart_text t)
{
	table_html_text(out, chart_str(c, t), t.len);
}

static void heading(struct gs_buf *out, const struct chart *c, const char *fallback)
{
	gs_buf_adds(out, "<section class=\"chart\">\n<h2>");
	gs_buf_adds(out, c->caption ? c->caption : fallback);
	if (c->hint) {
		gs_buf_adds(out, "<small>");
		gs_buf_adds(out, c->hint);
		gs_buf_adds(out, "</small>");
	}
	gs_buf_adds(out, "</h2>\n");
}

static void badge(struct gs_buf *out, const struct chart *c, const struct chart_row *r)
{
	const char *cls = html_badge_class(r->style);

	if (r->badge.len == 0)
		return;
	gs_buf_addf(out, "<span class=\"badge %s\">", cls);
	text(out, c, r->badge);
	gs_buf_adds(out, "</span> ");
}

/* The label, a link to the row's stack when it has one. */
static void label(struct gs_buf *out, const struct chart *c, const struct chart_row *r)
{
	if (r->link)
		gs_buf_addf(out, "<a href=\"#d%zu\">", r->link);
	text(out, c, r->label);
	if (r->link)
		gs_buf_adds(out, "</a>");
}

static double finite_or(double v, double other)
{
	return isnan(v) ? other : v;
}

/* ---- bars ---- */

static void bars(struct gs_buf *out, const struct chart *c)
{
	double top = 0, before, after, w0, w1;
	const char *cls;
	size_t i;

	for (i = 0; i < c->nrows; i++) {
		before = finite_or(chart_at(c, i, 0), 0);
		after = finite_or(chart_at(c, i, 1), 0);
		if (before > top)
			top = before;
		if (after > top)
			top = after;
	}
	heading(out, c, "Before and after");
	gs_buf_adds(out, "<div class=\"legend\"><span><i class=\"bk-before\"></i>");
	text(out, c, c->legend[0]);
	gs_buf_adds(out, "</span><span><i class=\"bk-rise\"></i>");
	text(out, c, c->legend[1]);
	gs_buf_adds(out, ", risen</span><span><i class=\"bk-fall\"></i>fallen</span>"
	                 "<span><i class=\"bk-same\"></i>the same</span></div>\n"
	                 "<table class=\"bars\">\n<tbody>\n");
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];

		before = finite_or(chart_at(c, i, 0), 0);
		after = finite_or(chart_at(c, i, 1), 0);
		/* at least a sliver, so a small group is seen at all */
		w0 = top > 0 && before > 0 ? fmax(100.0 * before / top, 0.6) : 0;
		w1 = top > 0 && after > 0 ? fmax(100.0 * after / top, 0.6) : 0;
		cls = after > before ? "bk-rise" : after < before ? "bk-fall" : "bk-same";
		gs_buf_adds(out, "<tr><td>");
		badge(out, c, r);
		gs_buf_adds(out, "</td><td class=\"label\">");
		label(out, c, r);
		gs_buf_adds(out, "</td><td class=\"barcell\"><svg class=\"bar\" viewBox=\"0 0 100 18\" "
		                 "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"");
		text(out, c, r->numbers);
		gs_buf_adds(out, "\"><title>");
		text(out, c, r->numbers);
		gs_buf_addf(out, "</title><rect class=\"bk-before\" x=\"0\" y=\"1\" width=\"%.2f\" "
		                 "height=\"7\"/><rect class=\"%s\" x=\"0\" y=\"10\" width=\"%.2f\" "
		                 "height=\"7\"/></svg></td><td class=\"num\">", w0, cls, w1);
		text(out, c, r->numbers);
		gs_buf_adds(out, "</td></tr>\n");
	}
	gs_buf_adds(out, "</tbody>\n</table>\n</section>\n");
}

/* ---- lines ---- */

static double spark_x(const struct chart *c, size_t i)
{
	double span;

	if (c->x && c->npoints > 1) {
		span = c->x[c->npoints - 1] - c->x[0];
		if (span > 0)
			return SPARK_LEFT + (SPARK_RIGHT - SPARK_LEFT) * (c->x[i] - c->x[0]) / span;
	}
	if (c->npoints < 2)
		return (SPARK_LEFT + SPARK_RIGHT) / 2;
	return SPARK_LEFT + (SPARK_RIGHT - SPARK_LEFT) * (double)i / (double)(c->npoints - 1);
}

static void spark(struct gs_buf *out, const struct chart *c, size_t r)
{
	const struct chart_row *row = &c->rows[r];
	double lo = INFINITY, hi = -INFINITY, v, y;
	size_t i;
	int open = 0;

	for (i = 0; i < c->npoints; i++) {
		v = chart_at(c, r, i);
		if (isnan(v))
			continue;
		lo = fmin(lo, v);
		hi = fmax(hi, v);
	}
	gs_buf_addf(out, "<figure class=\"spark%s\"><figcaption>",
	            row->style == TS_RED ? " suspect" : row->style == TS_YELLOW ? " stuck" : "");
	badge(out, c, row);
	label(out, c, row);
	gs_buf_addf(out, "</figcaption>\n<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
	            SPARK_W, SPARK_H);
	text(out, c, row->numbers);
	gs_buf_adds(out, "\"><title>");
	text(out, c, row->numbers);
	if (row->note.len) {
		gs_buf_adds(out, ", ");
		text(out, c, row->note);
	}
	gs_buf_addf(out, "</title><line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	                 "y2=\"%.1f\"/>", SPARK_LEFT, SPARK_BOTTOM + 4, SPARK_RIGHT, SPARK_BOTTOM + 4);
	/* the line, broken where a point is a hole */
	for (i = 0; i < c->npoints; i++) {
		v = chart_at(c, r, i);
		if (isnan(v)) {
			if (open)
				gs_buf_adds(out, "\"/>");
			open = 0;
			continue;
		}
		y = hi > lo ? SPARK_BOTTOM - (SPARK_BOTTOM - SPARK_TOP) * (v - lo) / (hi - lo)
		            : (SPARK_TOP + SPARK_BOTTOM) / 2;
		gs_buf_addf(out, "%s%.1f,%.1f", open ? " " : "<polyline class=\"line\" points=\"",
		            spark_x(c, i), y);
		open = 1;
	}
	if (open)
		gs_buf_adds(out, "\"/>");
	for (i = 0; i < c->npoints; i++) {
		v = chart_at(c, r, i);
		if (isnan(v))
			continue;
		y = hi > lo ? SPARK_BOTTOM - (SPARK_BOTTOM - SPARK_TOP) * (v - lo) / (hi - lo)
		            : (SPARK_TOP + SPARK_BOTTOM) / 2;
		gs_buf_addf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>", spark_x(c, i), y);
		if (c->legend[i].len) {
			text(out, c, c->legend[i]);
			gs_buf_adds(out, ": ");
		}
		gs_buf_addf(out, "%.15g</title></circle>", v);
	}
	if (row->note.len) {
		gs_buf_addf(out, "<text class=\"rate\" x=\"%.1f\" y=\"13\" text-anchor=\"end\">",
		            SPARK_RIGHT);
		text(out, c, row->note);
		gs_buf_adds(out, "</text>");
	}
	gs_buf_addf(out, "<text class=\"ends\" x=\"%.1f\" y=\"%.1f\">", SPARK_LEFT, SPARK_H - 3);
	text(out, c, row->numbers);
	gs_buf_adds(out, "</text></svg></figure>\n");
}

static void lines(struct gs_buf *out, const struct chart *c, FILE *f)
{
	size_t r;

	heading(out, c, "Series");
	gs_buf_adds(out, "<div class=\"sparks\">\n");
	for (r = 0; r < c->nrows; r++) {
		spark(out, c, r);
		table_flush(out, f, 0);
	}
	gs_buf_adds(out, "</div>\n</section>\n");
}

/* ---- histogram ---- */

static void histogram(struct gs_buf *out, const struct chart *c)
{
	double top = 0, total = 0, v, h, x;
	size_t i;

	for (i = 0; i < c->nrows; i++) {
		v = finite_or(chart_at(c, i, 0), 0);
		top = fmax(top, v);
		total += v;
	}
	heading(out, c, "Histogram");
	gs_buf_addf(out, "<svg class=\"hist\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	                 "aria-label=\"histogram of ", HIST_BAR * (double)c->nrows, HIST_H);
	table_html_text(out, c->what, strlen(c->what));
	gs_buf_adds(out, "\">\n");
	gs_buf_addf(out, "<line class=\"axis\" x1=\"0\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
	            HIST_BASE + 0.5, HIST_BAR * (double)c->nrows, HIST_BASE + 0.5);
	for (i = 0; i < c->nrows; i++) {
		const struct chart_row *r = &c->rows[i];

		v = finite_or(chart_at(c, i, 0), 0);
		h = top > 0 ? (HIST_BASE - HIST_TOP) * v / top : 0;
		if (v > 0 && h < 1.5)
			h = 1.5;
		x = HIST_BAR * (double)i;
		gs_buf_adds(out, "<g><title>");
		text(out, c, r->label);
		gs_buf_addf(out, ": %.15g of %.15g ", v, total);
		table_html_text(out, c->what, strlen(c->what));
		gs_buf_addf(out, " (%.1f%%)</title>", total > 0 ? 100.0 * v / total : 0.0);
		gs_buf_addf(out, "<rect%s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>",
		            v > 0 ? "" : " class=\"zero\"", x + 14, HIST_BASE - (v > 0 ? h : 1.5),
		            HIST_BAR - 28, v > 0 ? h : 1.5);
		gs_buf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.15g</text>",
		            x + HIST_BAR / 2, HIST_BASE - (v > 0 ? h : 1.5) - 6, v);
		gs_buf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x + HIST_BAR / 2,
		            HIST_BASE + 20);
		text(out, c, r->label);
		gs_buf_adds(out, "</text></g>\n");
	}
	gs_buf_adds(out, "</svg>\n</section>\n");
}

void chart_html(struct gs_buf *out, const struct chart *c, FILE *f)
{
	switch (c->kind) {
	case CHART_BARS:
		bars(out, c);
		break;
	case CHART_LINES:
		lines(out, c, f);
		break;
	case CHART_HISTOGRAM:
		histogram(out, c);
		break;
	}
	table_flush(out, f, 0);
}
