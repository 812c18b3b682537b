/* source.h - reading one SOURCE into the model through a gs_parser.
 *
 * SOURCE is a path, "-" for stdin, a gzip file or stream (stream.c tells it by its magic
 * bytes), an http:// or https:// URL
 * (fetch.c: fed to the parser from the write callback as it arrives), or host:port alone,
 * meaning http://host:port/debug/pprof/goroutine?debug=2 (or the -p profile's path) when
 * no such file exists. stream.h reads them all, in STREAM_CHUNK pieces: input is never
 * held whole. Errors are printed (msg.h) naming the source; what was read before an error
 * stays in the model. A large plain file is read on two threads (split.h). Every read
 * goes by the invocation's options (source_opts.h): -p, the network options, the caps.
 */
#ifndef GS_SOURCE_H
#define GS_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "input/source_opts.h"

struct source_info {
	int parsed;            /* a parser ran: `source` is valid */
	uint32_t source;       /* index into m->sources */
	int gzip;              /* the bytes were gzip-compressed */
	char detected[256];    /* gs_parser_detected(): normalisations applied */
};

/* 0 when the whole source was read, -1 after printing an error. */
int source_read(struct source_opts *o, struct gs_model *m, const char *name,
                struct source_info *info);

/* Reads every name in order into m (errors printed); returns how many failed. When
 * detected is not NULL it gets an array indexed by model source (at least m->nsources
 * slots) of malloc'd normalisation texts, NULL where unknown; free it with
 * source_free_detected(detected, m->nsources). */
int source_read_all(struct source_opts *o, struct gs_model *m, char *const *names, int n,
                    char ***detected);
void source_free_detected(char **detected, uint32_t n);

/* Whether a command-line word names something source_read can read: "-", an existing
 * path, a URL, or host:port (fetch_target.h tells the last two). */
int source_exists(const char *s);

#endif
