/* render_profile.h - heap, allocs, mutex, block (and count) profiles for people: the
 * profile summary (totals, MemStats digest, top sites) and the `top` table (flat, flat%,
 * sum%, cum, cum% like `go tool pprof -top`, with the function names of the file).
 */
#ifndef GS_RENDER_PROFILE_H
#define GS_RENDER_PROFILE_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "sites.h"

/* What one profile rendering shows. */
struct profile_view {
	const struct gs_model *m;
	const struct gs_sites *sites; /* sorted by col */
	unsigned kinds;               /* the dumps read (kinds.h KIND_BIT mask) */
	enum gs_kind kind;            /* kinds_result(): what the result is named by */
	unsigned keys;                /* GK_* of --by */
	uint32_t label_key;           /* for GK_LABEL */
	const char *by;               /* --by as given (or the default) */
	int col;                      /* the value column sorted by (and shown by top) */
	int scaled;                   /* 1: pprof's estimates; 0: the file's numbers (--raw) */
	size_t limit;                 /* rows shown, 0 = all */
	int color;                    /* text: ANSI colours */
	size_t cap;                   /* text: cells cut to this many columns, 0 = whole */
};

/* The rows a profile summary shows in text (JSON has them all). */
#define PROFILE_SUMMARY_ROWS 10

/* Totals (estimated and as in the file), per dump the sampling and a MemStats digest or
 * the contention attributes, the top sites by the kind's main value, a footer. */
void render_profile_summary_text(const struct profile_view *v, FILE *f);
/* The top table: a header that says what the numbers are, then the rows. */
void render_top_text(const struct profile_view *v, FILE *f);

#endif
