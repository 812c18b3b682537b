/* kinds.c - see kinds.h. */
#include "select/kinds.h"

#include <string.h>

#include "outputs/msg.h"

unsigned kinds_class(enum gs_kind k)
{
	return gs_kind(k)->read_with;
}

int kinds_are_goroutines(unsigned kinds)
{
	unsigned k;

	for (k = 0; k < 32; k++)
		if ((kinds & KIND_BIT(k)) && gs_kind((enum gs_kind)k)->records == GS_REC_GOROUTINES)
			return 1;
	return 0;
}

int kinds_value(const struct cli *c, enum gs_kind kind, const char *value, int *col)
{
	const struct gs_kind_row *k = gs_kind(kind);

	*col = value ? gs_column_find(k->family, value) : k->default_column;
	if (*col >= 0)
		return 0;
	cli_usage_error(c, "--value %s: %s has %s", value, k->phrase, gs_column_words(k->family));
	return EXIT_USAGE;
}

unsigned kinds_pick(const struct gs_model *m, int prefer_goroutines)
{
	unsigned first = 0;
	uint32_t i;

	for (i = 0; i < m->ndumps; i++) {
		unsigned c = kinds_class(m->dumps[i].kind);

		if (prefer_goroutines && c == KINDS_GOROUTINE)
			return c;
		if (first == 0)
			first = c;
	}
	return first;
}

/* Notes naming each profile not read, this many per source; the rest in one line. */
#define UNREAD_NOTES 4

void kinds_note_unread(const struct gs_model *m, unsigned kinds, const char *command)
{
	uint32_t s, d;

	for (s = 0; s < m->nsources; s++) {
		const struct gs_source *src = &m->sources[s];
		uint64_t more = 0, last = 0;
		unsigned shown = 0;

		for (d = src->first_dump; d < src->first_dump + src->ndumps && d < m->ndumps; d++) {
			const struct gs_dump *dp = &m->dumps[d];

			if (kinds_class(dp->kind) == 0 || (kinds_class(dp->kind) & kinds))
				continue;
			if (shown == UNREAD_NOTES) {
				more++;
				last = dp->first_line;
				continue;
			}
			shown++;
			notef("%s:%llu: %s profile not read: %s reads one kind at a time "
			      "(run it on this profile alone)", gs_str(m, src->name),
			      (unsigned long long)dp->first_line, gs_kind_name(dp->kind), command);
		}
		if (more)
			notef("%s: %llu more profiles not read, the last at line %llu", gs_str(m, src->name),
			      (unsigned long long)more, (unsigned long long)last);
	}
}

unsigned kinds_use(const struct gs_model *m, unsigned kinds, const char *command)
{
	if (kinds == 0) {
		/* after a specific error (binary, empty, cut) a generic one says nothing more */
		if (m->worst < GS_ERROR)
			errorf("no goroutine dump or profile found in the input");
		return 0;
	}
	kinds_note_unread(m, kinds, command);
	return kinds;
}

enum gs_kind kinds_result(const struct gs_model *m, unsigned kinds)
{
	enum gs_kind k = GS_KIND_UNKNOWN;
	uint32_t i;

	for (i = 0; i < m->ndumps; i++) {
		if (!(KIND_BIT(m->dumps[i].kind) & kinds))
			continue;
		if (k == GS_KIND_UNKNOWN)
			k = m->dumps[i].kind;
		else if (k != m->dumps[i].kind)
			return GS_KIND_GOROUTINE;
	}
	return k;
}

unsigned char *kinds_keep(const struct gs_model *m, unsigned kinds, const unsigned char *keep,
                          uint64_t *dropped)
{
	unsigned char *out;
	size_t g;
	uint32_t i;
	int mixed = 0;

	*dropped = 0;
	for (i = 0; i < m->ndumps; i++)
		if (m->dumps[i].ng && !(KIND_BIT(m->dumps[i].kind) & kinds))
			mixed = 1;
	if (!mixed || m->ngoroutines == 0)
		return NULL;
	out = xmalloc(m->ngoroutines);
	if (keep)
		memcpy(out, keep, m->ngoroutines);
	else
		memset(out, 1, m->ngoroutines);
	for (i = 0; i < m->ndumps; i++) {
		const struct gs_dump *d = &m->dumps[i];

		if (KIND_BIT(d->kind) & kinds)
			continue;
		for (g = d->first_g; g < d->first_g + d->ng && g < m->ngoroutines; g++) {
			if (out[g])
				*dropped += m->goroutines[g].count;
			out[g] = 0;
		}
	}
	return out;
}

unsigned char *kinds_keep_samples(const struct gs_model *m, unsigned kinds,
                                  const unsigned char *keep)
{
	unsigned char *out = xmalloc(m->nsamples ? m->nsamples : 1);
	size_t i;

	for (i = 0; i < m->nsamples; i++)
		out[i] = (keep == NULL || keep[i]) &&
		         (KIND_BIT(m->dumps[m->samples[i].dump].kind) & kinds) != 0;
	return out;
}
