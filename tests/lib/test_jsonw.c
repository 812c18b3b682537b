/* test_jsonw.c - the JSON writer: escaping of every byte class, invalid UTF-8, nesting,
 * commas, pretty mode and the extreme integers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "jsonw.h"

static void check_escape(const char *in, size_t len, const char *want)
{
	struct gs_buf b = GS_BUF_INIT;

	gs_jw_escape(&b, in, len);
	assert_string_equal(b.data, want);
	gs_buf_release(&b);
}

static void test_escape_ascii(void **state)
{
	(void)state;
	check_escape("plain text", 10, "plain text");
	check_escape("a\"b\\c", 5, "a\\\"b\\\\c");
	check_escape("\n\t\r", 3, "\\n\\t\\r");
	check_escape("\x01\x1b\x1f", 3, "\\u0001\\u001b\\u001f");
	check_escape("\x7f", 1, "\x7f"); /* DEL is valid JSON */
	check_escape("a\0b", 3, "a\\u0000b");
	check_escape("/", 1, "/");
}

static void test_escape_utf8(void **state)
{
	(void)state;
	check_escape("h\xc3\xa9llo", 6, "h\xc3\xa9llo");                 /* 2 bytes */
	check_escape("\xe2\x82\xac", 3, "\xe2\x82\xac");                 /* 3 bytes */
	check_escape("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80");         /* 4 bytes */
	check_escape("\xff", 1, "\xef\xbf\xbd");                          /* never valid */
	check_escape("a\x80z", 3, "a\xef\xbf\xbdz");                      /* lone continuation */
	check_escape("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* overlong */
	check_escape("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
	check_escape("\xf4\x90\x80\x80", 4,
	             "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");       /* > U+10FFFF */
	check_escape("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd");          /* cut short */
}

static void test_nesting_compact(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_jsonw w;

	(void)state;
	gs_jw_init(&w, &b, 0);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "a");
	gs_jw_arr_begin(&w);
	gs_jw_int(&w, 1);
	gs_jw_str(&w, "x");
	gs_jw_obj_begin(&w);
	gs_jw_obj_end(&w);
	gs_jw_arr_begin(&w);
	gs_jw_arr_end(&w);
	gs_jw_null(&w);
	gs_jw_bool(&w, 1);
	gs_jw_bool(&w, 0);
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "b\"");
	gs_jw_strn(&w, "y\nz", 3);
	gs_jw_key(&w, "c");
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "d");
	gs_jw_double(&w, 0.5);
	gs_jw_obj_end(&w);
	gs_jw_obj_end(&w);
	assert_string_equal(b.data,
	                    "{\"a\":[1,\"x\",{},[],null,true,false],\"b\\\"\":\"y\\nz\",\"c\":{\"d\":0.5}}");
	assert_int_equal(w.depth, 0);
	gs_buf_release(&b);
}

static void test_pretty(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_jsonw w;

	(void)state;
	gs_jw_init(&w, &b, 1);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "total");
	gs_jw_uint(&w, 3);
	gs_jw_key(&w, "list");
	gs_jw_arr_begin(&w);
	gs_jw_int(&w, -1);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "k");
	gs_jw_str(&w, "v");
	gs_jw_obj_end(&w);
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "empty");
	gs_jw_arr_begin(&w);
	gs_jw_arr_end(&w);
	gs_jw_obj_end(&w);
	assert_string_equal(b.data,
	                    "{\n"
	                    "  \"total\": 3,\n"
	                    "  \"list\": [\n"
	                    "    -1,\n"
	                    "    {\n"
	                    "      \"k\": \"v\"\n"
	                    "    }\n"
	                    "  ],\n"
	                    "  \"empty\": []\n"
	                    "}");
	gs_buf_release(&b);
}

static void test_numbers(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_jsonw w;

	(void)state;
	gs_jw_init(&w, &b, 0);
	gs_jw_arr_begin(&w);
	gs_jw_int(&w, INT64_MIN);
	gs_jw_int(&w, INT64_MAX);
	gs_jw_uint(&w, UINT64_MAX);
	gs_jw_uint(&w, 0);
	gs_jw_double(&w, 1.0 / 0.0);
	gs_jw_arr_end(&w);
	assert_string_equal(b.data,
	                    "[-9223372036854775808,9223372036854775807,18446744073709551615,0,null]");
	gs_buf_release(&b);
}

/* Numbers written in place when the buffer has room and by appends when it has not read
 * the same: after a key, first in an array and after a sibling, while the buffer grows. */
static void test_uint_runs(void **state)
{
	struct gs_buf b = GS_BUF_INIT, want = GS_BUF_INIT;
	struct gs_jsonw w;
	uint64_t v = 1;
	int i;

	(void)state;
	gs_jw_init(&w, &b, 0);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "n");
	gs_jw_uint(&w, 7);
	gs_jw_key(&w, "ids");
	gs_jw_arr_begin(&w);
	gs_buf_adds(&want, "{\"n\":7,\"ids\":[");
	for (i = 0; i < 2000; i++, v = v * 3 + (uint64_t)i) {
		gs_jw_uint(&w, v);
		gs_buf_addf(&want, "%s%llu", i ? "," : "", (unsigned long long)v);
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "last");
	gs_jw_uint(&w, UINT64_MAX);
	gs_jw_obj_end(&w);
	gs_buf_adds(&want, "],\"last\":18446744073709551615}");
	assert_string_equal(b.data, want.data);
	assert_int_equal(b.len, want.len);
	gs_buf_release(&b);
	gs_buf_release(&want);
}

static void test_deep_nesting_is_safe(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_jsonw w;
	int i;

	(void)state;
	gs_jw_init(&w, &b, 0);
	for (i = 0; i < GS_JW_MAX_DEPTH + 8; i++)
		gs_jw_arr_begin(&w);
	for (i = 0; i < GS_JW_MAX_DEPTH + 8; i++)
		gs_jw_arr_end(&w);
	assert_int_equal(w.depth, 0);
	assert_int_equal(b.len, 2 * (GS_JW_MAX_DEPTH + 8));
	gs_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_ascii),
		cmocka_unit_test(test_escape_utf8),
		cmocka_unit_test(test_nesting_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_uint_runs),
		cmocka_unit_test(test_deep_nesting_is_safe),
	};

	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
