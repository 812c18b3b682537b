/* source_opts.c - see source_opts.h. */
#include "input/source_opts.h"

void source_opts_init(struct source_opts *o)
{
	fetch_opts_init(&o->net);
	caps_init(&o->caps);
}

void source_opts_free(struct source_opts *o)
{
	fetch_opts_free(&o->net);
}
