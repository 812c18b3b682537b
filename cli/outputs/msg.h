/* msg.h - the one place the gostacks command talks to stderr.
 *
 * Every message starts with the program name ("gostacks: "). Model diagnostics are printed
 * as `gostacks: FILE:LINE: warning: MESSAGE near 'TEXT'` with control bytes escaped.
 * Allocation failure in the CLI is fatal in one place (x-wrappers): the library returns
 * errors, the command dies with a message.
 */
#ifndef GS_MSG_H
#define GS_MSG_H

#include <stdarg.h>
#include <stddef.h>

#include "buf.h"
#include "model.h"

/* exit codes */
#define EXIT_OK    0
#define EXIT_INPUT 1 /* nothing usable, unreadable source, error-level diagnostic */
#define EXIT_USAGE 2

void msg_set_prog(const char *name);
const char *msg_prog(void);

void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* About one SOURCE (a file, a URL, a directory), in the diagnostics' shape:
 * "gostacks: SOURCE: error: MESSAGE" (msg_print_diag), the name escaped. */
void errorf_at(const char *source, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void notef_at(const char *source, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A plain report line: "gostacks: MESSAGE" (fetch's summary). */
void infof(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A progress line on stderr, redrawn in place ("\r...", erased to the end of the line);
 * only when stderr is a terminal. Any other message erases it first. */
void progressf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void progress_clear(void);
/* errorf plus a hint to run --help; the caller exits EXIT_USAGE */
void usagef(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* prints "out of memory" and exits 1 */
void die_oom(void) __attribute__((noreturn));

/* The CLI's buffers: out of memory they die here (buf.h's fail), so no output is cut short
 * and no caller need check an append. make lint refuses the library's own initialisers
 * (GS_BUF_INIT, gs_buf_init) anywhere else in cli/. */
#define XBUF_INIT { gs_buf_empty, 0, 0, 0, die_oom }
void xbuf_init(struct gs_buf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* All model diagnostics, in order, then "N more diagnostics not shown" if any were dropped.
 * Returns the number printed. */
size_t msg_print_diags(const struct gs_model *m);
/* One diagnostic as msg_print_diags prints it: "PROG: SOURCE:LINE: LEVEL: MESSAGE near
 * 'NEAR'" (no ":LINE" when line is 0, no near part when nearlen is 0). */
void msg_print_diag(const char *source, uint64_t line, enum gs_level level, const char *message,
                    size_t msglen, const char *near, size_t nearlen);

/* The exit code policy: EXIT_INPUT when had_error (a source could not be read, nothing
 * usable) or the model has an error-level diagnostic, or when strict and the model has a
 * warning; EXIT_OK otherwise. */
int msg_exit_code(const struct gs_model *m, int had_error, int strict);

#endif
