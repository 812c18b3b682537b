/* folded.h - folded stacks as data: one entry per distinct "root;...;leaf" text with its
 * value, what reports/fold.h builds from a model and what the outputs draw (flame.h, the
 * HTML report's icicle graph). Types (and their release) only, so the outputs need nothing
 * of the reports.
 */
#ifndef GS_FOLDED_H
#define GS_FOLDED_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct fold_entry {
	size_t off, len;         /* folded text in fold.text (no value) */
	int64_t value;
};

struct fold {
	struct gs_buf text;
	struct fold_entry *e;
	size_t n, cap;
	int64_t total;
	const char *unit;        /* "goroutines", "inuse_space", ... */
};

static inline void fold_free(struct fold *f)
{
	gs_buf_release(&f->text);
	free(f->e);
	memset(f, 0, sizeof *f);
}

#endif
