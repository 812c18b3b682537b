/* buf.h - one growable byte buffer.
 *
 * Invariants (checked in tests/lib/test_buf.c):
 *  - len < cap whenever cap > 0, and data[len] == '\0';
 *  - a buffer that was never grown has data pointing at a static "" and cap == 0;
 *  - growth is bounded by `limit` when non-zero: an append that would pass it fails
 *    with -1 and leaves the buffer unchanged;
 *  - when memory runs out (not at the limit) and `fail` is set, fail() is called first:
 *    the owner's policy in one place. The CLI's buffers die there with "out of memory"
 *    (cli/outputs/msg.h XBUF_INIT), so no output of the command is ever cut silently;
 *    the library's own leave it NULL and handle -1.
 * Every append returns 0 on success and -1 on allocation failure or limit.
 */
#ifndef GS_BUF_H
#define GS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct gs_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t limit; /* 0 = no limit */
	void (*fail)(void); /* called when memory runs out; NULL: the append returns -1 */
};

#define GS_BUF_INIT { gs_buf_empty, 0, 0, 0, NULL }
extern char gs_buf_empty[];

void gs_buf_init(struct gs_buf *b, size_t limit); /* fail = NULL */
int gs_buf_grow(struct gs_buf *b, size_t extra);
int gs_buf_add(struct gs_buf *b, const void *data, size_t len);
int gs_buf_adds(struct gs_buf *b, const char *s);
int gs_buf_addch(struct gs_buf *b, char c);
int gs_buf_add_u64(struct gs_buf *b, uint64_t v); /* in decimal, without printf */
/* v in decimal at out, which has room for GS_U64_TEXT_MAX bytes: its length (no NUL). */
#define GS_U64_TEXT_MAX 20
size_t gs_u64_text(char *out, uint64_t v);
int gs_buf_addf(struct gs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int gs_buf_vaddf(struct gs_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void gs_buf_reset(struct gs_buf *b);            /* len = 0, keeps memory */
void gs_buf_release(struct gs_buf *b);  /* frees, back to GS_BUF_INIT (keeps limit and fail) */
char *gs_buf_detach(struct gs_buf *b, size_t *len); /* caller frees; buffer is reset */

#endif
