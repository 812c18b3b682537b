/* reversed.h - a dump pasted newest line first, put back in the order Go printed it: the last
 * stage of the line reader (lines.h). Internal to libgostacks.
 *
 * A log viewer lists a service's output newest line first, and a dump copied from there
 * reads bottom-up: each goroutine's header under its frames, each frame's file line above
 * its function line. Read as it stands, every header would open a goroutine with no frames
 * and every frame would be text between goroutines.
 *
 * The stage holds the lines before the input's first header. At that header it tells the
 * two orders apart: reversed when the two lines above it are a whole file line and then a
 * whole function line (a frame upside down, where Go prints a blank line or a file line).
 * Either way the held lines lose the prefix learned at that header (a "panic: " line under
 * a log prefix is read). Forward, they go out in order and the stage steps aside for good. Reversed,
 * it holds each goroutine's lines up to its header, then hands out the header and the held
 * lines last first; text that is no goroutine (what a crash printed before its goroutines,
 * now below them) goes out bottom-up at a blank line, another dump's header or the end.
 * What is held is bounded (GS_LINES_BLOCK_MAX): past it, the lines go out as they are.
 */
#ifndef GS_REVERSED_H
#define GS_REVERSED_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "lines.h"

enum { REV_UNKNOWN = 0, REV_NO, REV_YES };

struct rev_line {
	size_t off, len;   /* in text */
	uint64_t no, last;
	unsigned flags;
};

struct lines_rev {
	int state;               /* REV_UNKNOWN until the first header */
	int said;                /* GS_LINE_REVERSED was handed out */
	struct gs_buf text;      /* the lines held */
	struct rev_line *lines;
	size_t n, cap;
};

/* How many bytes at the start of a held line are the log prefix learned since (lines.c). */
typedef size_t (*rev_prefix_fn)(void *ctx, const char *s, size_t n);

void rev_init(struct lines_rev *v);
void rev_release(struct lines_rev *v);
/* One line, in input order; what goes out goes to fn(ctx). 0, the callback's code, or -1
 * when memory ran out. */
int rev_line(struct lines_rev *v, const struct gs_line *l, rev_prefix_fn prefix, void *pctx,
             gs_lines_fn fn, void *ctx);
/* The input ended: what is held goes out. */
int rev_finish(struct lines_rev *v, gs_lines_fn fn, void *ctx);
/* Whether nothing is held and the order is known to be Go's: a fresh stage reads on alike. */
static inline int rev_steps_aside(const struct lines_rev *v)
{
	return v->state == REV_NO;
}

#endif
