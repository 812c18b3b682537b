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
	struct buf b = BUF_INIT;

	jw_escape(&b, in, len);
	assert_string_equal(b.data, want);
	buf_release(&b);
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
	struct buf b = BUF_INIT;
	struct jsonw w;

	(void)state;
	jw_init(&w, &b, 0);
	jw_obj_begin(&w);
	jw_key(&w, "a");
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_str(&w, "x");
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_arr_begin(&w);
	jw_arr_end(&w);
	jw_null(&w);
	jw_bool(&w, 1);
	jw_bool(&w, 0);
	jw_arr_end(&w);
	jw_key(&w, "b\"");
	jw_strn(&w, "y\nz", 3);
	jw_key(&w, "c");
	jw_obj_begin(&w);
	jw_key(&w, "d");
	jw_double(&w, 0.5);
	jw_obj_end(&w);
	jw_obj_end(&w);
	assert_string_equal(b.data,
	                    "{\"a\":[1,\"x\",{},[],null,true,false],\"b\\\"\":\"y\\nz\",\"c\":{\"d\":0.5}}");
	assert_int_equal(w.depth, 0);
	buf_release(&b);
}

static void test_pretty(void **state)
{
	struct buf b = BUF_INIT;
	struct jsonw w;

	(void)state;
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	jw_key(&w, "total");
	jw_uint(&w, 3);
	jw_key(&w, "list");
	jw_arr_begin(&w);
	jw_int(&w, -1);
	jw_obj_begin(&w);
	jw_key(&w, "k");
	jw_str(&w, "v");
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_key(&w, "empty");
	jw_arr_begin(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
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
	buf_release(&b);
}

static void test_numbers(void **state)
{
	struct buf b = BUF_INIT;
	struct jsonw w;

	(void)state;
	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	jw_int(&w, INT64_MIN);
	jw_int(&w, INT64_MAX);
	jw_uint(&w, UINT64_MAX);
	jw_uint(&w, 0);
	jw_double(&w, 1.0 / 0.0);
	jw_arr_end(&w);
	assert_string_equal(b.data,
	                    "[-9223372036854775808,9223372036854775807,18446744073709551615,0,null]");
	buf_release(&b);
}

static void test_deep_nesting_is_safe(void **state)
{
	struct buf b = BUF_INIT;
	struct jsonw w;
	int i;

	(void)state;
	jw_init(&w, &b, 0);
	for (i = 0; i < JW_MAX_DEPTH + 8; i++)
		jw_arr_begin(&w);
	for (i = 0; i < JW_MAX_DEPTH + 8; i++)
		jw_arr_end(&w);
	assert_int_equal(w.depth, 0);
	assert_int_equal(b.len, 2 * (JW_MAX_DEPTH + 8));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_ascii),
		cmocka_unit_test(test_escape_utf8),
		cmocka_unit_test(test_nesting_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_deep_nesting_is_safe),
	};

	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
