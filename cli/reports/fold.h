/* fold.h - folded stacks ("root;...;leaf VALUE") from a model, for flame graph tools
 * (flamegraph.pl, inferno, speedscope) and for the HTML report's icicle graph.
 *
 * One entry per distinct folded text, sorted by text, values summed, zeros left out: the
 * output is the same on every run. Stacks are canonical (model.h: leading runtime frames and runtime.goexit
 * dropped), so debug=1 and debug=2 of one program fold alike; a stack with no canonical
 * frame is folded whole, an empty one as "[no stack]". Frame names are function names with
 * control bytes shown as \xNN and ';' (the separator) written as ':'.
 *
 * Goroutine dumps (debug=2, goroutine and threadcreate debug=1): the value is goroutines;
 * with by_state the state is the root frame ("[no state]" for debug=1 records).
 * heap/allocs/mutex/block: the value is one column of the samples (kind.h names them),
 * the estimates `go tool pprof` shows (scale.h), or with raw the file's numbers (delay in
 * cycles).
 */
#ifndef GS_FOLD_H
#define GS_FOLD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "model.h"
#include "outputs/folded.h" /* struct fold */

/* The goroutines kept by keep (per goroutine; NULL keeps all). */
void fold_goroutines(struct fold *f, const struct gs_model *m, const unsigned char *keep,
                     int by_state);
/* The samples (heap, allocs, mutex, block records) kept by keep (per sample), column col,
 * pprof's estimates when scaled. */
void fold_samples(struct fold *f, const struct gs_model *m, const unsigned char *keep, int col,
                  int scaled, const char *unit);

/* "TEXT VALUE\n" per entry. */
void fold_print(const struct fold *f, FILE *out);

#endif
