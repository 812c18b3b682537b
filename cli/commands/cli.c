/* cli.c - option helpers shared by the subcommands; see cli.h. */
#include "commands/cli.h"

#include <stdarg.h>
#include <string.h>

#include "outputs/msg.h"

int cli_parse_format(const char *s, enum out_format *out)
{
	return cli_parse_format_in(s, FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON), out);
}

int cli_parse_format_in(const char *s, unsigned allowed, enum out_format *out)
{
	static const char *const words[] = { "text", "json", "md", "csv", "html", "folded" };
	unsigned i;

	if ((allowed & FORMAT_MARKDOWN_WORD) && strcmp(s, "markdown") == 0)
		s = "md";
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(s, words[i]) == 0 && (allowed & FORMAT_BIT(i))) {
			*out = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

void cli_help(const struct cli *c, const struct opts_row *opts, FILE *out)
{
	fputs(c->usage, out);
	fputs("\noptions:\n", out);
	opts_print(out, opts, 24);
}

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
