/* group_sort.h - --sort: the order summary and show give their groups, one row per word.
 *
 * count (the default: most goroutines first, the order grouping gives), wait (longest
 * stuck first: by the longest printed wait, groups without one last), where (by the where
 * frame's function, file and line), state (by state). Ties keep the count order.
 */
#ifndef GS_GROUP_SORT_H
#define GS_GROUP_SORT_H

#include "buf.h"
#include "group.h"
#include "reports/render.h"

enum group_sort { SORT_COUNT = 0, SORT_WAIT, SORT_WHERE, SORT_STATE };

/* The word's order; 0, or -1 for a word no row has. */
int group_sort_parse(const char *word, enum group_sort *out);
/* "count, wait, where, state": every word, for messages and help. */
void group_sort_words(struct gs_buf *b);
/* Reorders r's groups (r->gr, which the caller owns and hands as gr). */
void group_sort(const struct render_ctx *r, struct grouping *gr, enum group_sort by);

#endif
