/* test_table.c - the neutral table and its renderers: id ranges both ways, CSV and markdown
 * escaping, and the hostile dump (tests/hostile.txt: escape sequences, BEL, a C1 control,
 * <script>, quotes, '|', ',', ';' and a newline inside a label) rendered in every format,
 * as summary, show, top and check print it (the backends escape every report alike),
 * asserting on the bytes that none of it comes out raw where it would do harm:
 *   every format  no control byte but the format's own '\n' and '\t' (JSON: \u00XX)
 *   text          ESC and BEL as \x1b, \x07
 *   markdown      table rows have exactly their cells ('|' escaped); no '<' outside fences
 *                 but our own <details>/<summary>
 *   CSV           every line has exactly the header's fields (RFC 4180 quoting)
 *   HTML          no <script, no tag but the renderer's own, no on*= attribute
 *   JSON          control bytes and quotes escaped (the writer's own tests check the rest;
 *                 '<' is data in JSON, escaped where it meets HTML)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/cli.h"
#include "group.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "outputs/report_csv.h"
#include "outputs/report_md.h"
#include "outputs/table.h"
#include "parser.h"
#include "reports/check_report.h"
#include "reports/group_report.h"
#include "reports/json.h"
#include "reports/profile_report.h"
#include "reports/render.h"
#include "reports/summary_profile.h"
#include "select/kinds.h"
#include "select/ranges.h"
#include "testutil.h"

static void test_ranges(void **state)
{
	uint64_t ids[] = { 12, 1, 2, 3, 5, 4, 9, 40, 13, 14, 12, 39 };
	struct gs_buf b = GS_BUF_INIT;
	struct id_range *r = NULL;
	size_t n = 0;
	char err[256];

	(void)state;
	ranges_format(&b, ids, sizeof ids / sizeof ids[0]);
	assert_string_equal(b.data, "1-5, 9, 12-14, 39-40");
	gs_buf_reset(&b);
	ranges_format(&b, ids, 0);
	assert_string_equal(b.data, "-");
	gs_buf_reset(&b);
	ids[0] = 7;
	ranges_format(&b, ids, 1);
	assert_string_equal(b.data, "7");
	gs_buf_reset(&b);
	/* already in order (not sorted again), with 0 and the largest id */
	ids[0] = 0;
	ids[1] = 1;
	ids[2] = 1;
	ids[3] = UINT64_MAX;
	ranges_format(&b, ids, 4);
	assert_string_equal(b.data, "0-1, 18446744073709551615");
	gs_buf_release(&b);

	assert_int_equal(ranges_parse("9, 1-5,4-7,100", &r, &n, err, sizeof err), 0);
	assert_int_equal(n, 3); /* 1-7, 9, 100 */
	assert_true(r[0].lo == 1 && r[0].hi == 7);
	assert_true(ranges_contain(r, n, 1) && ranges_contain(r, n, 7) && ranges_contain(r, n, 9));
	assert_false(ranges_contain(r, n, 8) || ranges_contain(r, n, 0) || ranges_contain(r, n, 101));
	assert_int_equal(ranges_parse("8", &r, &n, err, sizeof err), 0);
	assert_int_equal(n, 2); /* 1-9 merged, 100 */
	assert_int_equal(ranges_parse("18446744073709551615", &r, &n, err, sizeof err), 0);
	assert_true(ranges_contain(r, n, UINT64_MAX));
	assert_int_equal(ranges_parse("18446744073709551616", &r, &n, err, sizeof err), -1);
	assert_int_equal(ranges_parse("3-", &r, &n, err, sizeof err), -1);
	assert_int_equal(ranges_parse("", &r, &n, err, sizeof err), -1);
	free(r);
}

