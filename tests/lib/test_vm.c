/* test_vm.c - arrays that grow in place (parser/vm.c): what gs_vm_grow makes writable stays
 * where it is and keeps its bytes as it grows; a failed grow changes nothing; gs_vm_alloc
 * falls back to malloc for small arrays and gs_vm_free releases either kind. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "vm.h"

static void test_grow_in_place(void **state)
{
	struct gs_vm v = { NULL, 0, 0 };
	char *base;
	size_t i;

	(void)state;
	assert_int_equal(gs_vm_grow(&v, 4096, 64u << 20), 0);
	assert_non_null(v.base);
	assert_true(v.writable >= 4096);
	assert_true(v.reserved >= 64u << 20);
	base = v.base;
	memset(base, 0x5a, 4096);
	assert_int_equal(gs_vm_grow(&v, 16u << 20, 0), 0);
	assert_ptr_equal(v.base, base); /* never moves */
	assert_true(v.writable >= 16u << 20);
	for (i = 0; i < 4096; i++)
		assert_int_equal((unsigned char)base[i], 0x5a);
	base[(16u << 20) - 1] = 1;      /* the whole of it is writable */
	/* past the reservation: refused, nothing changed */
	i = v.writable;
	assert_int_equal(gs_vm_grow(&v, v.reserved + 1, 0), -1);
	assert_ptr_equal(v.base, base);
	assert_int_equal(v.writable, i);
	gs_vm_release(&v);
	assert_null(v.base);
	assert_int_equal(v.writable, 0);
}

static void test_alloc_small_and_large(void **state)
{
	struct gs_vm small = { NULL, 0, 0 }, large = { NULL, 0, 0 };
	char *s, *l;

	(void)state;
	s = gs_vm_alloc(&small, 100);
	assert_non_null(s);
	assert_null(small.base); /* small: malloc */
	memset(s, 1, 100);
	l = gs_vm_alloc(&large, GS_VM_MIN * 2);
	assert_non_null(l);
	memset(l, 2, GS_VM_MIN * 2);
	gs_vm_free(&small, s);
	gs_vm_free(&large, l);
	assert_null(large.base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_in_place),
		cmocka_unit_test(test_alloc_small_and_large),
	};

	return cmocka_run_group_tests_name("vm", tests, NULL, NULL);
}
