/* caps.h - the command's caps on what it reads; the library's own are in model.h and
 * parser.h (line length, frames, labels, nesting, numbers, the model's memory).
 *
 *  - GOSTACKS_MAX_MEMORY=SIZE (environment): the memory a model may use, arrays and string
 *    table together (gs_model.max_bytes; default GS_DEFAULT_MAX_BYTES, 4 GiB; "0" for no
 *    cap). Past it the parse stops with one error naming the line, and what came before
 *    is reported.
 *  - --max-size SIZE, when given: also caps each file and stdin (bytes after gunzip).
 *    Without it files and stdin have no cap (a stream is read in constant memory; the
 *    model's cap bounds what it keeps), and URLs keep fetch's own default (1 GiB).
 * Both are the invocation's (source_opts.h), not the process's.
 */
#ifndef GS_CAPS_H
#define GS_CAPS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "net/fetch_opts.h"

/* The environment's caps, read when the first model of a run is made. */
struct caps {
	int env_read;
	size_t max_bytes;        /* GOSTACKS_MAX_MEMORY, else GS_DEFAULT_MAX_BYTES */
};

void caps_init(struct caps *c);
/* Applies GOSTACKS_MAX_MEMORY to a new model. The environment is read once per caps: every
 * model of the run gets the same cap, and a bad value one warning (the default is kept). */
void caps_model(struct caps *c, struct gs_model *m);
/* The cap for a file or stdin in bytes: --max-size when it was given, else 0 for none. */
uint64_t caps_file_max(const struct fetch_opts *net);

#endif
