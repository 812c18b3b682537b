/* where.h - the CLI's "where" frame: --where=user|runtime and --skip REGEX.
 *
 * user (default): the first frame outside the standard library (gs_func_is_stdlib): the
 * blocking line people mean is a line of their code or their dependencies', so the lock
 * waiters of three call sites are three groups, not one at sync.runtime_SemacquireMutex;
 * runtime: the first frame of the canonical stack not in package runtime (the frame
 * debug=1 prints first).
 * --skip REGEX (PCRE2, byte mode) also steps over frames whose function matches.
 * When every frame is stepped over, the stack's plain gs_stack_where is used.
 */
#ifndef GS_WHERE_H
#define GS_WHERE_H

#include <stddef.h>
#include <stdint.h>

#include "group.h"
#include "select/regex.h"

/* WHERE_USER is 0: a zeroed options struct has the default rule */
enum where_mode { WHERE_USER = 0, WHERE_RUNTIME };

struct where_opts {
	enum where_mode mode;
	int has_skip;
	struct regex skip; /* --skip, compiled once (regex.h) */
};

/* "runtime" / "user" -> 0, else -1 */
int where_parse_mode(const char *s, enum where_mode *out);
/* Compiles --skip once (JIT when possible). On a bad pattern returns -1 and writes
 * "PATTERN: MESSAGE at offset N" into err. skip may be NULL. */
int where_init(struct where_opts *w, enum where_mode mode, const char *skip,
               char *err, size_t errlen);
void where_free(struct where_opts *w);
/* The gs_where_fn; ctx is a struct where_opts. */
uint32_t where_frame(void *ctx, const struct gs_model *m, uint32_t stack);
/* Whether the --skip pattern matches this function name (0 without a pattern). */
int where_skip_matches(struct where_opts *w, const char *func, size_t len);

#endif
