/* test_buf.c - the growable buffer (parser/buf.c): its invariants, written in buf.h, hold
 * after every operation; growth stops at the limit and leaves the buffer as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void assert_buf_invariants(const struct gs_buf *b)
{
	if (b->cap == 0) {
		assert_ptr_equal(b->data, gs_buf_empty);
		assert_int_equal(b->len, 0);
	} else {
		assert_true(b->len < b->cap);
	}
	assert_int_equal(b->data[b->len], '\0');
}

static void test_buf(void **state)
{
	struct gs_buf b = GS_BUF_INIT;
	char *p;
	size_t len, i;

	(void)state;
	assert_buf_invariants(&b);
	assert_int_equal(gs_buf_adds(&b, "goroutine "), 0);
	assert_int_equal(gs_buf_addf(&b, "%d [%s]:", 42, "chan receive"), 0);
	assert_string_equal(b.data, "goroutine 42 [chan receive]:");
	assert_buf_invariants(&b);
	for (i = 0; i < 1000; i++)
		assert_int_equal(gs_buf_addch(&b, 'x'), 0);
	assert_int_equal(b.len, 28 + 1000);
	assert_buf_invariants(&b);
	gs_buf_reset(&b);
	assert_int_equal(gs_buf_add_u64(&b, 0), 0);
	assert_int_equal(gs_buf_addch(&b, ' '), 0);
	assert_int_equal(gs_buf_add_u64(&b, 1090), 0);
	assert_int_equal(gs_buf_addch(&b, ' '), 0);
	assert_int_equal(gs_buf_add_u64(&b, UINT64_MAX), 0);
	assert_string_equal(b.data, "0 1090 18446744073709551615");
	assert_buf_invariants(&b);
	gs_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_buf_invariants(&b);
	assert_int_equal(gs_buf_adds(&b, "abc"), 0);
	p = gs_buf_detach(&b, &len);
	assert_string_equal(p, "abc");
	assert_int_equal(len, 3);
	free(p);
	assert_buf_invariants(&b);
	gs_buf_release(&b);
	assert_buf_invariants(&b);
}

/* Decimal by hand is what printf writes: every length from 1 to 20 digits, each side of a
 * power of ten, and numbers from a generator; in place and at the limit alike. */
static void test_u64_text(void **state)
{
	uint64_t v, p = 1, x = 88172645463325252ull;
	char want[32], got[GS_U64_TEXT_MAX + 1];
	struct gs_buf b;
	size_t n;
	int i, k;

	(void)state;
	for (i = 0; i < 20 * 3 + 2000; i++) {
		if (i < 60) {
			v = p + (uint64_t)(i % 3) - 1; /* p - 1, p, p + 1 */
			if (i % 3 == 2 && p <= UINT64_MAX / 10)
				p *= 10;
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			v = x >> (x % 64);
		}
		k = snprintf(want, sizeof want, "%llu", (unsigned long long)v);
		n = gs_u64_text(got, v);
		got[n] = '\0';
		assert_int_equal(n, (size_t)k);
		assert_string_equal(got, want);
		/* an exact limit takes it; one byte less refuses it and keeps the buffer */
		gs_buf_init(&b, (size_t)k);
		assert_int_equal(gs_buf_add_u64(&b, v), 0);
		assert_string_equal(b.data, want);
		assert_buf_invariants(&b);
		gs_buf_release(&b);
		if (k == 1)
			continue; /* a limit of 0 is none */
		gs_buf_init(&b, (size_t)k - 1);
		assert_int_equal(gs_buf_add_u64(&b, v), -1);
		assert_int_equal(b.len, 0);
		assert_buf_invariants(&b);
		gs_buf_release(&b);
	}
	assert_int_equal(gs_u64_text(got, UINT64_MAX), 20);
}

static void test_buf_limit(void **state)
{
	struct gs_buf b;

	(void)state;
	gs_buf_init(&b, 8);
	assert_int_equal(gs_buf_adds(&b, "12345678"), 0);
	/* past the limit: refused, buffer unchanged */
	assert_int_equal(gs_buf_addch(&b, '9'), -1);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(gs_buf_addf(&b, "%s", "more"), -1);
	assert_string_equal(b.data, "12345678");
	assert_buf_invariants(&b);
	gs_buf_release(&b);
}

static int failed;

static void count_failure(void)
{
	failed++;
}

/* Out of memory the owner's policy runs first, once per failed append; at the limit it
 * does not (a limit is the owner's own choice, checked by the caller). */
static void test_buf_fail_policy(void **state)
{
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	assert_null(b.fail);
	b.fail = count_failure;
	failed = 0;
	assert_int_equal(gs_buf_adds(&b, "abc"), 0);
	assert_int_equal(gs_buf_grow(&b, SIZE_MAX - 1), -1); /* more than memory can hold */
	assert_int_equal(failed, 1);
	assert_string_equal(b.data, "abc");                  /* unchanged */
	assert_buf_invariants(&b);
	gs_buf_release(&b);
	assert_ptr_equal(b.fail, count_failure);             /* release keeps the policy */
	gs_buf_init(&b, 4);
	assert_null(b.fail);
	b.fail = count_failure;
	assert_int_equal(gs_buf_adds(&b, "12345"), -1);      /* past the limit */
	assert_int_equal(failed, 1);
	gs_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_u64_text),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_buf_fail_policy),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
