/* jsonw.h - a small streaming JSON writer into a struct buf.
 *
 * Keys come out in the order written. Strings are escaped: '"', '\\', control bytes (the
 * C1 controls U+0080..U+009F too: a terminal may act on them) as \u00XX, and invalid UTF-8
 * bytes replaced by U+FFFD, so jq always reads the output.
 * Commas and nesting are tracked by the writer (depth capped at JW_MAX_DEPTH).
 */
#ifndef GS_JSONW_H
#define GS_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define JW_MAX_DEPTH 32

struct jsonw {
	struct buf *out;
	int depth;
	int pretty;                    /* indent with two spaces per level */
	unsigned char need_comma[JW_MAX_DEPTH];
	unsigned char after_key;
};

void jw_init(struct jsonw *w, struct buf *out, int pretty);
void jw_obj_begin(struct jsonw *w);
void jw_obj_end(struct jsonw *w);
void jw_arr_begin(struct jsonw *w);
void jw_arr_end(struct jsonw *w);
void jw_key(struct jsonw *w, const char *key);
void jw_str(struct jsonw *w, const char *s);
void jw_strn(struct jsonw *w, const char *s, size_t len);
void jw_int(struct jsonw *w, int64_t v);
void jw_uint(struct jsonw *w, uint64_t v);
void jw_double(struct jsonw *w, double v);
/* A double with at most `digits` significant digits ("%.*g"): rates and ratios, where
 * %.17g would print 6.3333333333333339 for 19/3. NaN and infinities as null. */
void jw_double_g(struct jsonw *w, double v, int digits);
void jw_bool(struct jsonw *w, int v);
void jw_null(struct jsonw *w);
/* escaping alone, for other writers */
void jw_escape(struct buf *out, const char *s, size_t len);

#endif
