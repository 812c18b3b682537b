/* stream.h - the one reader of a SOURCE: its bytes handed on as they are read. source.c
 * feeds them to a parser (the model); `grep` cuts them into records (records.h) and keeps
 * nothing behind.
 *
 * SOURCE is a path, "-" for stdin, gzip (told by its magic bytes; zlib inflates it), an
 * http(s):// URL or host:port (fetch.h, with the options of the command's invocation:
 * source_opts.h). Read in STREAM_CHUNK pieces; errors are printed naming the source. gzip
 * in a regular file is inflated on a thread of its own when split_threads() gives more than
 * one (stream.c); to->bytes is always called on the caller's thread, in order.
 */
#ifndef GS_STREAM_H
#define GS_STREAM_H

#include <stddef.h>

#include "input/source_opts.h"

/* The piece every reader reads at once: input is never held whole. */
#define STREAM_CHUNK (64u * 1024u)

/* A non-zero return stops the reading (not an error). */
typedef int (*stream_fn)(void *ctx, const void *data, size_t len);

struct stream_to {
	stream_fn bytes;
	/* Called once before the first bytes, NULL for none: for a file or stdin when it is
	 * open (so also when it is empty), with url NULL; for a URL with the first piece of
	 * its body. */
	void (*begin)(void *ctx, const char *url);
	void *ctx;
	int gzip;                /* set by the reader: the file or stdin was gzip-compressed */
};

/* 0 when the source was read (or stopped by to->bytes), -1 after printing an error. */
int stream_source(const struct source_opts *o, const char *name, struct stream_to *to);

#endif
