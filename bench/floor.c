/*
 * floor: what any reader of a file pays on this machine, for `make bench`'s first rows.
 *
 *   floor [-r] FILE
 *
 * Reads FILE with read(2) into one 64 KiB buffer, as gostacks's reader does, and counts its
 * newlines 16 bytes at a time (SSE2; a byte at a time elsewhere); with -r it only reads
 * (the kernel's copy alone). Prints the count (or the bytes) on stdout. One thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static unsigned long long newlines(const char *p, size_t n)
{
	unsigned long long c = 0;
	size_t i = 0;

#ifdef __SSE2__
	/* each byte lane counts its newlines (cmpeq gives -1: subtracted), at most 255 times,
	 * then the lanes are summed (psadbw) */
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();

	while (i + 16 <= n) {
		__m128i acc = zero, sum;
		size_t k;

		for (k = 0; k < 255 && i + 16 <= n; k++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)(p + i)), nl));
		sum = _mm_sad_epu8(acc, zero);
		c += (unsigned long long)_mm_cvtsi128_si32(sum) +
		     (unsigned long long)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#endif
	for (; i < n; i++)
		c += p[i] == '\n';
	return c;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	unsigned long long total = 0;
	int only = argc == 3 && strcmp(argv[1], "-r") == 0, fd;
	const char *path = argv[argc - 1];
	ssize_t n;

	if (argc != 2 + only) {
		fprintf(stderr, "usage: floor [-r] FILE\n");
		return 2;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += only ? (unsigned long long)n : newlines(buf, (size_t)n);
	if (n < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return 1;
	}
	close(fd);
	printf("%llu\n", total);
	return 0;
}
