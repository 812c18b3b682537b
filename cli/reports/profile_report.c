/* profile_report.c - see profile_report.h. Cells and lines hold raw text: the backends
 * escape what came from the input. */
#include "reports/profile_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"
#include "reports/fold.h"
#include "reports/keys.h"
#include "reports/render.h"
#include "reports/units.h"
#include "select/kinds.h"
#include "outputs/sums.h"

static const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* The key columns of --by in table order (keys.h), then where as the records' common
 * frame when the key names no frame: headers, then one site's cells. */
static int shows_common_where(const struct profile_view *v)
{
	return !(v->keys & (GK_WHERE | GK_FUNC | GK_STACK));
}

static void key_headers(struct table *g, const struct profile_view *v)
{
	keys_headers(g, v->m, v->keys, v->label_key);
	if (shows_common_where(v)) {
		table_lit(g, gs_key_row(GS_KEY_WHERE)->title);
		table_code(g, g->ncells - 1);
	}
}

static int key_columns(const struct profile_view *v)
{
	return __builtin_popcount(v->keys) + shows_common_where(v);
}

static void key_cells(struct table *g, const struct profile_view *v, const struct gs_site *s)
{
	keys_cells(g, v->m, v->keys, &s->key, KEYS_STACK_FUNCS);
	if (shows_common_where(v))
		keys_text(table_cell(g), v->m, GS_KEY_WHERE, s->common_where, KEYS_STACK_FUNCS);
}

/* The value columns in the order shown (kind.h): the kind's main value first, then its
 * pair (heap: inuse space and objects, then alloc; allocs the other way round). */
static int column_order(enum gs_kind kind, int order[GS_NVALUES])
{
	int i, n = gs_family_ncolumns(gs_kind_family(kind));

	for (i = 0; i < n; i++)
		order[i] = gs_kind(kind)->order[i];
	return n;
}

/* The --value word of a column: "inuse_space", "delay", "contentions", "count". */
static const char *value_word(enum gs_family fam, int col)
{
	return gs_family_column(fam, col)->word;
}

/* A column's title: the --value word in capitals ("INUSE_SPACE", "DELAY"). */
static void column_title(struct table *g, enum gs_family fam, int col)
{
	const char *name = value_word(fam, col);
	struct gs_buf *b = table_cell(g);

	for (; *name; name++)
		gs_buf_addch(b, *name >= 'a' && *name <= 'z' ? (char)(*name - 'a' + 'A') : *name);
}

/* A value: as pprof prints it for people, the whole number for a spreadsheet. */
static void value_cell(const struct report *rep, struct table *g, enum gs_family fam, int col,
                       int scaled, int64_t x)
{
	if (report_has(rep, REPORT_DATA))
		table_cellf(g, "%" PRId64, x);
	else
		units_format(table_cell(g), gs_column_unit(fam, col, scaled), x);
}

/* v's share of total: "12.34%" for people ("-" of nothing), 12.34 for a spreadsheet. */
static void percent_cell(const struct report *rep, struct table *g, int64_t v, int64_t total)
{
	if (!report_has(rep, REPORT_DATA))
		units_percent(table_cell(g), v, total);
	else if (total)
		table_cellf(g, "%.2f", units_percent_value(v, total));
	else
		table_lit(g, "");
}

/* The site's stack under its row (markdown, HTML). */
static void site_detail(const struct report *rep, struct table *g, const struct profile_view *v,
                        const struct gs_site *st)
{
	if (report_has(rep, REPORT_DETAILS))
		render_stack_detail(g, v->m, render_site_stack(v->m, st));
}

/* The table's html headings and, with details, the icicle graph of the records read. */
static void site_table_headings(struct report *rep, struct table *g, const struct profile_view *v)
{
	const struct gs_column *c = gs_family_column(gs_kind_family(v->kind), v->col);
	unsigned char *keep;

	g->caption = "Sites";
	g->hint = report_has(rep, REPORT_DETAILS) ? "click a value for the site's stack" : NULL;
	g->details_caption = "Stacks of the sites";
	g->details_hint = "one record's stack, canonical: no arguments";
	if (!report_has(rep, REPORT_GRAPH))
		return;
	if (gs_kind(v->kind)->records == GS_REC_SAMPLES) {
		keep = kinds_keep_samples(v->m, v->kinds, v->keep_samples);
		fold_samples(report_graph(rep, c->word), v->m, keep, v->col, v->scaled, c->word);
	} else {
		uint64_t other;

		keep = kinds_keep(v->m, v->kinds, v->keep_goroutines, &other);
		fold_goroutines(report_graph(rep, gs_kind(v->kind)->things), v->m,
		                keep ? keep : v->keep_goroutines, 0);
	}
	free(keep);
}

