/* usage.c - see usage.h. */
#include "outputs/usage.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "outputs/msg.h"

void cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	char text[512];
	va_list ap;
	const char *nl;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* the short usage is the first line of the command's text */
	nl = strchr(c->usage, '\n');
	usagef(c->name, "%s\n%.*s", text, nl ? (int)(nl - c->usage) : (int)strlen(c->usage),
	       c->usage);
}
