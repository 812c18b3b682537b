/* caps.c - see caps.h. */
#include "input/caps.h"

#include <stdlib.h>
#include <string.h>

#include "net/amount.h"
#include "net/fetch_opts.h"
#include "outputs/msg.h"
#include "input/source.h"

void caps_model(struct gs_model *m)
{
	/* read once: every model of the run gets the same cap, and a bad value one warning */
	static int ready;
	static size_t max = GS_DEFAULT_MAX_BYTES;
	const char *env;
	uint64_t v;

	if (!ready) {
		ready = 1;
		env = getenv("GOSTACKS_MAX_MEMORY");
		if (env != NULL && strcmp(env, "0") == 0)
			max = 0;
		else if (env != NULL && *env != '\0' && (amount_parse_size(env, &v) != 0 || v > SIZE_MAX))
			warnf("GOSTACKS_MAX_MEMORY='%s' is not a size (bytes, or 512M, 8G; 0 for no cap): "
			      "the default cap is kept", env);
		else if (env != NULL && *env != '\0')
			max = (size_t)v;
	}
	m->max_bytes = max;
}

uint64_t caps_file_max(void)
{
	const struct fetch_opts *o = source_fetch_opts();

	return o->max_size_set ? o->max_size : 0;
}
