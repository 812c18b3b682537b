/* test_scale.c - the estimates `go tool pprof` shows (parser/scale.c), checked against the
 * numbers pprof prints for the same records: heap sampling, contention periods and clocks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "scale.h"

static void test_scale_functions(void **state)
{
	int64_t a, b;

	(void)state;
	gs_scale_heap(0, 100, 4096, &a, &b);
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
	gs_scale_heap(3, 300, 1, &a, &b);
	assert_int_equal(a, 3);
	assert_int_equal(b, 300);
	gs_scale_heap(1, 524288, 524288, &a, &b); /* scale 1/(1-e^-1) */
	assert_int_equal(a, 1);
	assert_int_equal(b, 829411);
	gs_scale_contention(106502474, 19, 1, 2596144688, &a, &b);
	assert_int_equal(a, 41023319);
	assert_int_equal(b, 19);
	gs_scale_contention(1000, 3, 0, 2000000000, &a, &b); /* period 0: unchanged */
	assert_int_equal(a, 1000);
	assert_int_equal(b, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_functions),
	};

	return cmocka_run_group_tests_name("scale", tests, NULL, NULL);
}