static void test_csv_field(void **state)
{
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	table_csv_field(&b, "plain", 5);
	assert_string_equal(b.data, "plain");
	gs_buf_reset(&b);
	table_csv_field(&b, "a,b", 3);
	assert_string_equal(b.data, "\"a,b\"");
	gs_buf_reset(&b);
	table_csv_field(&b, "say \"hi\"", 8);
	assert_string_equal(b.data, "\"say \"\"hi\"\"\"");
	gs_buf_reset(&b);
	/* CR and LF from a dump stay on the line, escaped */
	table_csv_field(&b, "a\r\nb", 4);
	assert_string_equal(b.data, "a\\x0d\\x0ab");
	gs_buf_reset(&b);
	table_csv_field(&b, "x\x1b[31m,y", 8);
	assert_string_equal(b.data, "\"x\\x1b[31m,y\"");
	gs_buf_release(&b);
}

static void test_md_cell(void **state)
{
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	table_md_cell(&b, "main.(*T).Serve|x", 17, 0);
	assert_string_equal(b.data, "main.(\\*T).Serve\\|x");
	gs_buf_reset(&b);
	table_md_cell(&b, "<script>a_b`c</script>", 22, 0);
	assert_string_equal(b.data, "&lt;script&gt;a\\_b\\`c&lt;/script&gt;");
	gs_buf_reset(&b);
	table_md_cell(&b, "\x1b]0;t\x07", 6, 0);
	assert_string_equal(b.data, "\\\\x1b\\]0;t\\\\x07");
	gs_buf_reset(&b);
	/* cut with an ellipsis after 9 columns */
	table_md_cell(&b, "0123456789abcdef", 16, 10);
	assert_string_equal(b.data, "012345678\xe2\x80\xa6");
	gs_buf_release(&b);
}

/* ---- the hostile dump in every format ---- */

struct rendered {
	char *data;
	size_t len;
};

static struct gs_model *hostile_model(void)
{
	struct gs_model *m = tu_parse_file("hostile.txt");

	assert_int_equal(m->ngoroutines, 4);
	return m;
}

/* What is rendered of the hostile dump: its summary (keys state,wait,where,labels),
 * show's page of every group, top's sites, check's sources. */
enum hostile { HOSTILE_SUMMARY, HOSTILE_SHOW, HOSTILE_TOP, HOSTILE_CHECK, HOSTILE_N };

static void as_group_report(struct report *rep, void *o)
{
	group_report(rep, o);
}

static void as_group_json(void *o, FILE *f)
{
	json_summary(((const struct group_report *)o)->r, f);
}

static void as_top_report(struct report *rep, void *v)
{
	top_report(rep, v);
}

static void as_check_report(struct report *rep, void *r)
{
	check_report(rep, r);
}

/* How the reports are printed: no colour, cells whole (a memstream is no terminal). */
static const struct cli print_cli = { COLOR_NEVER, 0, "summary", "usage: test\n", 0 };

static void render_groups(struct gs_model *m, enum out_format fmt, int show, FILE *f)
{
	struct group_opts go;
	struct grouping gr;
	struct render_ctx rc;
	struct group_report gro;
	struct answer a = { as_group_report, as_group_json, NULL, &gro };
	struct gs_by_error err;

	memset(&go, 0, sizeof go);
	assert_int_equal(gs_by_parse("state,wait,where,labels", m, &go.keys, &go.label_key, &err), 0);
	go.ng = m->ngoroutines;
	assert_int_equal(gs_group(m, &go, &gr), 0);
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	rc.gr = &gr;
	rc.go = &go;
	rc.by = "state,wait,where,labels";
	memset(&gro, 0, sizeof gro);
	gro.r = &rc;
	gro.show = show;
	gro.all = show;
	gro.title = "hostile <script>";
	formats_print(fmt, &a, &print_cli, f);
	gs_grouping_free(&gr);
}

static void render_top(struct gs_model *m, enum out_format fmt, FILE *f)
{
	static const struct cli c = { COLOR_NEVER, 0, "top", "usage: test\n", 0 };
	struct profile_view v;
	struct gs_sites_opts so;
	struct gs_sites sites;
	struct answer a = { as_top_report, NULL, NULL, &v };

	memset(&v, 0, sizeof v);
	memset(&so, 0, sizeof so);
	v.kind = GS_KIND_GOROUTINE;
	v.kinds = KINDS_GOROUTINE;
	v.scaled = 1;
	so.cum = 1;
	assert_int_equal(profile_sites(&v, &so, &sites, m, "where", &c), EXIT_OK);
	formats_print(fmt, &a, &print_cli, f);
	gs_sites_free(&sites);
}

