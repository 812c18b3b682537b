/* source_opts.h - how one run reads its SOURCEs, in one struct per command invocation.
 *
 * The command fills it as it parses its own argv (the URL options of net/fetch_opts.h,
 * --max-size among them, are rows of its table like any other) and hands it to every
 * reader: source.h, stream.h, split.h. The caps that come from the environment are read
 * into it when the first model needs them (caps.h). No reader keeps options of its own, so
 * two invocations in one process (the unit tests) never see each other's.
 */
#ifndef GS_SOURCE_OPTS_H
#define GS_SOURCE_OPTS_H

#include "input/caps.h"
#include "net/fetch_opts.h"

struct source_opts {
	struct fetch_opts net;   /* URL SOURCEs; net.max_size_set: --max-size caps files too */
	struct caps caps;        /* GOSTACKS_MAX_MEMORY */
};

void source_opts_init(struct source_opts *o);
void source_opts_free(struct source_opts *o);

#endif
