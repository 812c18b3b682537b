/* split.h - a large plain file read on two threads.
 *
 * The file is cut before goroutine headers into pieces, a quarter of what is left each
 * (at least 4 MiB), so the last ones are small. The main reader reads the first; the other
 * pieces are taken in turn by whichever of two threads is free, each into a reader of its
 * own; this thread takes them over in order as they are done, when one reader would have
 * read the same (summary: gs_parser_adopt, chained; grep: the reader stood between two
 * goroutines), and otherwise has the main reader read that piece itself (after two refused
 * in a row, the rest too: no more pieces are handed out). The result is the same either
 * way; only the time differs. Taken for regular, uncompressed files of 8 MiB or more within
 * --max-size; GOSTACKS_THREADS=1 in the environment turns it off.
 */
#ifndef GS_SPLIT_H
#define GS_SPLIT_H

#include <sys/types.h>

#include "model.h"
#include "parser.h"
#include "stream.h"

/* summary's reader. 0: not such a file, nothing done (read it with stream.h). 1: read, *p
 * is its parser (finish it, then free it). -1: as 1, after a read error was printed. */
int split_read(struct gs_model *m, const char *name, struct gs_parser **p);

#define SPLIT_PIECES 32

/* The pieces of a file: [from[i], to[i]), to[k - 1] = -1 (to the end). */
struct split_plan {
	int k;
	off_t size;
	off_t from[SPLIT_PIECES], to[SPLIT_PIECES];
};

/* 1 when name is such a file and has cuts, with its descriptor open in *fd; 0, nothing
 * open, otherwise. */
int split_plan(const char *name, int *fd, struct split_plan *pl);

/* What a reader does with the pieces. `first` reads piece 0 (to `to`; -1: the whole file,
 * there is no second thread) with the main reader: nonzero when it stopped or read on
 * alone (nothing more to take). `read` reads piece i >= 1 into a reader of its own, on this
 * thread (who 0) or the second (who 1). `take`, on this thread, in order, when piece i was
 * read (`read` 1), or was never handed out (0: after two refusals in a row the main reader
 * goes on alone): take its reader over (0), or have the main reader read the piece (1);
 * -1: stop. */
struct split_ops {
	void *ctx;
	int (*first)(void *ctx, int fd, off_t to, char *chunk);
	void (*read)(void *ctx, int i, int who, int fd, char *chunk);
	int (*take)(void *ctx, int i, int read, int fd, char *chunk);
};

/* Runs the pieces of pl on two threads; closes fd. Pieces read but not taken (after a
 * stop) are the caller's to free. */
void split_run(const char *name, int fd, const struct split_plan *pl, const struct split_ops *ops);

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
/* split_part_read of [from, to) into feed(ctx); *err: errno of a failed read. 0 when all
 * was fed, 1 when fewer bytes than asked were there (the file shrank), -1 when the read
 * failed or feed said stop. */
int split_read_range(int fd, off_t from, off_t to, stream_fn feed, void *ctx, char *chunk,
                     int *err);

#endif
