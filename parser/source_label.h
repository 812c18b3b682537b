/* source_label.h - how --by source names a SOURCE (internal to libgostacks).
 *
 * A fleet is fetched as URLs or as files that fetch saved, one per host and time; the
 * question "which host is the odd one out" wants them grouped by host, not by file. So a
 * URL ("http://10.0.0.5:6060/debug/pprof/goroutine?debug=2") and a host:port with a path
 * are named by their host:port, a file named as fetch saves them
 * ("DIR/10.0.0.5_6060.goroutine.20261128T161410Z.txt") by its HOST:PORT, anything else by
 * the name as given.
 */
#ifndef GS_SOURCE_LABEL_H
#define GS_SOURCE_LABEL_H

#include <stddef.h>

#include "buf.h"

/* Appends the label of a source named name to out; 0, -1 on allocation failure. */
int gs_source_label(const char *name, size_t len, struct gs_buf *out);

#endif
