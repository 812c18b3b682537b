/* source.h - reading one SOURCE into the model through a gs_parser.
 *
 * SOURCE is a path, "-" for stdin, a gzip file or stream (stream.c tells it by its magic
 * bytes), an http:// or https:// URL
 * (fetch.c: fed to the parser from the write callback as it arrives), or host:port alone,
 * meaning http://host:port/debug/pprof/goroutine?debug=2 (or the -p profile's path) when
 * no such file exists. stream.h reads them all, in SOURCE_CHUNK pieces: input is never
 * held whole. Errors are printed (msg.h) naming the source; what was read before an error
 * stays in the model. A large plain file is read on two threads (split.h).
 */
#ifndef GS_SOURCE_H
#define GS_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct fetch_opts;

#define SOURCE_CHUNK (64u * 1024u)

struct source_info {
	int parsed;            /* a parser ran: `source` is valid */
	uint32_t source;       /* index into m->sources */
	int gzip;              /* the bytes were gzip-compressed */
	char detected[256];    /* gs_parser_detected(): normalisations applied */
};

/* 0 when the whole source was read, -1 after printing an error. */
int source_read(struct gs_model *m, const char *name, struct source_info *info);

/* Reads every name in order into m (errors printed); returns how many failed. When
 * detected is not NULL it gets an array indexed by model source (at least m->nsources
 * slots) of malloc'd normalisation texts, NULL where unknown; free it with
 * source_free_detected(detected, m->nsources). */
int source_read_all(struct gs_model *m, char *const *names, int n, char ***detected);
void source_free_detected(char **detected, uint32_t n);

/* Whether a command-line word names something source_read can read: "-", an existing
 * path, a URL, or host:port (fetch_target.h tells the last two). */
int source_exists(const char *s);

/* The network options for URL sources, shared by every command: main.c calls
 * source_take_options on a command's argv before the command parses it. It removes
 * -p/--profile and the long options of fetch_opts.h (--timeout, --header, --insecure, ...;
 * "--NAME VALUE" or "--NAME=VALUE", up to a "--") and keeps the rest in order.
 * 0, or -1 with why (a usage error). */
int source_take_options(int *argc, char **argv, char *why, size_t whylen);
/* The options source_take_options filled (defaults otherwise); `fetch` runs with them. */
struct fetch_opts *source_fetch_opts(void);

#endif
