/* vm.h - a large array that grows in place, in 2 MiB pages where the kernel gives them.
 *
 * Address space is reserved once (no memory: PROT_NONE) and made writable as the array
 * grows, so it never moves or copies, and with transparent huge pages ("madvise" mode, the
 * Debian default) a 32 MB goroutine array costs ~16 page faults instead of ~8000: measured
 * on this project's VM, 3 ms instead of 91. Without mmap room (RLIMIT_AS, a 32-bit
 * address space) gs_vm_grow fails and the caller keeps its malloc array.
 */
#ifndef GS_VM_H
#define GS_VM_H

#include <stddef.h>

struct gs_vm {
	char *base;        /* NULL until the first grow */
	size_t reserved;   /* address space held */
	size_t writable;   /* bytes from base that may be used */
};

/* At least `bytes` usable from base, reserving `reserve` bytes (at least `bytes`) of
 * address space on the first call. 0, or -1 with nothing changed. */
int gs_vm_grow(struct gs_vm *v, size_t bytes, size_t reserve);
void gs_vm_release(struct gs_vm *v);

/* A one-shot array of `bytes`: from a gs_vm of its own when large (GS_VM_MIN or more),
 * else, or when that fails, from malloc (v->base stays NULL). NULL when neither has room.
 * gs_vm_free releases it either way. */
#define GS_VM_MIN ((size_t)2 << 20)
void *gs_vm_alloc(struct gs_vm *v, size_t bytes);
void gs_vm_free(struct gs_vm *v, void *p);

#endif