/* "1 source" or "3 sources" */
static void sources_text(struct gs_buf *out, const struct gs_model *m)
{
	gs_buf_addf(out, "%u source%s", (unsigned)m->nsources, plural(m->nsources));
}

/* "FILE: " before a per-dump line when there are several sources */
static void dump_prefix(struct gs_buf *out, const struct gs_model *m, uint32_t d)
{
	if (m->nsources > 1)
		gs_buf_addf(out, "%s: ", gs_str(m, m->sources[m->dumps[d].source].name));
}

static int stat_int(const struct gs_model *m, uint32_t d, const char *key, int64_t *v)
{
	const struct gs_stat *st = gs_dump_stat(m, d, key);

	if (st == NULL || st->type != GS_STAT_INT)
		return -1;
	*v = st->i;
	return 0;
}

/* sampling: every 512kB allocated on average (MemProfileRate 524288)
 * MemStats: heap in use 9.04MB, 1747 heap objects, 4 GCs (2 forced), last GC pause
 *           23.75us, MaxRSS 9.50MB */
static void heap_dump_lines(struct gs_buf *out, const struct gs_model *m, uint32_t d)
{
	const struct gs_dump *dp = &m->dumps[d];
	int64_t v, forced;
	int any = 0;

	dump_prefix(out, m, d);
	if (dp->rate > 1) {
		gs_buf_adds(out, "sampling: one sample every ");
		units_bytes(out, dp->rate);
		gs_buf_addf(out, " allocated on average (MemProfileRate %" PRId64 ")\n", dp->rate);
	} else if (dp->rate == 1) {
		gs_buf_adds(out, "sampling: every allocation recorded (MemProfileRate 1)\n");
	} else {
		gs_buf_adds(out, "sampling: rate unknown (header not understood): values are not scaled\n");
	}
	if (dp->nstat == 0)
		return;
	dump_prefix(out, m, d);
	gs_buf_adds(out, "MemStats:");
	if (stat_int(m, d, "HeapInuse", &v) == 0) {
		gs_buf_adds(out, " heap in use ");
		units_bytes(out, v);
		any = 1;
	}
	if (stat_int(m, d, "HeapObjects", &v) == 0) {
		gs_buf_addf(out, "%s %" PRId64 " heap object%s", any ? "," : "", v, plural((uint64_t)v));
		any = 1;
	}
	if (stat_int(m, d, "NumGC", &v) == 0) {
		gs_buf_addf(out, "%s %" PRId64 " GC%s", any ? "," : "", v, plural((uint64_t)v));
		if (stat_int(m, d, "NumForcedGC", &forced) == 0 && forced > 0)
			gs_buf_addf(out, " (%" PRId64 " forced)", forced);
		any = 1;
	}
	if (gs_dump_last_pause(m, d, &v) == 0) {
		gs_buf_addf(out, "%s last GC pause ", any ? "," : "");
		units_ns(out, v);
		any = 1;
	}
	if (stat_int(m, d, "MaxRSS", &v) == 0) {
		gs_buf_addf(out, "%s MaxRSS ", any ? "," : "");
		units_bytes(out, v);
		any = 1;
	}
	if (!any)
		gs_buf_adds(out, " none of HeapInuse, HeapObjects, NumGC, PauseNs, MaxRSS printed");
	gs_buf_addch(out, '\n');
}

/* 2096023907 cycles/second, sampling period 1 */
static void contention_dump_line(struct gs_buf *out, const struct gs_model *m, uint32_t d)
{
	const struct gs_dump *dp = &m->dumps[d];

	dump_prefix(out, m, d);
	if (dp->cycles_per_second > 0)
		gs_buf_addf(out, "%" PRId64 " cycles/second", dp->cycles_per_second);
	else
		gs_buf_adds(out, "cycles/second not printed: delays stay in cycles");
	gs_buf_addf(out, ", sampling period %" PRId64 "\n", dp->sampling_period);
}

