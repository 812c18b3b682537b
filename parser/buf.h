/* buf.h - one growable byte buffer.
 *
 * Invariants (checked in tests/test_model.c):
 *  - len < cap whenever cap > 0, and data[len] == '\0';
 *  - a buffer that was never grown has data pointing at a static "" and cap == 0;
 *  - growth is bounded by `limit` when non-zero: an append that would pass it fails
 *    with -1 and leaves the buffer unchanged.
 * Every append returns 0 on success and -1 on allocation failure or limit.
 */
#ifndef GS_BUF_H
#define GS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit; /* 0 = no limit */
};

#define BUF_INIT { buf_empty, 0, 0, 0 }
extern char buf_empty[];

void buf_init(struct buf *b, size_t limit);
int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);            /* len = 0, keeps memory */
void buf_release(struct buf *b);          /* frees, back to BUF_INIT state (keeps limit) */
char *buf_detach(struct buf *b, size_t *len); /* caller frees; buffer is reset */

#endif
