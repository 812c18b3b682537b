/* check_report.c - see check_report.h. */
#include "reports/check_report.h"

#include <inttypes.h>
#include <string.h>

#include "outputs/msg.h"
#include "outputs/sums.h"

/* What check counts of one source. */
struct source_counts {
	uint64_t goroutines, g0, skipped;
};

static void count(const struct gs_model *m, const struct gs_source *src, struct source_counts *c)
{
	uint32_t d;

	memset(c, 0, sizeof *c);
	for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
		c->goroutines = sum_u64(c->goroutines, render_dump_goroutines(m, &m->dumps[d]));
		c->g0 += m->dumps[d].g0_stacks;
		c->skipped += m->dumps[d].skipped;
	}
}

#define KINDS_LISTED 8 /* dumps of a source named one by one; past it, counted per kind */

/* "goroutine", "heap, heap": the kind of each dump; "unknown" for none. A log of 131072
 * SIGQUIT dumps made a 1.4 MB line: past KINDS_LISTED dumps each kind is said once with
 * its count, "goroutine (131072 dumps)", in the table's order. */
static void kinds_text(struct gs_buf *b, const struct gs_model *m, const struct gs_source *src)
{
	uint64_t n[GS_KIND_BINARY + 1];
	uint32_t d;
	int k, any = 0;

	if (src->ndumps == 0)
		gs_buf_adds(b, "unknown");
	if (src->ndumps > KINDS_LISTED) {
		memset(n, 0, sizeof n);
		for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++)
			n[m->dumps[d].kind <= GS_KIND_BINARY ? m->dumps[d].kind : GS_KIND_UNKNOWN]++;
		for (k = 0; k <= GS_KIND_BINARY; k++) {
			if (n[k] == 0)
				continue;
			gs_buf_addf(b, "%s%s (%" PRIu64 " dump%s)", any ? ", " : "",
			            gs_kind_name((enum gs_kind)k), n[k], n[k] == 1 ? "" : "s");
			any = 1;
		}
		return;
	}
	for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
		if (d > src->first_dump)
			gs_buf_adds(b, ", ");
		gs_buf_adds(b, gs_kind_name(m->dumps[d].kind));
	}
}

static const char *normalised(const struct render_ctx *r, uint32_t s)
{
	return r->detected && r->detected[s] ? r->detected[s] : "";
}

static void totals(struct report *rep, const struct gs_model *m)
{
	struct render_totals tot;
	size_t ndiags = m->ndiags + m->diags_dropped;

	render_totals(m, &tot);
	if (m->nsources > 1)
		report_linef(rep, "total: %u dumps, %" PRIu64 " skipped, %" PRIu64 " g0 stacks, "
		             "%zu diagnostic%s", (unsigned)m->ndumps, tot.skipped, tot.g0_stacks, ndiags,
		             ndiags == 1 ? "" : "s");
	else
		report_linef(rep, "%zu diagnostic%s", ndiags, ndiags == 1 ? "" : "s");
}

/* A terminal reads a few lines per source. */
static void as_lines(struct report *rep, const struct render_ctx *r)
{
	const struct gs_model *m = r->m;
	struct gs_buf b = XBUF_INIT;
	struct source_counts c;
	uint32_t s;

	report_lines(rep, REPORT_PARA);
	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];

		count(m, src, &c);
		gs_buf_reset(&b);
		gs_buf_addf(&b, "%s: ", gs_str(m, src->name));
		kinds_text(&b, m, src);
		report_line(rep, b.data, b.len);
		if (*normalised(r, s))
			report_linef(rep, "  normalised: %s", normalised(r, s));
		report_linef(rep, "  %u dump%s, %" PRIu64 " goroutine%s, %" PRIu64 " g0 stack%s, "
		             "%" PRIu64 " skipped", (unsigned)src->ndumps, src->ndumps == 1 ? "" : "s",
		             c.goroutines, c.goroutines == 1 ? "" : "s", c.g0, c.g0 == 1 ? "" : "s",
		             c.skipped);
		report_linef(rep, "  %" PRIu64 " bytes, %" PRIu64 " lines, %" PRIu64 " not understood",
		             src->bytes, src->lines, src->skipped_lines);
		render_alerts(rep, m, src, "  ");
	}
	totals(rep, m);
	gs_buf_release(&b);
}

/* A document or a spreadsheet gets a row per source. */
static void as_table(struct report *rep, const struct render_ctx *r)
{
	static const char *const titles[] = {
		"SOURCE", "KINDS", "NORMALISED", "DUMPS", "GOROUTINES", "G0 STACKS", "SKIPPED",
		"BYTES", "LINES", "NOT UNDERSTOOD"
	};
	const size_t ntitles = sizeof titles / sizeof titles[0];
	const struct gs_model *m = r->m;
	struct source_counts c;
	struct table *t;
	uint32_t s;
	size_t i;

	report_titlef(rep, "check");
	report_lines(rep, REPORT_ALERT);
	for (s = 0; s < m->nsources; s++) {
		struct gs_buf lead = XBUF_INIT;

		gs_buf_addf(&lead, "%s: ", gs_str(m, m->sources[s].name));
		render_alerts(rep, m, &m->sources[s], lead.data);
		gs_buf_release(&lead);
	}
	t = report_table(rep, ntitles);
	t->caption = "Sources";
	for (i = 0; i < ntitles; i++)
		table_lit(t, titles[i]);
	for (i = 3; i < ntitles; i++)
		table_right(t, i);
	table_code(t, 0);
	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];

		count(m, src, &c);
		table_lit(t, gs_str(m, src->name));
		kinds_text(table_cell(t), m, src);
		table_lit(t, normalised(r, s));
		table_cellf(t, "%u", (unsigned)src->ndumps);
		table_cellf(t, "%" PRIu64, c.goroutines);
		table_cellf(t, "%" PRIu64, c.g0);
		table_cellf(t, "%" PRIu64, c.skipped);
		table_cellf(t, "%" PRIu64, src->bytes);
		table_cellf(t, "%" PRIu64, src->lines);
		table_cellf(t, "%" PRIu64, src->skipped_lines);
	}
	report_lines(rep, REPORT_FOOTER);
	totals(rep, m);
}

void check_report(struct report *rep, const struct render_ctx *r)
{
	if (report_has(rep, REPORT_TERMINAL))
		as_lines(rep, r);
	else
		as_table(rep, r);
}