/* Renders what of the hostile dump in fmt. */
static struct rendered render(enum out_format fmt, enum hostile what)
{
	struct gs_model *m = hostile_model();
	struct render_ctx rc;
	struct answer check = { as_check_report, NULL, NULL, &rc };
	struct rendered out;
	FILE *f = open_memstream(&out.data, &out.len);

	assert_non_null(f);
	memset(&rc, 0, sizeof rc);
	rc.m = m;
	if (what == HOSTILE_TOP)
		render_top(m, fmt, f);
	else if (what == HOSTILE_CHECK)
		formats_print(fmt, &check, &print_cli, f);
	else
		render_groups(m, fmt, what == HOSTILE_SHOW, f);
	fclose(f);
	gs_model_free(m);
	return out;
}

/* No control byte but '\n' and '\t', no DEL, no UTF-8 C1 control. */
static void assert_no_controls(const struct rendered *r, const char *what)
{
	size_t i;

	for (i = 0; i < r->len; i++) {
		unsigned char c = (unsigned char)r->data[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
		    (c == 0xc2 && i + 1 < r->len && (unsigned char)r->data[i + 1] >= 0x80 &&
		     (unsigned char)r->data[i + 1] <= 0x9f))
			fail_msg("%s: control byte 0x%02x at %zu: ...%.40s", what, c, i,
			         r->data + (i > 20 ? i - 20 : 0));
	}
}

static void test_hostile_text(void **state)
{
	enum hostile what;

	(void)state;
	for (what = 0; what < HOSTILE_N; what++) {
		struct rendered r = render(FORMAT_TEXT, what);

		assert_no_controls(&r, "text");
		if (what != HOSTILE_TOP) /* the panic line */
			assert_non_null(strstr(r.data, "\\x1b]0;pwned\\x07"));
		if (what != HOSTILE_CHECK)
			assert_non_null(strstr(r.data, "\\xc2\\x9bcsi"));
		if (what <= HOSTILE_SHOW) {
			assert_non_null(strstr(r.data, "main.start\\x07bell"));
			/* the newline inside a label value stays on its line */
			assert_non_null(strstr(r.data, "c,d\\x0ae"));
		}
		free(r.data);
	}
}

static void test_hostile_json(void **state)
{
	struct rendered r = render(FORMAT_JSON, HOSTILE_SUMMARY);

	(void)state;
	assert_no_controls(&r, "json");
	assert_non_null(strstr(r.data, "\\u001b]0;pwned\\u0007"));
	assert_non_null(strstr(r.data, "main.c1\\u009bcsi;semi")); /* a C1 control */
	assert_non_null(strstr(r.data, "\"note\": \"a\\\"b|c,d\\ne\""));
	assert_null(strstr(r.data, "\x1b"));
	free(r.data);
}

/* Cells of a markdown table row: '|' not preceded by a backslash separates them. */
static size_t md_cells(const char *line, size_t len)
{
	size_t i, bars = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		if (line[i] == '|')
			bars++;
	}
	return bars ? bars - 1 : 0;
}

