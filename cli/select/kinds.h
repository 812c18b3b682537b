/* kinds.h - which dumps a command reads when its input holds several kinds.
 *
 * Goroutine dumps (debug=2) and goroutine?debug=1 profiles count the same thing and are
 * read together; every other kind (threadcreate, heap, allocs, mutex, block) only with
 * dumps of its own kind, because their numbers do not add up with anything else. A
 * command reads one such class: the goroutine class when it prefers it and the input has
 * one, else the class of the first dump; the dumps of other classes are named in a note.
 */
#ifndef GS_KINDS_H
#define GS_KINDS_H

#include "outputs/usage.h"
#include "model.h"

#define KIND_BIT(k) GS_KIND_BIT(k)
/* The goroutine class: the kinds read with goroutine dumps (their row's read_with). */
#define KINDS_GOROUTINE (gs_kind(GS_KIND_GOROUTINE)->read_with)

/* The class of a kind (a KIND_BIT mask: its row's read_with, kind.h), 0 for unknown and
 * binary input. */
unsigned kinds_class(enum gs_kind k);
/* Whether the records of a class are goroutines (or threads), not samples. */
int kinds_are_goroutines(unsigned kinds);
/* The kinds (KIND_BIT mask) of the class to read, 0 when no dump has a readable kind. */
unsigned kinds_pick(const struct gs_model *m, int prefer_goroutines);
/* A note on stderr per source whose dumps of other kinds are not read. */
void kinds_note_unread(const struct gs_model *m, unsigned kinds, const char *command);
/* The kinds a command reads (kinds_pick's): 0 after the error that there is nothing to
 * read, else kinds, after kinds_note_unread. */
unsigned kinds_use(const struct gs_model *m, unsigned kinds, const char *command);
/* The kind to name the result by: the kind of every dump read when they agree, else
 * GS_KIND_GOROUTINE (a mix of debug=2 and debug=1), GS_KIND_UNKNOWN when none was read. */
enum gs_kind kinds_result(const struct gs_model *m, unsigned kinds);
/* For goroutine grouping: NULL when every goroutine of the model is of the kinds, else a
 * malloc'd keep array (group_opts.keep) that is `keep` (NULL: keep all) with the goroutines
 * of other kinds' dumps zeroed. *dropped gets the goroutines (sum of counts) it zeroed that
 * `keep` kept: group.c counts them as filtered, and they were not. */
/* The value column --value names for the result's kind (kind.h: its word, JSON names or an
 * alias), the kind's default one when value is NULL. 0 with *col set, or EXIT_USAGE after
 * the usage error "--value WORD: a heap profile has inuse_space, ...". */
int kinds_value(const struct cli *c, enum gs_kind kind, const char *value, int *col);
unsigned char *kinds_keep(const struct gs_model *m, unsigned kinds, const unsigned char *keep,
                          uint64_t *dropped);
/* For profile records: a malloc'd keep array (per m->samples) that is keep (NULL: keep
 * all) with the records of other kinds' dumps zeroed. Caller frees. */
unsigned char *kinds_keep_samples(const struct gs_model *m, unsigned kinds,
                                  const unsigned char *keep);

#endif
