/* caps.c - see caps.h. */
#include "input/caps.h"

#include <stdlib.h>
#include <string.h>

#include "net/amount.h"
#include "outputs/msg.h"

void caps_init(struct caps *c)
{
	memset(c, 0, sizeof *c);
	c->max_bytes = GS_DEFAULT_MAX_BYTES;
}

void caps_model(struct caps *c, struct gs_model *m)
{
	const char *env;
	uint64_t v;

	if (!c->env_read) {
		c->env_read = 1;
		env = getenv("GOSTACKS_MAX_MEMORY");
		if (env != NULL && strcmp(env, "0") == 0)
			c->max_bytes = 0;
		else if (env != NULL && *env != '\0' &&
		         (amount_parse_size(env, &v) != 0 || v > SIZE_MAX))
			warnf("GOSTACKS_MAX_MEMORY='%s' is not a size (bytes, or 512M, 8G; 0 for no cap): "
			      "the default cap is kept", env);
		else if (env != NULL && *env != '\0')
			c->max_bytes = (size_t)v;
	}
	m->max_bytes = c->max_bytes;
}

uint64_t caps_file_max(const struct fetch_opts *net)
{
	return net->max_size_set ? net->max_size : 0;
}
