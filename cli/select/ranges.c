/* ranges.c - see ranges.h. */
#include "select/ranges.h"

#include <stdio.h>
#include <stdlib.h>

#include "outputs/msg.h"

static int cmp_range(const void *a, const void *b)
{
	const struct id_range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->hi > y->hi) - (x->hi < y->hi);
}

/* DEC at *p; 0 and the value, -1 for no digits or more than 64 bits. */
static int number(const char **p, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*v > (UINT64_MAX - d) / 10)
			return -1;
		*v = *v * 10 + d;
	}
	*p = s;
	return 0;
}

int ranges_parse(const char *s, struct id_range **r, size_t *n, char *err, size_t errlen)
{
	const char *p = s;
	size_t i, k;

	for (;;) {
		struct id_range x;

		while (*p == ' ')
			p++;
		if (number(&p, &x.lo) != 0) {
			snprintf(err, errlen, "--id '%s': expected a goroutine id at '%s'", s, p);
			return -1;
		}
		x.hi = x.lo;
		if (*p == '-') {
			p++;
			if (number(&p, &x.hi) != 0 || x.hi < x.lo) {
				snprintf(err, errlen, "--id '%s': a range is N-M with N <= M", s);
				return -1;
			}
		}
		*r = xrealloc(*r, (*n + 1) * sizeof **r);
		(*r)[(*n)++] = x;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (*p != ',') {
			snprintf(err, errlen, "--id '%s': ids are separated by commas", s);
			return -1;
		}
		p++;
	}
	qsort(*r, *n, sizeof **r, cmp_range);
	for (i = 1, k = 0; i < *n; i++) {
		/* overlapping or adjacent; lo - 1 is only reached with lo > hi >= 0 */
		if ((*r)[i].lo <= (*r)[k].hi || (*r)[i].lo - 1 == (*r)[k].hi) {
			if ((*r)[i].hi > (*r)[k].hi)
				(*r)[k].hi = (*r)[i].hi;
		} else {
			(*r)[++k] = (*r)[i];
		}
	}
	*n = k + 1;
	return 0;
}

int ranges_contain(const struct id_range *r, size_t n, uint64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (id < r[mid].lo)
			hi = mid;
		else if (id > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

void ranges_format(struct gs_buf *out, uint64_t *ids, size_t n)
{
	size_t i = 0, j;

	if (n == 0) {
		gs_buf_addch(out, '-');
		return;
	}
	/* a dump lists goroutines mostly in id order: sort only when they are not */
	for (j = 1; j < n && ids[j - 1] <= ids[j]; j++)
		;
	if (j < n)
		qsort(ids, n, sizeof *ids, cmp_u64);
	/* a run at most ", N-M": room for it once, written in place (a show of a million
	 * goroutines writes a million of them) */
	while (i < n) {
		char *p;

		j = i;
		while (j + 1 < n && (ids[j + 1] == ids[j] || ids[j + 1] == ids[j] + 1))
			j++;
		if (gs_buf_grow(out, 3 + 2 * GS_U64_TEXT_MAX) != 0)
			return;
		p = out->data + out->len;
		if (i > 0) {
			*p++ = ',';
			*p++ = ' ';
		}
		p += gs_u64_text(p, ids[i]);
		if (ids[j] != ids[i]) {
			*p++ = '-';
			p += gs_u64_text(p, ids[j]);
		}
		out->len = (size_t)(p - out->data);
		out->data[out->len] = '\0';
		i = j + 1;
	}
}
