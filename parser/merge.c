/* merge.c - see merge.h.
 *
 * Everything src holds is put into dst through the model's own constructors, in src's id
 * order: strings, then frames, then stacks (a full stack before the canonical one it made,
 * as gs_model_stack made them), then dumps, goroutines and diagnostics. Since src's ids
 * are in order of first appearance in its part of the input, the new ids in dst come in
 * the order one reader of the whole input would have given them. Argument lists are the
 * exception: as one reader keeps them only for a stack it sees first, a stack new to dst
 * gets src's (interned then), and one dst had keeps its own.
 */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

struct maps {
	uint32_t *str, *frame, *stack, *dump;
	const struct gs_model *src;
	struct gs_model *dst;
};

#define STR_LATER UINT32_MAX /* an argument list's text, interned when it is needed */

static void maps_free(struct maps *mp)
{
	free(mp->str);
	free(mp->frame);
	free(mp->stack);
	free(mp->dump);
}

/* Every string but argument lists ("(0xc000...)"), which only a stack new to dst keeps
 * (its first goroutine's): a part's model holds them for each stack it saw first, and
 * copied whole they were most of what a merge added, for stacks dst already had. */
static int map_strings(struct gs_model *dst, const struct gs_model *src, uint32_t *map)
{
	uint32_t i, n = gs_intern_count(src->strings);

	map[0] = 0;
	for (i = 1; i <= n; i++) {
		const char *t = gs_intern_str(src->strings, i);

		if (t[0] == '(') {
			map[i] = STR_LATER;
			continue;
		}
		map[i] = gs_intern_put(dst->strings, t, gs_intern_len(src->strings, i));
		if (map[i] == 0)
			return -1;
	}
	return 0;
}

/* dst's id of src's string i, interned now when map_strings left it: 0 when memory ran out
 * (as for none). */
static uint32_t str_of(struct maps *mp, uint32_t i)
{
	if (mp->str[i] == STR_LATER) {
		uint32_t id = gs_intern_put(mp->dst->strings, gs_intern_str(mp->src->strings, i),
		                            gs_intern_len(mp->src->strings, i));

		if (id == 0)
			return 0;
		mp->str[i] = id;
	}
	return mp->str[i];
}

static int map_frames(struct gs_model *dst, const struct gs_model *src, struct maps *mp)
{
	uint32_t i;

	mp->frame[0] = 0;
	for (i = 1; i < src->nframes; i++) {
		const struct gs_frame *f = &src->frames[i];

		mp->frame[i] = gs_model_frame(dst, str_of(mp, f->func), str_of(mp, f->file), f->line);
		if (mp->frame[i] == 0)
			return -1;
	}
	return 0;
}

static int map_stacks(struct gs_model *dst, const struct gs_model *src, struct maps *mp)
{
	uint32_t i, j, cap = 0, before, *frames = NULL;
	int rc = 0;

	mp->stack[0] = 0;
	for (i = 1; i < src->nstacks && rc == 0; i++) {
		const struct gs_stack *s = &src->stacks[i];

		if (s->len > cap) {
			uint32_t *nf = realloc(frames, s->len * sizeof(*nf));

			if (nf == NULL) {
				rc = -1;
				break;
			}
			frames = nf;
			cap = s->len;
		}
		for (j = 0; j < s->len; j++)
			frames[j] = mp->frame[src->stack_frames[s->first + j]];
		before = dst->nstacks;
		mp->stack[i] = gs_model_stack(dst, frames, NULL, s->len, s->flags);
		if (mp->stack[i] == 0) {
			rc = -1;
		} else if (dst->nstacks > before) {
			/* new to dst: its arguments are this part's first goroutine's */
			const struct gs_stack *d = &dst->stacks[mp->stack[i]];

			for (j = 0; j < s->len; j++)
				dst->stack_args[d->first + j] = str_of(mp, src->stack_args[s->first + j]);
		}
	}
	free(frames);
	return rc;
}

static void join_dump(struct gs_dump *d, const struct gs_dump *s, struct maps *mp,
                      uint64_t off)
{
	d->flags |= s->flags;
	if (d->panic == 0)
		d->panic = str_of(mp, s->panic);
	if (d->signal == 0)
		d->signal = str_of(mp, s->signal);
	if (s->last_line + off > d->last_line)
		d->last_line = s->last_line + off;
	d->ng += s->ng;
	d->g0_stacks += s->g0_stacks;
	d->skipped += s->skipped;
	d->races += s->races;
}

