/* intern.h - one copy of each string (function names, paths, states, labels).
 *
 * Ids are dense and start at 1; 0 means "no string". Strings are stored NUL-terminated
 * in arena blocks, so pointers returned by intern_str stay valid until intern_free.
 * The table can be capped (bytes of text), and share its owner's memory budget
 * (intern_set_budget); past either intern_put returns 0 and intern_full() says which, so a
 * stream of endless distinct names fails cleanly.
 */
#ifndef GS_INTERN_H
#define GS_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct intern;

struct intern *intern_new(size_t max_bytes); /* 0 = no cap */
void intern_free(struct intern *t);
uint64_t intern_hash(const void *p, size_t len);
uint32_t intern_put(struct intern *t, const char *s, size_t len);
uint32_t intern_put_hashed(struct intern *t, const char *s, size_t len, uint64_t hash);
/* 0 when absent; never inserts */
uint32_t intern_find(const struct intern *t, const char *s, size_t len);
const char *intern_str(const struct intern *t, uint32_t id);  /* "" for 0 */
size_t intern_len(const struct intern *t, uint32_t id);
uint32_t intern_count(const struct intern *t);
size_t intern_bytes(const struct intern *t);   /* text, NULs included */
size_t intern_mem(const struct intern *t);     /* everything allocated: text, entries, slots */
#define INTERN_FULL_TEXT   1 /* max_bytes of text */
#define INTERN_FULL_BUDGET 2 /* the owner's budget */
int intern_full(const struct intern *t);       /* 0, or INTERN_FULL_* */
/* Memory cap shared with the owner: puts fail once intern_mem() + *used would pass *max
 * (*max == 0: no cap). Both are read at each growth; the pointers must outlive the table. */
void intern_set_budget(struct intern *t, const size_t *used, const size_t *max);
/* Past the caps (not past malloc): for the owner's few diagnostics, which must get through
 * when the table is full. */
uint32_t intern_put_always(struct intern *t, const char *s, size_t len);

#endif
