/* test_intern.c - the string table (parser/intern.c): one id per distinct string, stable
 * pointers, the text cap and a full table that fails cleanly. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"

static void test_intern(void **state)
{
	struct gs_intern *t = gs_intern_new(0);
	uint32_t a, b, c, i;
	char name[32];

	(void)state;
	a = gs_intern_put(t, "main.main", 9);
	b = gs_intern_put(t, "main.main", 9);
	c = gs_intern_put(t, "main.mai", 8);
	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_string_equal(gs_intern_str(t, a), "main.main");
	assert_int_equal(gs_intern_len(t, c), 8);
	assert_int_equal(gs_intern_find(t, "main.main", 9), a);
	assert_int_equal(gs_intern_find(t, "nope", 4), 0);
	assert_string_equal(gs_intern_str(t, 0), "");
	/* growth past several rehashes keeps every id and pointer */
	for (i = 0; i < 20000; i++) {
		int n = snprintf(name, sizeof(name), "pkg.f%u", i);

		assert_int_equal(gs_intern_put(t, name, (size_t)n), i + 3);
	}
	assert_string_equal(gs_intern_str(t, 3 + 12345), "pkg.f12345");
	assert_int_equal(gs_intern_put(t, "main.main", 9), a);
	/* strings with NUL bytes are kept whole (canonical labels use them) */
	a = gs_intern_put(t, "k\0v\0", 4);
	assert_int_equal(gs_intern_len(t, a), 4);
	assert_memory_equal(gs_intern_str(t, a), "k\0v\0", 4);
	gs_intern_free(t);
}

static void test_intern_cap(void **state)
{
	struct gs_intern *t = gs_intern_new(100);
	char name[32];
	uint32_t i, last = 1;

	(void)state;
	for (i = 0; i < 100 && last; i++) {
		int n = snprintf(name, sizeof(name), "name%u", i);

		last = gs_intern_put(t, name, (size_t)n);
	}
	assert_int_equal(last, 0);
	assert_true(gs_intern_full(t));
	assert_true(gs_intern_bytes(t) <= 100);
	gs_intern_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_intern_cap),
	};

	return cmocka_run_group_tests_name("intern", tests, NULL, NULL);
}
