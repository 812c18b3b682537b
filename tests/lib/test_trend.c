/* test_trend.c - the verdicts of trend (parser/trend.c): the suspect rule (a rise with at
 * most one small dip), holes and times, the stuck rule. Pure arithmetic on series. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "trend.h"

static void judge(const int64_t *x, size_t n, int64_t min_rise, struct trend_verdict *v)
{
	unsigned char known[16];

	memset(known, 1, sizeof known);
	gs_trend_judge(x, known, n, min_rise, NULL, NULL, NULL, v);
}

static void test_suspect_rule(void **state)
{
	static const int64_t monotone[] = { 5, 10, 15, 20, 25 };
	static const int64_t small_dip[] = { 12, 18, 17, 25, 31 };
	static const int64_t two_dips[] = { 10, 12, 11, 14, 13, 20 };
	static const int64_t deep_dip[] = { 10, 30, 12, 31 };
	static const int64_t flat[] = { 8, 8, 8, 8 };
	static const int64_t small[] = { 1, 2, 3, 4 };
	static const int64_t falling[] = { 9, 7, 5 };
	struct trend_verdict v;

	(void)state;
	judge(monotone, 5, 5, &v);
	assert_true(v.suspect);
	assert_int_equal(v.rise, 20);
	assert_true(fabs(v.growth - 5.0) < 1e-9);
	assert_false(v.has_per_minute);

	judge(small_dip, 5, 5, &v);
	assert_true(v.suspect);
	assert_int_equal(v.dips, 1);

	judge(two_dips, 6, 5, &v);  /* each dip small, but two of them */
	assert_false(v.suspect);
	assert_int_equal(v.dips, 2);

	judge(deep_dip, 4, 5, &v);  /* a dip of 18 for a rise of 21 */
	assert_false(v.suspect);

	judge(flat, 4, 5, &v);
	assert_false(v.suspect);
	assert_int_equal(v.rise, 0);

	judge(small, 4, 5, &v);     /* rises, but by 3 < --min-rise 5 */
	assert_false(v.suspect);
	judge(small, 4, 3, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - 1.0) < 1e-9);

	judge(falling, 3, 0, &v);
	assert_false(v.suspect);
	assert_int_equal(v.rise, -4);
}

static void test_suspect_holes_and_times(void **state)
{
	static const int64_t x[] = { 5, 0, 15, 20, 25 };
	static const unsigned char known[] = { 1, 0, 1, 1, 1 };
	static const double t[] = { 0, 0, 6, 9, 12 };
	static const unsigned char tk[] = { 1, 0, 1, 1, 1 };
	struct trend_verdict v;

	(void)state;
	/* the hole is skipped (its 0 is no dip) but stays a step: 20 over 4 steps */
	gs_trend_judge(x, known, 5, 5, t, tk, NULL, &v);
	assert_true(v.suspect);
	assert_int_equal(v.known, 4);
	assert_int_equal(v.dips, 0);
	assert_true(fabs(v.growth - 5.0) < 1e-9);
	assert_true(v.has_per_minute);
	assert_true(fabs(v.growth_per_minute - 100.0) < 1e-9); /* 20 in 12 s */

	/* one known point: no verdict */
	{
		static const unsigned char one[] = { 0, 0, 1, 0, 0 };

		gs_trend_judge(x, one, 5, 0, NULL, NULL, NULL, &v);
		assert_false(v.suspect);
		assert_int_equal(v.known, 1);
	}
}

static void test_stuck_rule(void **state)
{
	static const int64_t four[] = { 4, 4, 4 };
	static const uint32_t aging[] = { 10, 11, 13 };
	static const uint32_t back[] = { 10, 9, 13 };
	static const uint32_t young[] = { 0, 0, 0 };
	static const int64_t changing[] = { 4, 5, 4 };
	static const unsigned char known[] = { 1, 1, 1 };
	struct trend_verdict v;

	(void)state;
	gs_trend_judge(four, known, 3, 5, NULL, NULL, aging, &v);
	assert_true(v.stuck);
	assert_false(v.suspect);
	gs_trend_judge(four, known, 3, 5, NULL, NULL, back, &v);
	assert_false(v.stuck);
	gs_trend_judge(four, known, 3, 5, NULL, NULL, young, &v);
	assert_false(v.stuck);
	gs_trend_judge(changing, known, 3, 5, NULL, NULL, aging, &v);
	assert_false(v.stuck);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suspect_rule),
		cmocka_unit_test(test_suspect_holes_and_times),
		cmocka_unit_test(test_stuck_rule),
	};

	return cmocka_run_group_tests_name("trend", tests, NULL, NULL);
}
