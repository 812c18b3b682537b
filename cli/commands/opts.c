/* opts.c - see opts.h. */
#include "commands/opts.h"

#include <stdlib.h>
#include <string.h>

#include "outputs/msg.h"

int opts_is_end(const struct opts_row *r)
{
	return r->name == NULL && r->letter == 0 && r->help == NULL;
}

const struct opts_row *opts_find(const struct opts_row *rows, const char *name)
{
	const struct opts_row *r;

	for (r = rows; !opts_is_end(r); r++)
		if (r->name && strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

static int has_long(const struct option *o, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(o[i].name, name) == 0)
			return 1;
	return 0;
}

void opts_getopt(struct opts_getopt *g, const struct opts_row *rows, const char *lead)
{
	static const int has_arg[] = { no_argument, required_argument, optional_argument };
	const struct opts_row *r;
	size_t n = 0, len = strlen(lead);

	memset(g, 0, sizeof *g);
	memcpy(g->shortopts, lead, len);
	for (r = rows; !opts_is_end(r); r++) {
		if (n == OPTS_MAX || len + 3 >= sizeof g->shortopts) {
			errorf("internal error: more than %d options in one table", OPTS_MAX);
			abort();
		}
		if (r->name && !has_long(g->longopts, n, r->name)) {
			g->longopts[n].name = r->name;
			g->longopts[n].has_arg = has_arg[r->arg];
			g->longopts[n].val = r->val;
			n++;
		}
		if (r->letter && strchr(g->shortopts, r->letter) == NULL) {
			g->shortopts[len++] = (char)r->letter;
			if (r->arg != OPTS_NONE)
				g->shortopts[len++] = ':';
			if (r->arg == OPTS_OPTIONAL)
				g->shortopts[len++] = ':';
		}
	}
}

/* "  -n, --name METAVAR", padded to column, then the help lines */
static void print_row(FILE *f, const struct opts_row *r, int column)
{
	const char *line = r->help, *nl = strchr(line, '\n');
	int n = fprintf(f, "  ");

	if (r->letter)
		n += fprintf(f, "-%c%s", r->letter, r->name ? ", " : "");
	if (r->name)
		n += fprintf(f, "--%s", r->name);
	if (r->metavar && r->arg == OPTS_OPTIONAL)
		n += fprintf(f, r->name ? "[=%s]" : "[%s]", r->metavar);
	else if (r->metavar)
		n += fprintf(f, " %s", r->metavar);
	fprintf(f, "%*s", n < column ? column - n : 2, "");
	while (nl) {
		fprintf(f, "%.*s\n%*s", (int)(nl - line), line, column, "");
		line = nl + 1;
		nl = strchr(line, '\n');
	}
	fprintf(f, "%s\n", line);
}

void opts_print(FILE *f, const struct opts_row *rows, int column)
{
	const struct opts_row *r;
	int after, pass;

	for (pass = 0; pass < 2; pass++) {
		for (r = rows; !opts_is_end(r); r++) {
			after = (r->flags & OPTS_AFTER) != 0;
			if ((r->flags & (OPTS_HIDDEN | OPTS_PROSE)) || after != pass)
				continue;
			if (r->name == NULL && r->letter == 0)
				fputs(r->help, f);
			else
				print_row(f, r, column);
		}
	}
}
