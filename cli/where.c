/* where.c - see where.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "where.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

int where_parse_mode(const char *s, enum where_mode *out)
{
	if (strcmp(s, "runtime") == 0)
		*out = WHERE_RUNTIME;
	else if (strcmp(s, "user") == 0)
		*out = WHERE_USER;
	else
		return -1;
	return 0;
}

int where_init(struct where_opts *w, enum where_mode mode, const char *skip,
               char *err, size_t errlen)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE eo;
	PCRE2_UCHAR msg[256];

	memset(w, 0, sizeof *w);
	w->mode = mode;
	if (skip == NULL)
		return 0;
	/* byte mode: dumps may hold any bytes and must never make a match fail */
	re = pcre2_compile((PCRE2_SPTR)skip, PCRE2_ZERO_TERMINATED, 0, &ec, &eo, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(err, errlen, "--skip '%s': %s at offset %zu", skip, (const char *)msg,
		         (size_t)eo);
		return -1;
	}
	/* a JIT failure only costs speed: pcre2_match falls back to the interpreter */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	w->match_data = pcre2_match_data_create_from_pattern(re, NULL);
	if (w->match_data == NULL) {
		pcre2_code_free(re);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	w->re = re;
	return 0;
}

void where_free(struct where_opts *w)
{
	pcre2_match_data_free(w->match_data);
	pcre2_code_free(w->re);
	memset(w, 0, sizeof *w);
}

int where_skip_matches(const struct where_opts *w, const char *func, size_t len)
{
	if (w->re == NULL)
		return 0;
	return pcre2_match(w->re, (PCRE2_SPTR)func, len, 0, 0, w->match_data, NULL) >= 0;
}

/* Walks the canonical stack leaf first; the first frame not stepped over is "where". */
uint32_t where_frame(void *ctx, const struct gs_model *m, uint32_t stack)
{
	const struct where_opts *w = ctx;
	uint32_t canon = m->stacks[stack].canon, i, n = m->stacks[canon].len;
	const uint32_t *frames = gs_stack_frames(m, canon);

	if (w->mode == WHERE_RUNTIME && w->re == NULL)
		return gs_stack_where(m, stack);
	for (i = 0; i < n; i++) {
		uint32_t fid = frames[i];
		const char *func = gs_str(m, m->frames[fid].func);
		size_t len = intern_len(m->strings, m->frames[fid].func);

		if (gs_func_is_runtime(func, len))
			continue;
		if (w->mode == WHERE_USER && gs_func_is_stdlib(func, len))
			continue;
		if (where_skip_matches(w, func, len))
			continue;
		return fid;
	}
	return gs_stack_where(m, stack);
}
