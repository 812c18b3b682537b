/* report_html.c - see report_html.h. */
#include "outputs/report_html.h"

#include <string.h>

#include "outputs/chart_html.h"
#include "outputs/flame.h"
#include "outputs/msg.h"
#include "outputs/term.h"


/* One stylesheet; system fonts only (nothing to fetch). */
static const char css[] =
	":root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,"
	"sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header{background:#24292f;color:#fff;padding:14px 28px}\n"
	"header h1{margin:0;font-size:19px;font-weight:600;letter-spacing:.2px}\n"
	"header h1 span{color:#8c959f;font-weight:400}\n"
	"main{padding:18px 28px;max-width:1500px;margin:0 auto}\n"
	"section{background:var(--card);border:1px solid var(--line);border-radius:8px;"
	"padding:14px 18px;margin:0 0 18px;box-shadow:0 1px 2px rgba(31,35,40,.04)}\n"
	"h2{font-size:15px;margin:0 0 10px;font-weight:600}\n"
	"h2 small{color:var(--muted);font-weight:400;margin-left:6px}\n"
	".note{margin:0 0 8px;padding:7px 12px;border-left:4px solid #cf222e;background:#ffebe9;"
	"border-radius:0 6px 6px 0;font-family:" HTML_MONO ";font-size:13px;word-break:break-word}\n"
	".summary{margin:0;color:var(--muted);font-size:13px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}\n"
	"th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);"
	"padding:6px 10px;white-space:nowrap;font-size:12px;text-transform:uppercase;"
	"letter-spacing:.4px}\n"
	"td{padding:6px 10px;border-bottom:1px solid #eaeef2;vertical-align:top;white-space:nowrap}\n"
	"tbody tr:hover td{background:#f6f8fa}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"td.code{font-family:" HTML_MONO ";font-size:12.5px;white-space:normal;overflow-wrap:anywhere}\n"
	"td a{color:#0969da;text-decoration:none;font-weight:600}\n"
	"td a:hover{text-decoration:underline}\n"
	".badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;"
	"background:#eaeef2;color:#424a53;white-space:nowrap}\n"
	".s-green{background:#dafbe1;color:#116329}.s-yellow{background:#fff8c5;color:#7d4e00}"
	".s-cyan{background:#ddf4ff;color:#0550ae}.s-dim{background:#eaeef2;color:#59636e}"
	".s-red{background:#ffebe9;color:#a40e26}\n"
	"details.group{border:1px solid var(--line);border-radius:6px;margin:0 0 8px}\n"
	"details.group>summary{cursor:pointer;padding:7px 12px;font-family:" HTML_MONO ";"
	"font-size:12.5px;background:#f6f8fa;border-radius:6px;word-break:break-all}\n"
	"details.group[open]>summary{border-bottom:1px solid var(--line);"
	"border-radius:6px 6px 0 0}\n"
	"pre{margin:0;padding:10px 14px;overflow-x:auto;font:12px/1.55 " HTML_MONO ";tab-size:4}\n"
	".f-main{color:#953800;font-weight:600}.f-std{color:#6e7781}.f-other{color:#0550ae}"
	".dim{color:#8c959f}.b{font-weight:600}.red{color:#cf222e}.green{color:#116329}"
	".yellow{color:#7d4e00}.cyan{color:#0550ae}.match{background:#fff8c5}\n"
	"svg.flame{width:100%;height:auto;display:block;font:11px " HTML_MONO "}\n"
	"svg.flame rect{stroke:#fff;stroke-width:.6}\n"
	"svg.flame g:hover rect{stroke:#1f2328;stroke-width:1.2}\n"
	"svg.flame text{fill:#1f2328;pointer-events:none}\n"
	".legend{display:flex;gap:16px;margin:8px 0 0;color:var(--muted);font-size:12px}\n"
	".legend i{display:inline-block;width:11px;height:11px;border-radius:2px;"
	"margin-right:5px;vertical-align:-1px}\n"
	".lg-main{background:hsl(30,85%,62%)}.lg-other{background:hsl(168,45%,59%)}"
	".lg-std{background:hsl(218,25%,74%)}\n"
	"footer{color:var(--muted);font-size:12px;padding:0 28px 24px;text-align:center}\n"
	/* on paper: black on white, no shadows, colours kept, nothing cut between pages that
	 * fits on one, and the stacks shown though their <details> are closed */
	"@media print{body{background:#fff;font-size:12px}"
	"header{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #000}"
	"header h1 span{color:#444}main{padding:12px 0 0;max-width:none}"
	"section{box-shadow:none;border:0;border-radius:0;padding:0;margin:0 0 16px}"
	"tr,figure,details.group,.note{break-inside:avoid}h2{break-after:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"a{color:inherit}tbody tr:hover td{background:none}"
	"details.group::details-content{content-visibility:visible;display:block}"
	"details.group>summary{list-style:none}"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere;overflow:visible}}\n";

