/* member_facts.c - see member_facts.h. */
#include "reports/member_facts.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

#define NO_GROUP UINT32_MAX

void member_facts_make(const struct render_ctx *r, struct member_facts *f)
{
	const struct gs_model *m = r->m;
	const struct grouping *gr = r->gr;
	size_t n = gr->nmember ? gr->nmember : 1, i, k, failed = SIZE_MAX;
	uint32_t *group_of = xmalloc((m->ngoroutines ? m->ngoroutines : 1) * sizeof *group_of);
	size_t *done = xcalloc(gr->ngroups ? gr->ngroups : 1, sizeof *done);
	uint32_t gi, dump = UINT32_MAX;

	f->info = xmalloc((gr->ngroups ? gr->ngroups : 1) * sizeof *f->info);
	f->first = xmalloc(((size_t)m->nstacks + 1) * sizeof *f->first);
	f->id = xmalloc(n * sizeof *f->id);
	f->canon = xmalloc(n * sizeof *f->canon);
	f->bits = xmalloc(n);
	for (i = 0; i <= m->nstacks; i++)
		f->first[i] = SIZE_MAX;
	/* each goroutine's group: writes far apart, into 4 bytes a goroutine */
	memset(group_of, 0xff, (m->ngoroutines ? m->ngoroutines : 1) * sizeof *group_of);
	for (gi = 0; gi < gr->ngroups; gi++)
		for (k = 0; k < gr->groups[gi].records; k++)
			group_of[gr->member[gr->groups[gi].members + k]] = gi;

	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_goroutine *x = &m->goroutines[i];
		const struct group *g;
		unsigned bits = 0;
		size_t p;

		/* the first of a stack among all goroutines, members or not (model.h) */
		if (f->first[x->stack] == SIZE_MAX) {
			f->first[x->stack] = i;
			bits |= MF_FIRST;
		}
		gi = group_of[i];
		if (gi == NO_GROUP)
			continue;
		g = &gr->groups[gi];
		k = done[gi]++;
		p = g->members + k;
		if (k == 0)
			render_info_begin(r, g, i, &f->info[gi]);
		else
			render_info_add(r, &f->info[gi], i);
		if (x->dump != dump) { /* a dump's goroutines come together */
			dump = x->dump;
			failed = gs_dump_failed(m, dump);
		}
		bits |= x->flags & GS_G_NOSTATE ? MF_NOSTATE : 0;
		bits |= x->count == 1 ? MF_ONE : 0;
		bits |= failed == i ? MF_FAILED : 0;
		f->id[p] = x->id;
		f->canon[p] = m->stacks[x->stack].canon;
		f->bits[p] = (unsigned char)bits;
	}
	for (gi = 0; gi < gr->ngroups; gi++)
		render_info_end(r, &gr->groups[gi], &f->info[gi]);
	free(group_of);
	free(done);
}

void member_facts_free(struct member_facts *f)
{
	free(f->info);
	free(f->first);
	free(f->id);
	free(f->canon);
	free(f->bits);
	memset(f, 0, sizeof *f);
}

uint64_t member_facts_count(const struct render_ctx *r, const struct member_facts *f, size_t p)
{
	return f->bits[p] & MF_ONE ? 1 : r->m->goroutines[r->gr->member[p]].count;
}

uint32_t member_facts_stacks(const struct render_ctx *r, const struct member_facts *f,
                             const struct group *g, uint32_t *slot)
{
	size_t k;
	uint32_t n = 0;

	if (r->go->keys & GK_STACK)
		return 1;
	for (k = 0; k < g->records; k++)
		if (!slot[f->canon[g->members + k]]) {
			slot[f->canon[g->members + k]] = 1;
			n++;
		}
	for (k = 0; k < g->records; k++)
		slot[f->canon[g->members + k]] = 0;
	return n;
}
