/* stream.h - the bytes of a SOURCE handed on as they are read, with no parser and no model:
 * `grep` cuts them into records (records.h) and keeps nothing behind.
 *
 * The same SOURCEs as source.h: a path, "-" for stdin, gzip (gzread passes plain input
 * through), an http(s):// URL or host:port (fetch.h, with the options source.h took from
 * the command line). Read in SOURCE_CHUNK pieces; errors are printed naming the source.
 */
#ifndef GS_STREAM_H
#define GS_STREAM_H

#include <stddef.h>

/* A non-zero return stops the reading (not an error). */
typedef int (*stream_fn)(void *ctx, const void *data, size_t len);

/* 0 when the source was read (or stopped by fn), -1 after printing an error. */
int stream_source(const char *name, stream_fn fn, void *ctx);

#endif