/* The header of the raw heap columns differs from the records' sums in old Go: say so. */
static void heap_header_check(struct gs_buf *out, const struct gs_model *m, unsigned kinds)
{
	uint32_t d;

	for (d = 0; d < m->ndumps; d++) {
		const struct gs_dump *dp = &m->dumps[d];
		int64_t sum[GS_NVALUES] = { 0, 0, 0, 0 };
		size_t i;
		int k, differ = 0;

		if (!(KIND_BIT(dp->kind) & kinds) || dp->sampling == 0)
			continue;
		for (i = 0; i < dp->ns; i++)
			for (k = 0; k < 4; k++)
				sum[k] = sum_i64(sum[k], m->samples[dp->first_s + i].v[k]);
		for (k = 0; k < 4; k++)
			/* Go 1.20+ prints the header's alloc bytes +1 when they equal in-use bytes */
			if (dp->header_v[k] != sum[k] &&
			    !(k == 3 && sum[k] < INT64_MAX && dp->header_v[k] == sum[k] + 1))
				differ = 1;
		if (!differ)
			continue;
		dump_prefix(out, m, d);
		gs_buf_addf(out, "note: the header says %" PRId64 ": %" PRId64 " [%" PRId64 ": %" PRId64
		         "], the records sum to %" PRId64 ": %" PRId64 " [%" PRId64 ": %" PRId64
		         "] (the records are used)\n", dp->header_v[0], dp->header_v[1],
		         dp->header_v[2], dp->header_v[3], sum[0], sum[1], sum[2], sum[3]);
	}
}

static const char estimates_line[] =
	"values are estimates scaled from the sampled counts, as go tool pprof shows them";

/* Footer: records, sites, dumps, sources, skipped, lines not understood. */
static void footer(struct gs_buf *out, const struct profile_view *v)
{
	struct render_totals tot;
	const struct gs_sites *s = v->sites;

	render_totals(v->m, &tot);
	gs_buf_addf(out, "%" PRIu64 " record%s in %zu site%s, %u dump%s from %u source%s, %" PRIu64
	         " skipped, %" PRIu64 " line%s not understood", s->records, plural(s->records),
	         s->nsites, plural(s->nsites), (unsigned)s->dumps, plural(s->dumps),
	         (unsigned)v->m->nsources, plural(v->m->nsources), tot.skipped, tot.lines_skipped,
	         plural(tot.lines_skipped));
	if (s->filtered)
		gs_buf_addf(out, ", %" PRIu64 " record%s filtered out", s->filtered, plural(s->filtered));
	gs_buf_addch(out, '\n');
}

void profile_summary_report(struct report *rep, const struct profile_view *v)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	int order[GS_NVALUES], nv = column_order(v->kind, order), c;
	size_t i, shown, limit = report_has(rep, REPORT_DATA) ? 0 : v->limit;
	struct gs_buf out = XBUF_INIT;
	struct table *g;
	uint32_t d;

	report_titlef(rep, "summary");
	gs_buf_addf(&out, "%s: %" PRIu64 " record%s from ", gs_kind(v->kind)->noun, s->records,
	         plural(s->records));
	sources_text(&out, m);
	gs_buf_addch(&out, '\n');
	for (d = 0; d < m->ndumps; d++) {
		if (!(KIND_BIT(m->dumps[d].kind) & v->kinds))
			continue;
		if (fam == GS_FAM_HEAP)
			heap_dump_lines(&out, m, d);
		else
			contention_dump_line(&out, m, d);
	}
	if (fam == GS_FAM_HEAP)
		heap_header_check(&out, m, v->kinds);
	report_lines(rep, REPORT_PARA);
	report_split(rep, out.data, out.len);

	/* totals: estimated, then as in the file */
	g = report_aside(rep, (size_t)nv + 1);
	g->caption = "Totals";
	table_lit(g, "");
	table_whole(g, 0);
	for (c = 0; c < nv; c++) {
		column_title(g, fam, order[c]);
		table_right(g, (size_t)c + 1);
		table_whole(g, (size_t)c + 1);
	}
	table_lit(g, "estimated");
	for (c = 0; c < nv; c++)
		value_cell(rep, g, fam, order[c], 1, s->total_scaled[order[c]]);
	table_lit(g, "in the file");
	for (c = 0; c < nv; c++) {
		struct gs_buf *b = table_cell(g);

		units_format(b, gs_column_unit(fam, order[c], 0), s->total[order[c]]);
		if (gs_column_unit(fam, order[c], 0) == GS_UNIT_CYCLES)
			gs_buf_adds(b, " cycles");
	}

	/* the top sites by the kind's main value, every estimated column */
	g = report_table(rep, (size_t)nv + 1 + (size_t)key_columns(v));
	site_table_headings(rep, g, v);
	for (c = 0; c < nv; c++) {
		column_title(g, fam, order[c]);
		table_right(g, (size_t)c);
	}
	table_lit(g, "RECORDS");
	table_right(g, (size_t)nv);
	key_headers(g, v);
	shown = limit && limit < s->nsites ? limit : s->nsites;
	for (i = 0; i < shown; i++) {
		const struct gs_site *st = &s->sites[i];

		for (c = 0; c < nv; c++)
			value_cell(rep, g, fam, order[c], 1, st->flat_scaled[order[c]]);
		table_cellf(g, "%" PRIu64, st->records);
		key_cells(g, v, st);
		site_detail(rep, g, v, st);
	}
	if (shown < s->nsites) {
		report_lines(rep, REPORT_PARA);
		report_linef(rep, "... %zu more site%s (gostacks top -n 0 shows all of them)",
		             s->nsites - shown, plural(s->nsites - shown));
		report_under(rep);
	}
	gs_buf_reset(&out);
	footer(&out, v);
	report_lines(rep, REPORT_FOOTER);
	report_line(rep, estimates_line, strlen(estimates_line));
	report_split(rep, out.data, out.len);
	gs_buf_release(&out);
}

