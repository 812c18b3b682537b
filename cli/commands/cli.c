/* cli.c - option helpers shared by the subcommands; see cli.h. */
#include "commands/cli.h"

#include <stdarg.h>
#include <string.h>

#include "commands/commands.h"
#include "outputs/msg.h"

/* What the command answers with (commands.c), and its JSON document's schema. */
static unsigned answers_of(const struct cli *c, const char **schema)
{
	const struct command *cmd = c->name ? command_find(c->name) : NULL;

	*schema = cmd ? cmd->schema : NULL;
	return cmd ? cmd->answers : ANSWER_REPORT;
}

int cli_parse_format(const struct cli *c, const char *word, enum out_format *out)
{
	const char *schema;
	unsigned answers = answers_of(c, &schema);
	struct gs_buf words = XBUF_INIT;

	if (formats_parse(word, answers, out) == 0)
		return 0;
	formats_words(&words, answers);
	cli_usage_error(c, "unknown --format '%s' (%s)", word, words.data);
	gs_buf_release(&words);
	return -1;
}

void cli_help(const struct cli *c, const struct opts_row *opts, FILE *out)
{
	struct opts_row rows[OPTS_MAX + 1];
	const struct opts_row end = OPTS_END;
	struct gs_buf help = XBUF_INIT;
	const char *schema;
	unsigned answers = answers_of(c, &schema);
	size_t n;

	/* --format's help (one row) is the formats' own (formats.h), then the command's words */
	for (n = 0; n < OPTS_MAX && !opts_is_end(&opts[n]); n++) {
		rows[n] = opts[n];
		if (opts[n].name == NULL || strcmp(opts[n].name, "format") != 0 || help.len)
			continue;
		formats_help(&help, answers, schema);
		if (opts[n].help && *opts[n].help)
			gs_buf_addf(&help, "\n%s", opts[n].help);
		rows[n].help = help.data;
	}
	rows[n] = end;
	fputs(c->usage, out);
	fputs("\noptions:\n", out);
	opts_print(out, rows, 24);
	gs_buf_release(&help);
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