void table_html_text(struct gs_buf *out, const char *s, size_t len)
{
	struct gs_buf esc = XBUF_INIT;
	size_t i;

	term_escape(&esc, s, len);
	for (i = 0; i < esc.len; i++) {
		switch (esc.data[i]) {
		case '<': gs_buf_adds(out, "&lt;"); break;
		case '>': gs_buf_adds(out, "&gt;"); break;
		case '&': gs_buf_adds(out, "&amp;"); break;
		case '"': gs_buf_adds(out, "&quot;"); break;
		case '\'': gs_buf_adds(out, "&#39;"); break;
		default: gs_buf_addch(out, esc.data[i]);
		}
	}
	gs_buf_release(&esc);
}

const char *html_badge_class(enum table_style s)
{
	switch (s) {
	case TS_GREEN: return "s-green";
	case TS_YELLOW: return "s-yellow";
	case TS_CYAN: return "s-cyan";
	case TS_DIM: return "s-dim";
	case TS_RED: return "s-red";
	default: return "";
	}
}

static const char *span_class(enum table_style s)
{
	switch (s) {
	case TS_BOLD: return "b";
	case TS_DIM: return "dim";
	case TS_RED: return "red";
	case TS_GREEN: return "green";
	case TS_YELLOW: return "yellow";
	case TS_CYAN: return "cyan";
	case TS_STDLIB: return "f-std";
	case TS_MAIN: return "f-main";
	case TS_OTHER: return "f-other";
	case TS_MATCH: return "match";
	default: return "";
	}
}

/* A section and its heading, with a hint in small print (NULL none): our own words, with
 * no markup character in them (table.h), as they are. */
static void section(struct gs_buf *out, const char *heading, const char *hint)
{
	gs_buf_adds(out, "<section>\n<h2>");
	gs_buf_adds(out, heading);
	if (hint) {
		gs_buf_adds(out, "<small>");
		gs_buf_adds(out, hint);
		gs_buf_adds(out, "</small>");
	}
	gs_buf_adds(out, "</h2>\n");
}

static void print_table(const struct table *t, struct gs_buf *out, FILE *f)
{
	size_t rows = table_rows(t), r, c;
	const char *s;
	size_t len;

	section(out, t->caption ? t->caption : "Rows", t->hint);
	gs_buf_adds(out, "<table>\n<thead><tr>");
	for (c = 0; c < t->ncols; c++) {
		table_get(t, 0, c, &s, &len);
		gs_buf_adds(out, t->right[c] ? "<th class=\"num\">" : "<th>");
		table_html_text(out, s, len);
		gs_buf_adds(out, "</th>");
	}
	gs_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (r = 1; r < rows; r++) {
		const struct table_detail *d = table_row_detail(t, r);

		gs_buf_adds(out, "<tr>");
		for (c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;
			const char *badge = i < t->ncells ? html_badge_class((enum table_style)t->style[i]) : "";

			table_get(t, r, c, &s, &len);
			gs_buf_adds(out, t->right[c] ? "<td class=\"num\">" : t->code[c] ? "<td class=\"code\">"
			                                                             : "<td>");
			if (c == 0 && d)
				gs_buf_addf(out, "<a href=\"#d%zu\">", r);
			if (*badge)
				gs_buf_addf(out, "<span class=\"badge %s\">", badge);
			table_html_text(out, s, len);
			if (*badge)
				gs_buf_adds(out, "</span>");
			if (c == 0 && d)
				gs_buf_adds(out, "</a>");
			gs_buf_adds(out, "</td>");
		}
		gs_buf_adds(out, "</tr>\n");
		table_flush(out, f, 0);
	}
	gs_buf_adds(out, "</tbody>\n</table>\n</section>\n");
}

