/* split.h - a large plain file read on several threads.
 *
 * The file is cut before goroutine headers into pieces, a quarter of what is left each
 * (at least an eighth of the file, within 4 .. 32 MiB), so the last ones are small. The
 * main reader reads the first; the other pieces are taken in turn by whichever thread is
 * free, each into a reader of its own; this thread takes them over in order as they are
 * done, when one reader would have read the same (summary: gs_parser_adopt, chained; grep:
 * the reader stood between two goroutines), and otherwise has the main reader read that
 * piece itself (after two refused in a row, the rest too: no more pieces are handed out). The result is the same either
 * way; only the time differs. Taken for regular, uncompressed files within --max-size of
 * 64 MiB or more, on as many threads as the machine has CPUs (at most SPLIT_THREADS).
 * GOSTACKS_THREADS=N in the environment asks for N threads (at most SPLIT_THREADS), from
 * 8 MiB on; GOSTACKS_THREADS=1 turns it off.
 */
#ifndef GS_SPLIT_H
#define GS_SPLIT_H

#include <sys/types.h>

#include "model.h"
#include "parser.h"
#include "input/source_opts.h"
#include "input/stream.h"

/* summary's reader. 0: not such a file, nothing done (read it with stream.h). 1: read, *p
 * is its parser (finish it, then free it). -1: as 1, after a read error was printed. */
int split_read(struct source_opts *o, struct gs_model *m, const char *name,
               struct gs_parser **p);

#define SPLIT_PIECES 32
#define SPLIT_THREADS 8

/* The threads a reader may use: GOSTACKS_THREADS=N, N >= 1, asks for N (*asked set); else
 * (unset, empty, not a number) the machine's CPUs. At most SPLIT_THREADS. */
int split_threads(int *asked);

/* The pieces of a file: piece i starts at at[i] and ends where i + 1 starts; the last
 * (k - 1) ends with the file. threads: this one and its helpers, 2 .. SPLIT_THREADS. */
struct split_plan {
	int k;
	int threads;
	off_t size;
	off_t at[SPLIT_PIECES];
};

/* 1 when name is such a file (within o's --max-size) and has cuts, with its descriptor
 * open in *fd; 0, nothing open, otherwise. */
int split_plan(const struct source_opts *o, const char *name, int *fd, struct split_plan *pl);
/* Piece i's share of the bytes after piece 0 (the pieces' budgets are split so). */
double split_share(const struct split_plan *pl, int i);

/* What a reader does with the pieces. `read` reads piece i >= 1 into a reader of its own,
 * on this thread (who 0) or a helper (who 1 .. threads - 1). `take`, on this thread, in order: piece 0,
 * and any piece never handed out (`read` 0: there is no second thread, or after two
 * refused in a row the main reader goes on alone), is for the main reader; a read piece
 * (`read` 1) has its reader taken over (return 0), or the main reader reads the piece
 * (return 1); -1: stop (an error, a stop of the reader, the file shrank). */
struct split_ops {
	void *ctx;
	void (*read)(void *ctx, int i, int who, int fd, char *chunk);
	int (*take)(void *ctx, int i, int read, int fd, char *chunk);
};

/* Runs the pieces of pl on pl->threads threads; closes fd. Pieces read but not taken (after a
 * stop) are the caller's to free. */
void split_run(const char *name, int fd, const struct split_plan *pl, const struct split_ops *ops);

/* Piece i of the file fd with pread, handed to feed(ctx) in STREAM_CHUNK pieces through
 * chunk; *err: errno of a failed read. 0 when all was fed, 1 when fewer bytes than the
 * plan has were there (the file shrank), -1 when the read failed or feed said stop. */
int split_read_piece(const struct split_plan *pl, int i, int fd, stream_fn feed, void *ctx,
                     char *chunk, int *err);

#endif
