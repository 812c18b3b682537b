/* jsonw.h - a small streaming JSON writer into a struct gs_buf.
 *
 * Keys come out in the order written. Strings are escaped: '"', '\\', control bytes (the
 * C1 controls U+0080..U+009F too: a terminal may act on them) as \u00XX, and invalid UTF-8
 * bytes replaced by U+FFFD, so jq always reads the output.
 * Commas and nesting are tracked by the writer (depth capped at GS_JW_MAX_DEPTH).
 */
#ifndef GS_JSONW_H
#define GS_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define GS_JW_MAX_DEPTH 32

struct gs_jsonw {
	struct gs_buf *out;
	int depth;
	int pretty;                    /* indent with two spaces per level */
	unsigned char need_comma[GS_JW_MAX_DEPTH];
	unsigned char after_key;
};

void gs_jw_init(struct gs_jsonw *w, struct gs_buf *out, int pretty);
void gs_jw_obj_begin(struct gs_jsonw *w);
void gs_jw_obj_end(struct gs_jsonw *w);
void gs_jw_arr_begin(struct gs_jsonw *w);
void gs_jw_arr_end(struct gs_jsonw *w);
void gs_jw_key(struct gs_jsonw *w, const char *key);
void gs_jw_str(struct gs_jsonw *w, const char *s);
void gs_jw_strn(struct gs_jsonw *w, const char *s, size_t len);
void gs_jw_int(struct gs_jsonw *w, int64_t v);
void gs_jw_uint(struct gs_jsonw *w, uint64_t v);
void gs_jw_double(struct gs_jsonw *w, double v);
/* A double with at most `digits` significant digits ("%.*g"): rates and ratios, where
 * %.17g would print 6.3333333333333339 for 19/3. NaN and infinities as null. */
void gs_jw_double_g(struct gs_jsonw *w, double v, int digits);
void gs_jw_bool(struct gs_jsonw *w, int v);
void gs_jw_null(struct gs_jsonw *w);
/* escaping alone, for other writers */
void gs_jw_escape(struct gs_buf *out, const char *s, size_t len);

#endif
