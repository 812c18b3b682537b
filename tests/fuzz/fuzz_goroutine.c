/* fuzz_goroutine.c - goroutine dumps (debug=2, panics, crashes, SIGQUIT) through the push
 * parser, grouping and JSON. The variant picks the text fed before the input, so the fuzzer
 * starts inside a dump: a goroutine header, a panic, a SIGQUIT crash with a thread stack,
 * or nothing. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const heads[4] = {
		"goroutine 1 [running]:\n",
		"panic: fuzz\n\ngoroutine 1 [running]:\n",
		"SIGQUIT: quit\nPC=0x46b8e1 m=0 sigcode=0\n\ngoroutine 0 gp=0x7a5f20 m=0 mp=0x7a6b00 [idle]:\n",
		"",
	};
	struct fz_input in;

	if (fz_input(data, size, &in) == 0)
		fz_parse_and_check(heads[in.variant], &in, 0);
	return 0;
}
