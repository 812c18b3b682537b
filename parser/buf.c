/* buf.c - see buf.h for the invariants. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char gs_buf_empty[1];

void gs_buf_init(struct gs_buf *b, size_t limit)
{
	b->data = gs_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
	b->fail = NULL;
}

/* Memory ran out: the owner's policy first (it may not return), then -1. */
static int out_of_memory(const struct gs_buf *b)
{
	if (b->fail)
		b->fail();
	return -1;
}

/* Back to the empty state, keeping what the owner chose: the limit and the policy. */
static void empty(struct gs_buf *b)
{
	void (*fail)(void) = b->fail;

	gs_buf_init(b, b->limit);
	b->fail = fail;
}

int gs_buf_grow(struct gs_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return out_of_memory(b);
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	if (b->limit && want > b->limit + 1)
		return -1;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (b->limit && cap > b->limit + 1)
		cap = b->limit + 1;
	p = realloc(b->cap ? b->data : NULL, cap);
	if (p == NULL)
		return out_of_memory(b);
	if (b->cap == 0)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int gs_buf_add(struct gs_buf *b, const void *data, size_t len)
{
	if (len == 0)
		return 0;
	if (gs_buf_grow(b, len) != 0)
		return -1;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int gs_buf_adds(struct gs_buf *b, const char *s)
{
	return gs_buf_add(b, s, strlen(s));
}

int gs_buf_addch(struct gs_buf *b, char c)
{
	return gs_buf_add(b, &c, 1);
}

/* Two digits at a time, from the right: "00".."99". */
static const char digits2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

size_t gs_u64_text(char *out, uint64_t v)
{
	uint64_t t = v;
	size_t n = 0;
	char *p;

	/* the length by compares, four digits a division: ids have five or six */
	while (t >= 10000) {
		t /= 10000;
		n += 4;
	}
	n += t < 10 ? 1 : t < 100 ? 2 : t < 1000 ? 3 : 4;
	p = out + n;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		p -= 2;
		memcpy(p, digits2 + 2 * r, 2);
	}
	if (v >= 10)
		memcpy(p - 2, digits2 + 2 * v, 2);
	else
		p[-1] = (char)('0' + v);
	return n;
}

/* By hand: JSON writes an id a goroutine and show an id run, and printf's set-up cost
 * more than the digits. */
int gs_buf_add_u64(struct gs_buf *b, uint64_t v)
{
	char d[GS_U64_TEXT_MAX];

	if (b->len + GS_U64_TEXT_MAX < b->cap) { /* room: written in place */
		b->len += gs_u64_text(b->data + b->len, v);
		b->data[b->len] = '\0';
		return 0;
	}
	return gs_buf_add(b, d, gs_u64_text(d, v)); /* grown by what it needs (limit) */
}

int gs_buf_vaddf(struct gs_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (b->cap && (size_t)n < b->cap - b->len) {
		b->len += (size_t)n;
		return 0;
	}
	if (gs_buf_grow(b, (size_t)n) != 0)
		return -1;
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n < 0)
		return -1;
	b->len += (size_t)n;
	return 0;
}

int gs_buf_addf(struct gs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gs_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void gs_buf_reset(struct gs_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void gs_buf_release(struct gs_buf *b)
{
	if (b->cap)
		free(b->data);
	empty(b);
}

char *gs_buf_detach(struct gs_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (b->cap == 0) {
		p = malloc(1);
		if (p == NULL) {
			out_of_memory(b);
			return NULL;
		}
		p[0] = '\0';
	} else {
		p = b->data;
	}
	empty(b);
	return p;
}
