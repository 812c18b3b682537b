/* header.c - the header recogniser; see header.h. Profile headers are the kinds' own
 * literals (kind.h), so a new kind's header is read here as soon as it has its row. */
#include "header.h"

#include <string.h>

#include "scan.h"

/* goroutine_header = "goroutine " DIGITS ( " [" | " gp=" ) ... ":" BLANKS */
static int goroutine_header_at(const char *s, size_t n)
{
	size_t i = sizeof("goroutine ") - 1;

	if (i >= n || !scan_is_digit(s[i]))
		return 0;
	while (i < n && scan_is_digit(s[i]))
		i++;
	if (!STARTS(s + i, n - i, " [") && !STARTS(s + i, n - i, " gp="))
		return 0;
	n = scan_trim_end(s, n);
	return n - i >= 3 && s[n - 1] == ':';
}

enum gs_kind gs_header_kind_at(const char *s, size_t n)
{
	int k;

	/* the first row with the literal: heap before allocs, which prints the same header */
	for (k = GS_KIND_UNKNOWN; k <= GS_KIND_BINARY; k++) {
		const char *h = gs_kind((enum gs_kind)k)->header;
		size_t len;

		if (h == NULL || h[0] != s[0])
			continue;
		len = strlen(h);
		if (n >= len && memcmp(s, h, len) == 0)
			return (enum gs_kind)k;
	}
	if (STARTS(s, n, "goroutine ") && goroutine_header_at(s, n))
		return GS_KIND_GOROUTINE;
	return GS_KIND_UNKNOWN;
}
