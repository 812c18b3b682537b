/* budget.c - see budget.h. */
#include "outputs/budget.h"

#include <malloc.h>

/* Process state: the run's cap, the heap in use when rendering began, whether it stopped. */
static size_t cap_bytes, base;
static int hit;

/* The heap in use: small blocks and mmap'd large ones alike. */
static size_t in_use(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

void budget_set(size_t cap)
{
	cap_bytes = cap;
}

void budget_begin(void)
{
	base = cap_bytes ? in_use() : 0;
}

int budget_left(void)
{
	size_t now, line;

	if (cap_bytes == 0 || hit)
		return !hit;
	now = in_use();
	line = cap_bytes / 10 * 14;
	/* four times what the rows took: the backends lay out a copy of the table, and the
	 * allocator keeps what it freed */
	if (now > base && base + 4 * (now - base) > line)
		hit = 1;
	else if (base > line)
		hit = 1; /* the model and its grouping are past it: no room for rows */
	return !hit;
}

int budget_was_hit(void)
{
	return hit;
}
