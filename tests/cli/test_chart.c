/* test_chart.c - the pictures of the HTML report (cli/outputs/chart.c, chart_html.c) and
 * the icicle graph's labels (flame.c): values and texts of rows, bars on one scale, a line
 * broken at a hole, a histogram's shares, names escaped, a long frame name elided in the
 * middle. tests/browser.sh looks at them in Chromium. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/chart.h"
#include "outputs/chart_html.h"
#include "outputs/flame.h"
#include "outputs/msg.h"

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

static char *html_of(const struct chart *c)
{
	struct gs_buf out = XBUF_INIT;
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	chart_html(&out, c, f);
	table_flush(&out, f, 1);
	fclose(f);
	gs_buf_release(&out);
	return text;
}

static void test_rows(void **state)
{
	struct chart c;

	(void)state;
	chart_init(&c, CHART_LINES, 3, "goroutines");
	chart_row(&c, "a", 1, 0);
	chart_value(&c, 0, 5);
	chart_value(&c, 2, 7);
	chart_badge(&c, "suspect", TS_RED);
	chart_notef(&c, "+%d/min", 12);
	chart_row(&c, "b", 1, 3);
	assert_int_equal(c.nrows, 2);
	assert_true(chart_at(&c, 0, 0) == 5);
	assert_true(isnan(chart_at(&c, 0, 1))); /* not set: a hole */
	assert_true(isnan(chart_at(&c, 1, 2)));
	assert_string_equal(chart_str(&c, c.rows[0].badge), "suspect");
	assert_string_equal(chart_str(&c, c.rows[0].note), "+12/min");
	assert_string_equal(chart_str(&c, c.rows[1].label), "b");
	assert_string_equal(chart_str(&c, c.rows[1].note), "");
	assert_int_equal(c.rows[1].link, 3);
	chart_free(&c);
}

/* Bars on one scale: the largest value is the whole width; a label from a dump is text. */
static void test_bars(void **state)
{
	struct chart c;
	char *html;

	(void)state;
	chart_init(&c, CHART_BARS, 2, "goroutines");
	chart_legend(&c, 0, "before: a", 9);
	chart_legend(&c, 1, "after: b", 8);
	chart_row(&c, "<script>x</script>", 18, 2);
	chart_badge(&c, "new", TS_GREEN);
	chart_value(&c, 0, 0);
	chart_value(&c, 1, 40);
	chart_numbersf(&c, "0 \xe2\x86\x92 40 (+40)");
	chart_row(&c, "b", 1, 0);
	chart_value(&c, 0, 20);
	chart_value(&c, 1, 10);
	html = html_of(&c);
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt;"));
	assert_non_null(strstr(html, "<a href=\"#d2\">"));
	assert_non_null(strstr(html, "<rect class=\"bk-rise\" x=\"0\" y=\"10\" width=\"100.00\""));
	assert_non_null(strstr(html, "<rect class=\"bk-before\" x=\"0\" y=\"1\" width=\"50.00\""));
	assert_non_null(strstr(html, "<rect class=\"bk-fall\" x=\"0\" y=\"10\" width=\"25.00\""));
	assert_non_null(strstr(html, "<span class=\"badge s-green\">new</span>"));
	assert_int_equal(count(html, "<tr>"), 2);
	free(html);
	chart_free(&c);
}

/* A hole breaks the line in two; every known point is a dot with its value. */
static void test_lines(void **state)
{
	struct chart c;
	double x[4] = { 0, 60, 120, 180 };
	char *html;

	(void)state;
	chart_init(&c, CHART_LINES, 4, "goroutines");
	chart_times(&c, x);
	chart_row(&c, "leak", 4, 1);
	chart_badge(&c, "suspect", TS_RED);
	chart_value(&c, 0, 5);
	chart_value(&c, 1, 10);
	chart_value(&c, 3, 20);
	chart_notef(&c, "+5/min");
	chart_numbersf(&c, "5 \xe2\x86\x92 20");
	html = html_of(&c);
	assert_non_null(strstr(html, "<figure class=\"spark suspect\">"));
	assert_int_equal(count(html, "<polyline"), 2);
	assert_int_equal(count(html, "<circle"), 3);
	assert_non_null(strstr(html, "<title>20</title>"));
	assert_non_null(strstr(html, ">+5/min</text>"));
	/* by time: the first point on the left edge, the last on the right */
	assert_non_null(strstr(html, "points=\"6.0,64.0 82.0,"));
	assert_non_null(strstr(html, "points=\"234.0,20.0\""));
	free(html);
	chart_free(&c);
}

static void test_histogram(void **state)
{
	static const char *const names[] = { "<1m", "1-5m", "5-15m" };
	struct chart c;
	char *html;
	size_t i;

	(void)state;
	chart_init(&c, CHART_HISTOGRAM, 1, "goroutines");
	for (i = 0; i < 3; i++) {
		chart_row(&c, names[i], strlen(names[i]), 0);
		chart_value(&c, 0, (double)(i * 10));
	}
	html = html_of(&c);
	assert_int_equal(count(html, "<g>"), 3);
	assert_non_null(strstr(html, "<title>&lt;1m: 0 of 30 goroutines (0.0%)</title><rect class=\"zero\""));
	assert_non_null(strstr(html, "<title>5-15m: 20 of 30 goroutines (66.7%)</title>"));
	free(html);
	chart_free(&c);
}

/* A name too long for its frame keeps its start and its end, the middle elided. */
static void test_flame_elides_middle(void **state)
{
	static const char a[] = "main.a;github.com/someone/package/internal/transport.(*http2Client).reader";
	static const char b[] = "main.b";
	struct fold f;
	struct gs_buf svg = XBUF_INIT;
	const char *t;

	(void)state;
	memset(&f, 0, sizeof f);
	xbuf_init(&f.text);
	gs_buf_adds(&f.text, a);
	gs_buf_adds(&f.text, b);
	f.e = xcalloc(2, sizeof *f.e);
	f.n = 2;
	f.e[0].off = 0;
	f.e[0].len = strlen(a);
	f.e[0].value = 10;
	f.e[1].off = strlen(a);
	f.e[1].len = strlen(b);
	f.e[1].value = 30;
	flame_svg(&svg, &f, "goroutines");
	/* the frame is 300 wide: 43 columns for a name of 67 */
	t = strstr(svg.data, ">github.com/som\xe2\x80\xa6");
	assert_non_null(t);
	assert_non_null(strstr(t, "(*http2Client).reader</text>"));
	/* its whole name is in the title */
	assert_non_null(strstr(svg.data, "<title>github.com/someone/package/internal/transport."
	                                 "(*http2Client).reader (10 goroutines"));
	assert_non_null(strstr(svg.data, ">main.b</text>"));
	gs_buf_release(&svg);
	fold_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_histogram),
		cmocka_unit_test(test_flame_elides_middle),
	};

	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
