/* where.c - see where.h. */
#include "select/where.h"

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
	memset(w, 0, sizeof *w);
	w->mode = mode;
	if (skip == NULL)
		return 0;
	/* byte mode: dumps may hold any bytes and must never make a match fail */
	if (regex_compile(&w->skip, skip, 0, "--skip", err, errlen) != 0)
		return -1;
	w->has_skip = 1;
	return 0;
}

void where_free(struct where_opts *w)
{
	if (w->has_skip)
		regex_free(&w->skip);
	memset(w, 0, sizeof *w);
}

int where_skip_matches(struct where_opts *w, const char *func, size_t len)
{
	return w->has_skip && regex_match(&w->skip, func, len);
}

/* Walks the canonical stack leaf first; the first frame not stepped over is "where". */
uint32_t where_frame(void *ctx, const struct gs_model *m, uint32_t stack)
{
	struct where_opts *w = ctx;
	uint32_t canon = m->stacks[stack].canon, i, n = m->stacks[canon].len;
	const uint32_t *frames = gs_stack_frames(m, canon);

	if (w->mode == WHERE_RUNTIME && !w->has_skip)
		return gs_stack_where(m, stack);
	for (i = 0; i < n; i++) {
		uint32_t fid = frames[i];
		const char *func = gs_str(m, m->frames[fid].func);
		size_t len = gs_intern_len(m->strings, m->frames[fid].func);

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
