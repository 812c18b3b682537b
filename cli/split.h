/* split.h - a large plain file read on two threads.
 *
 * The file is cut before goroutine headers into pieces, a quarter of what is left each
 * (at least 4 MiB), so the last ones are small. This thread reads the first into the
 * model; the other pieces are taken in turn by whichever of two threads is free, each
 * into a model of its own; this thread adopts them in order as they are done
 * (gs_parser_adopt, chained) when one reader would have built the same, and otherwise reads
 * that piece itself. The result is the same either way; only the time differs. Taken for
 * regular, uncompressed files of 8 MiB or more within --max-size; GOSTACKS_THREADS=1 in the
 * environment turns it off. grep (split_plan) cuts once, near the middle.
 */
#ifndef GS_SPLIT_H
#define GS_SPLIT_H

#include <sys/types.h>

#include "model.h"
#include "parser.h"
#include "stream.h"

/* 0: not such a file, nothing done (read it with stream.h). 1: read, *p is its parser
 * (finish it, then free it). -1: as 1, after a read error was printed. */
int split_read(struct gs_model *m, const char *name, struct gs_parser **p);

/* The same choice for a reader of its own (grep): 1 when name is such a file, with its
 * descriptor open in *fd, its size and the offset of the cut (a line that begins with
 * "goroutine " after a blank line); 0, nothing open, otherwise. */
int split_plan(const char *name, int *fd, off_t *size, off_t *cut);
/* A second descriptor of the same file (same device and inode), -1 when it cannot be had:
 * two threads pread()ing one open file run at half speed each. */
int split_reopen(const char *name, int fd);

/* One reader of a file's bytes [from, to) (to < 0: to its end) with pread, handed to feed
 * in SOURCE_CHUNK pieces; from advances with what was read. */
struct split_part {
	int fd;
	off_t from, to;
	stream_fn feed;      /* non-zero: stop */
	void *ctx;
	char *chunk;         /* SOURCE_CHUNK bytes */
	int err;             /* errno of a failed read, 0 when none */
	int stopped;         /* feed said stop */
};
void split_part_read(struct split_part *p);

#endif
