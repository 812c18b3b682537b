/* usage.c - see usage.h. */
#include "outputs/usage.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

void cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	const char *nl;
	char *line;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* the short usage is the first line of the command's text */
	nl = strchr(c->usage, '\n');
	line = nl ? strndup(c->usage, (size_t)(nl - c->usage)) : strdup(c->usage);
	if (line == NULL)
		die_oom();
	msg_usage(c->name, line, "%s", text);
	free(line);
}