static void test_hostile_md(void **state)
{
	enum hostile what;

	(void)state;
	for (what = 0; what < HOSTILE_N; what++) {
		struct rendered r = render(FORMAT_MD, what);
		const char *p = r.data, *nl;
		size_t ncols = 0;
		int fence = 0;

		assert_no_controls(&r, "md");
		for (; *p; p = nl + 1) {
			size_t len;

			nl = strchr(p, '\n');
			assert_non_null(nl);
			len = (size_t)(nl - p);
			if (len >= 3 && memcmp(p, "```", 3) == 0) {
				fence = !fence;
				continue;
			}
			if (fence)
				continue; /* code: shown literally by every markdown renderer */
			if (len && p[0] == '|') {
				if (ncols == 0)
					ncols = md_cells(p, len);
				if (md_cells(p, len) != ncols)
					fail_msg("md row with %zu cells, not %zu: %.*s", md_cells(p, len), ncols,
					         (int)len, p);
			}
			/* outside code, the only markup is ours */
			{
				const char *lt;

				for (lt = memchr(p, '<', len); lt; lt = memchr(lt + 1, '<', len - (size_t)(lt + 1 - p)))
					if (strncmp(lt, "<details>", 9) && strncmp(lt, "<summary>", 9) &&
					    strncmp(lt, "</summary>", 10) && strncmp(lt, "</details>", 10))
						fail_msg("md: raw '<' outside code: %.*s", (int)len, p);
			}
		}
		assert_true(ncols >= 6);
		assert_false(fence);
		free(r.data);
	}
}

/* Fields of one CSV record (one line: no field spans lines). */
static size_t csv_fields(const char *line, size_t len)
{
	size_t i, n = 1;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted; /* "" inside quotes toggles twice */
		else if (line[i] == ',' && !quoted)
			n++;
	}
	assert_false(quoted);
	return n;
}

static void test_hostile_csv(void **state)
{
	/* the header and a row per group, site or source */
	static const size_t rows_of[HOSTILE_N] = { 4, 4, 5, 2 };
	enum hostile what;

	(void)state;
	for (what = 0; what < HOSTILE_N; what++) {
		struct rendered r = render(FORMAT_CSV, what);
		const char *p = r.data, *nl;
		size_t want = 0, rows = 0;

		assert_no_controls(&r, "csv");
		for (; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			assert_non_null(nl);
			if (want == 0)
				want = csv_fields(p, (size_t)(nl - p));
			else
				assert_int_equal(csv_fields(p, (size_t)(nl - p)), want);
			rows++;
		}
		assert_int_equal(rows, rows_of[what]);
		if (what != HOSTILE_CHECK)
			assert_non_null(strstr(r.data, "\"main.worker|pipe,comma\"\"quote app/w.go:3\""));
		free(r.data);
	}
}

static void test_hostile_html(void **state)
{
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "span",
		"main", "section", "p", "h2", "small", "table", "thead", "tr", "th", "tbody", "td", "a",
		"details", "summary", "pre", "svg", "g", "rect", "text", "div", "i", "footer", NULL
	};
	enum hostile what;

	(void)state;
	for (what = 0; what < HOSTILE_N; what++) {
		struct rendered r = render(FORMAT_HTML, what);
		const char *lt;

		assert_no_controls(&r, "html");
		assert_null(strcasestr(r.data, "<script"));
		assert_null(strcasestr(r.data, "javascript:"));
		assert_null(strstr(r.data, "http://"));
		assert_null(strstr(r.data, "https://"));
		assert_non_null(strstr(r.data, "content=\"default-src 'none'; style-src 'unsafe-inline'\""));
		assert_non_null(strstr(r.data, what == HOSTILE_CHECK
		                               ? "boom &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
		                               : "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b]0;t\\x07"));
		for (lt = strchr(r.data, '<'); lt; lt = strchr(lt + 1, '<')) {
			const char *name = lt[1] == '/' ? lt + 2 : lt + 1;
			size_t k, len = strcspn(name, " >\n");
			int ok = 0;

			for (k = 0; tags[k]; k++)
				if (strlen(tags[k]) == len && strncmp(name, tags[k], len) == 0)
					ok = 1;
			if (!ok)
				fail_msg("html: unexpected tag: %.30s", lt);
			/* no event handler attribute in any tag */
			k = strcspn(lt, ">");
			if (memmem(lt, k, " on", 3))
				fail_msg("html: attribute starting with 'on': %.*s", (int)k, lt);
		}
		free(r.data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_md_cell),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_hostile_json),
		cmocka_unit_test(test_hostile_md),
		cmocka_unit_test(test_hostile_csv),
		cmocka_unit_test(test_hostile_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