void top_report(struct report *rep, const struct profile_view *v)
{
	const struct gs_model *m = v->m;
	const struct gs_sites *s = v->sites;
	enum gs_family fam = s->family;
	enum gs_unit u = gs_column_unit(fam, v->col, v->scaled);
	int64_t total = v->scaled ? s->total_scaled[v->col] : s->total[v->col], sum = 0;
	size_t i, shown = 0;
	struct gs_buf out = XBUF_INIT;
	struct table *g;

	report_titlef(rep, "top");
	gs_buf_addf(&out, "%s: %s by %s, %" PRIu64 " record%s from ", gs_kind(v->kind)->noun,
	         value_word(fam, v->col), v->by, s->records, plural(s->records));
	sources_text(&out, m);
	if (u == GS_UNIT_CYCLES)
		gs_buf_adds(&out, " (delay in CPU cycles)");
	gs_buf_addch(&out, '\n');
	if (fam != GS_FAM_COUNT && v->scaled)
		gs_buf_addf(&out, "%s; --raw for the file's numbers\n", estimates_line);
	else if (fam != GS_FAM_COUNT)
		gs_buf_adds(&out, "values are the sampled counts as the file gives them (--raw); "
		         "go tool pprof shows them scaled\n");

	/* what the rows add up to, said above them */
	for (i = 0; i < s->nsites && (v->limit == 0 || shown < v->limit); i++, shown++)
		sum = sum_i64(sum, v->scaled ? s->sites[i].flat_scaled[v->col] : s->sites[i].flat[v->col]);
	if (s->filtered)
		gs_buf_addf(&out, "%" PRIu64 " record%s filtered out\n", s->filtered, plural(s->filtered));
	gs_buf_addf(&out, "showing %zu of %zu site%s: ", shown, s->nsites, plural(s->nsites));
	units_format(&out, u, sum);
	gs_buf_adds(&out, " of ");
	units_format(&out, u, total);
	gs_buf_adds(&out, " total (");
	units_percent(&out, sum, total);
	gs_buf_adds(&out, ")\n");
	report_lines(rep, REPORT_PARA);
	report_split(rep, out.data, out.len);

	/* rows with no value of their own and no cum are noise: profile_sites left them out,
	 * as pprof does */
	g = report_table(rep, 5 + (size_t)key_columns(v));
	site_table_headings(rep, g, v);
	table_lit(g, "FLAT");
	table_lit(g, "FLAT%");
	table_lit(g, "SUM%");
	table_lit(g, "CUM");
	table_lit(g, "CUM%");
	for (i = 0; i < 5; i++)
		table_right(g, i);
	key_headers(g, v);
	for (sum = 0, i = 0; i < shown; i++) {
		const struct gs_site *st = &s->sites[i];
		int64_t flat = v->scaled ? st->flat_scaled[v->col] : st->flat[v->col];
		int64_t cum = v->scaled ? st->cum_scaled[v->col] : st->cum[v->col];

		sum = sum_i64(sum, flat);
		value_cell(rep, g, fam, v->col, v->scaled, flat);
		percent_cell(rep, g, flat, total);
		percent_cell(rep, g, sum, total);
		value_cell(rep, g, fam, v->col, v->scaled, cum);
		percent_cell(rep, g, cum, total);
		key_cells(g, v, st);
		site_detail(rep, g, v, st);
	}
	gs_buf_release(&out);
}
