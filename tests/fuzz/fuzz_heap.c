/* fuzz_heap.c - heap and allocs profiles (heap?debug=1, allocs?debug=1). "heap profile: "
 * is fed before the input, so the input starts with the header's numbers. The variant
 * picks the kind hint (none, heap, allocs) or an indented header. */
#include "fuzz_common.h"

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int hints[4] = { 0, GS_KIND_HEAP, GS_KIND_ALLOCS, 0 };
	struct fz_input in;

	if (fz_input(data, size, &in) == 0)
		fz_parse_and_check(in.variant == 3 ? "\theap profile: " : "heap profile: ", &in,
		                   hints[in.variant]);
	return 0;
}
