/* vm.c - see vm.h. */
#include "vm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

static size_t round_up(size_t n, size_t to)
{
	return n > SIZE_MAX - to ? 0 : (n + to - 1) / to * to;
}

static int reserve(struct gs_vm *v, size_t bytes)
{
	size_t len = round_up(bytes, HUGE_PAGE), lead;
	char *p;

	if (len == 0 || len > SIZE_MAX - HUGE_PAGE)
		return -1;
	/* one huge page more, to start on a 2 MiB boundary: the kernel maps huge pages only
	 * at aligned addresses */
	p = mmap(NULL, len + HUGE_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	         -1, 0);
	if (p == MAP_FAILED)
		return -1;
	lead = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
	if (lead)
		munmap(p, lead);
	munmap(p + lead + len, HUGE_PAGE - lead);
	v->base = p + lead;
	v->reserved = len;
	v->writable = 0;
	return 0;
}

int gs_vm_grow(struct gs_vm *v, size_t bytes, size_t want)
{
	int fresh = v->base == NULL;
	size_t to;

	if (bytes <= v->writable)
		return 0;
	if (fresh && reserve(v, want > bytes ? want : bytes) != 0)
		return -1;
	to = round_up(bytes, HUGE_PAGE);
	if (to == 0 || to > v->reserved ||
	    mprotect(v->base + v->writable, to - v->writable, PROT_READ | PROT_WRITE) != 0) {
		if (fresh)
			gs_vm_release(v); /* nothing changed, as promised */
		return -1;
	}
	(void)madvise(v->base + v->writable, to - v->writable, MADV_HUGEPAGE);
	v->writable = to;
	return 0;
}

void gs_vm_release(struct gs_vm *v)
{
	if (v->base)
		munmap(v->base, v->reserved);
	v->base = NULL;
	v->reserved = v->writable = 0;
}

void *gs_vm_alloc(struct gs_vm *v, size_t bytes)
{
	memset(v, 0, sizeof(*v));
	if (bytes >= GS_VM_MIN && gs_vm_grow(v, bytes, bytes) == 0)
		return v->base;
	return malloc(bytes ? bytes : 1);
}

void gs_vm_free(struct gs_vm *v, void *p)
{
	if (v->base)
		gs_vm_release(v);
	else
		free(p);
}
