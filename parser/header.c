/* header.c - the header recogniser; see header.h. Profile headers are the kinds' own
 * literals (kind.h), so a new kind's header is read here as soon as it has its row. */
#include "header.h"

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
	size_t i;
	int k;

	if (n == 0)
		return GS_KIND_UNKNOWN;
	/* the goroutine header first: it opens every goroutine, the literals a dump or two */
	if (STARTS(s, n, "goroutine ") && n > 10 && scan_is_digit(s[10]))
		return goroutine_header_at(s, n) ? GS_KIND_GOROUTINE : GS_KIND_UNKNOWN;
	/* the first row whose literal starts the line: heap before allocs, which prints the
	 * same header */
	for (k = 0; k < GS_NKINDS; k++) {
		const char *h = gs_kind_rows[k].header;

		if (h == NULL || h[0] != s[0])
			continue;
		for (i = 1; i < n && h[i] != '\0' && h[i] == s[i]; i++)
			;
		if (h[i] == '\0')
			return (enum gs_kind)k;
	}
	return GS_KIND_UNKNOWN;
}