static int map_dumps(struct gs_model *dst, uint32_t source, uint32_t into,
                     const struct gs_model *src, struct maps *mp, uint64_t off)
{
	uint32_t i;

	for (i = 0; i < src->ndumps; i++) {
		const struct gs_dump *s = &src->dumps[i];
		struct gs_dump *d;
		uint32_t id = i == 0 ? into : gs_model_dump(dst, source, s->kind, s->first_line + off);

		if (id == UINT32_MAX)
			return -1;
		mp->dump[i] = id;
		d = &dst->dumps[id];
		if (i == 0) {
			join_dump(d, s, mp, off);
			continue;
		}
		d->flags = s->flags;
		d->panic = str_of(mp, s->panic);
		d->signal = str_of(mp, s->signal);
		d->last_line = s->last_line + off;
		d->total = s->total;
		d->first_g = dst->ngoroutines + s->first_g;
		d->ng = s->ng;
		d->g0_stacks = s->g0_stacks;
		d->skipped = s->skipped;
		d->races = s->races;
		d->sampling = str_of(mp, s->sampling);
	}
	return 0;
}

static int map_goroutines(struct gs_model *dst, const struct gs_model *src,
                          struct maps *mp, uint64_t off)
{
	size_t i;

	for (i = 0; i < src->ngoroutines; i++) {
		const struct gs_goroutine *s = &src->goroutines[i];
		struct gs_goroutine *g = gs_model_goroutine(dst);

		if (g == NULL)
			return -1;
		*g = *s;
		g->line = s->line + off;
		g->state = str_of(mp, s->state);
		g->stack = mp->stack[s->stack];
		g->creator = mp->frame[s->creator];
		g->labels = str_of(mp, s->labels);
		g->dump = mp->dump[s->dump];
		if (gs_goroutine_object(src, i) &&
		    gs_model_set_object(dst, dst->ngoroutines - 1, gs_goroutine_object(src, i)) != 0)
			return -1;
		if (i < src->nwait_hi && src->wait_hi[i] &&
		    gs_model_set_wait_max(dst, dst->ngoroutines - 1, src->wait_hi[i]) != 0)
			return -1;
	}
	return 0;
}

static void map_diags(struct gs_model *dst, uint32_t source, const struct gs_model *src,
                      struct maps *mp, uint64_t off)
{
	size_t i;

	for (i = 0; i < src->ndiags; i++) {
		const struct gs_diag *d = &src->diags[i];
		const char *near = gs_str(dst, str_of(mp, d->near));

		gs_model_diag(dst, d->level, source, d->line ? d->line + off : 0, near, strlen(near),
		              "%s", gs_str(dst, str_of(mp, d->message)));
	}
	dst->diags_dropped += src->diags_dropped;
	if (src->worst > dst->worst)
		dst->worst = src->worst;
}

int gs_model_merge(struct gs_model *dst, uint32_t source, uint32_t into,
                   const struct gs_model *src, uint64_t off)
{
	struct maps mp;
	struct gs_source *s;
	int rc = -2;

	if (src->nsources != 1 || src->ndumps == 0 || src->nsamples || src->nstats ||
	    src->dumps[0].first_g != 0 || into >= dst->ndumps ||
	    dst->dumps[into].source != source ||
	    dst->dumps[into].first_g + dst->dumps[into].ng != dst->ngoroutines)
		return -1;
	mp.src = src;
	mp.dst = dst;
	mp.str = malloc(((size_t)gs_intern_count(src->strings) + 1) * sizeof(*mp.str));
	mp.frame = malloc(((size_t)src->nframes + 1) * sizeof(*mp.frame));
	mp.stack = malloc(((size_t)src->nstacks + 1) * sizeof(*mp.stack));
	mp.dump = malloc(((size_t)src->ndumps + 1) * sizeof(*mp.dump));
	if (mp.str && mp.frame && mp.stack && mp.dump && map_strings(dst, src, mp.str) == 0 &&
	    map_frames(dst, src, &mp) == 0 && map_stacks(dst, src, &mp) == 0 &&
	    map_dumps(dst, source, into, src, &mp, off) == 0 &&
	    map_goroutines(dst, src, &mp, off) == 0) {
		map_diags(dst, source, src, &mp, off);
		s = &dst->sources[source];
		s->bytes += src->sources[0].bytes;
		s->lines = src->sources[0].lines + off;
		s->skipped_lines += src->sources[0].skipped_lines;
		rc = 0;
	}
	maps_free(&mp);
	return rc;
}
