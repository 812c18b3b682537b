/* fuzz_count.c - the count profiles (goroutine?debug=1, threadcreate?debug=1). The variant
 * picks the header fed before the input, without its number: the input starts with the
 * total. Variants 2 and 3 put a log prefix and an indentation before it, so the line
 * reader's prefix stripping runs on every later line. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const heads[4] = {
		"goroutine profile: total ",
		"threadcreate profile: total ",
		"2024-05-01T10:00:00.123Z stderr F goroutine profile: total ",
		"    threadcreate profile: total ",
	};
	struct fz_input in;

	if (fz_input(data, size, &in) == 0)
		fz_parse_and_check(heads[in.variant], &in, 0);
	return 0;
}