static void print_detail(const struct table *t, const struct table_detail *d, struct gs_buf *out)
{
	size_t i;

	gs_buf_addf(out, "<details class=\"group\" id=\"d%zu\"%s><summary>", d->row,
	         t->details_open ? " open" : "");
	table_html_text(out, t->text.data + d->heading, d->heading_len);
	gs_buf_adds(out, "</summary><pre>");
	for (i = d->first_span; i < d->first_span + d->nspans; i++) {
		const struct table_span *sp = &t->spans[i];
		const char *cls = span_class(sp->style);

		if (sp->style == TS_LAYOUT) {
			gs_buf_add(out, t->text.data + sp->off, sp->len);
			continue;
		}
		if (*cls)
			gs_buf_addf(out, "<span class=\"%s\">", cls);
		table_html_text(out, t->text.data + sp->off, sp->len);
		if (*cls)
			gs_buf_adds(out, "</span>");
	}
	gs_buf_adds(out, "</pre></details>\n");
}

/* Every line of the report, in order: what the page says before its tables. */
static void print_lines(const struct report *r, struct gs_buf *out)
{
	size_t i, k;
	int any = 0;

	for (i = 0; i < r->nblocks; i++) {
		const struct report_block *b = &r->blocks[i];

		for (k = b->first_line; !b->table && k < b->first_line + b->nlines; k++) {
			const struct report_line *l = &r->lines[k];

			if (!any)
				gs_buf_adds(out, "<section>\n");
			any = 1;
			gs_buf_adds(out, b->role == REPORT_ALERT ? "<p class=\"note\">" : "<p class=\"summary\">");
			table_html_text(out, r->text.data + l->off, l->len);
			gs_buf_adds(out, "</p>\n");
		}
	}
	if (any)
		gs_buf_adds(out, "</section>\n");
}

static void print_details(const struct table *t, struct gs_buf *out, FILE *f)
{
	size_t i;

	section(out, t->details_caption ? t->details_caption : "Stacks", t->details_hint);
	for (i = 0; i < t->ndetails; i++) {
		print_detail(t, &t->details[i], out);
		table_flush(out, f, 0);
	}
	gs_buf_adds(out, "</section>\n");
}

void report_print_html(const struct report *r, FILE *f)
{
	struct gs_buf out = XBUF_INIT, title = XBUF_INIT;
	size_t i;

	gs_buf_add(&title, r->title.len ? r->title.data : "report", r->title.len ? r->title.len : 6);
	/* the page says gostacks in its header: a title that starts with it says it once */
	if (title.len > 9 && memcmp(title.data, "gostacks ", 9) == 0) {
		memmove(title.data, title.data + 9, title.len - 9 + 1);
		title.len -= 9;
	}
	gs_buf_adds(&out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	         "<meta http-equiv=\"Content-Security-Policy\" content=\"" TABLE_HTML_CSP "\">\n"
	         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	         "<title>gostacks: ");
	table_html_text(&out, title.data, title.len);
	gs_buf_adds(&out, "</title>\n<style>\n");
	gs_buf_adds(&out, css);
	if (r->ncharts)
		gs_buf_adds(&out, chart_html_css);
	gs_buf_adds(&out, "</style>\n</head>\n<body>\n<header><h1>gostacks <span>");
	table_html_text(&out, title.data, title.len);
	gs_buf_adds(&out, "</span></h1></header>\n<main>\n");
	print_lines(r, &out);
	for (i = 0; i < r->ncharts; i++)
		chart_html(&out, r->charts[i], f);
	for (i = 0; i < r->nblocks; i++)
		if (r->blocks[i].table)
			print_table(r->blocks[i].table, &out, f);
	if (r->has_graph && r->graph.n) {
		gs_buf_adds(&out, "<section>\n<h2>Where they are<small>icicle graph: callers on top, "
		         "width = ");
		table_html_text(&out, r->graph_what, strlen(r->graph_what));
		gs_buf_adds(&out, "; hover a frame for its name and share</small></h2>\n");
		flame_svg(&out, &r->graph, r->graph_what);
		gs_buf_adds(&out, "<div class=\"legend\"><span><i class=\"lg-main\"></i>package main</span>"
		         "<span><i class=\"lg-other\"></i>other packages</span>"
		         "<span><i class=\"lg-std\"></i>standard library</span></div>\n</section>\n");
		table_flush(&out, f, 0);
	}
	/* one table of a report has details: their ids are its rows' */
	for (i = 0; i < r->nblocks; i++)
		if (r->blocks[i].table && r->blocks[i].table->ndetails)
			print_details(r->blocks[i].table, &out, f);
	gs_buf_adds(&out, "</main>\n<footer>made by gostacks &middot; a self-contained file: no "
	         "scripts, nothing loaded</footer>\n"
	         "</body>\n</html>\n");
	table_flush(&out, f, 1);
	gs_buf_release(&out);
	gs_buf_release(&title);
}
