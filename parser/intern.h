/* intern.h - one copy of each string (function names, paths, states, labels).
 *
 * Ids are dense and start at 1; 0 means "no string". Strings are stored NUL-terminated
 * in arena blocks, so pointers returned by gs_intern_str stay valid until gs_intern_free.
 * The table can be capped (bytes of text), and share its owner's memory budget
 * (gs_intern_set_budget); past either gs_intern_put returns 0 and gs_intern_full() says which, so a
 * stream of endless distinct names fails cleanly.
 */
#ifndef GS_INTERN_H
#define GS_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct gs_intern;

struct gs_intern *gs_intern_new(size_t max_bytes); /* 0 = no cap */
void gs_intern_free(struct gs_intern *t);
uint64_t gs_intern_hash(const void *p, size_t len);
uint32_t gs_intern_put(struct gs_intern *t, const char *s, size_t len);
uint32_t gs_intern_put_hashed(struct gs_intern *t, const char *s, size_t len, uint64_t hash);
/* 0 when absent; never inserts */
uint32_t gs_intern_find(const struct gs_intern *t, const char *s, size_t len);
const char *gs_intern_str(const struct gs_intern *t, uint32_t id);  /* "" for 0 */
size_t gs_intern_len(const struct gs_intern *t, uint32_t id);
uint32_t gs_intern_count(const struct gs_intern *t);
size_t gs_intern_bytes(const struct gs_intern *t);   /* text, NULs included */
size_t gs_intern_mem(const struct gs_intern *t);     /* everything allocated: text, entries, slots */
#define GS_INTERN_FULL_TEXT   1 /* max_bytes of text */
#define GS_INTERN_FULL_BUDGET 2 /* the owner's budget */
int gs_intern_full(const struct gs_intern *t);       /* 0, or INTERN_FULL_* */
/* Memory cap shared with the owner: puts fail once gs_intern_mem() + *used would pass *max
 * (*max == 0: no cap). Both are read at each growth; the pointers must outlive the table. */
void gs_intern_set_budget(struct gs_intern *t, const size_t *used, const size_t *max);
/* Past the caps (not past malloc): for the owner's few diagnostics, which must get through
 * when the table is full. */
uint32_t gs_intern_put_always(struct gs_intern *t, const char *s, size_t len);

#endif
