/* amount.c - see amount.h. */
#include "net/amount.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* duration -> number unit [duration] | number (seconds); unit -> "ms" | "s" | "m" | "h" */
int amount_parse_duration(const char *s, long *ms)
{
	double total = 0, v, scale;
	const char *p = s;
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p) {
		if (!(*p >= '0' && *p <= '9') && *p != '.')
			return -1;
		errno = 0;
		v = strtod(p, &end);
		if (end == p || errno != 0)
			return -1;
		if (*end == '\0' && p == s) {
			scale = 1000; /* the whole word is a number: seconds */
			p = end;
		} else if (strncmp(end, "ms", 2) == 0) {
			scale = 1;
			p = end + 2;
		} else if (*end == 's') {
			scale = 1000;
			p = end + 1;
		} else if (*end == 'm') {
			scale = 60000;
			p = end + 1;
		} else if (*end == 'h') {
			scale = 3600000;
			p = end + 1;
		} else {
			return -1;
		}
		total += v * scale;
		if (total > (double)LONG_MAX / 2)
			return -1;
	}
	*ms = (long)(total + 0.5);
	return 0;
}

int amount_parse_size(const char *s, uint64_t *bytes)
{
	unsigned long long v;
	uint64_t mult = 1;
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1024;
		end++;
		break;
	case 'm': case 'M':
		mult = 1024 * 1024;
		end++;
		break;
	case 'g': case 'G':
		mult = (uint64_t)1 << 30;
		end++;
		break;
	case 't': case 'T':
		mult = (uint64_t)1 << 40;
		end++;
		break;
	case 'b': case 'B':
		break;
	default:
		return -1;
	}
	if (mult > 1 && (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0 || strcmp(end, "b") == 0))
		end += strlen(end);
	else if (mult == 1 && (*end == 'b' || *end == 'B'))
		end++;
	if (*end != '\0' || v == 0 || v > UINT64_MAX / mult)
		return -1;
	*bytes = (uint64_t)v * mult;
	return 0;
}
