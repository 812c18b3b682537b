/* fuzz_contention.c - mutex and block profiles (mutex?debug=1, block?debug=1). The variant
 * picks the header line fed before the input; the input starts at the attribute lines
 * (cycles/second=, sampling period=) or the records. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const heads[4] = {
		"--- mutex:\n",
		"--- contention:\n",
		"--- mutex:\ncycles/second=2000000000\n",
		"> --- contention:\n",
	};
	struct fz_input in;

	if (fz_input(data, size, &in) == 0)
		fz_parse_and_check(heads[in.variant], &in, 0);
	return 0;
}
