/* where.h - the CLI's "where" frame: --where=runtime|user and --skip REGEX.
 *
 * runtime (default): the first frame of the canonical stack not in package runtime;
 * user: the first frame outside the standard library (gs_func_is_stdlib).
 * --skip REGEX (PCRE2, byte mode) also steps over frames whose function matches.
 * When every frame is stepped over, the stack's plain gs_stack_where is used.
 */
#ifndef GS_WHERE_H
#define GS_WHERE_H

#include <stddef.h>
#include <stdint.h>

#include "group.h"
#include "select/regex.h"

enum where_mode { WHERE_RUNTIME = 0, WHERE_USER };

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
