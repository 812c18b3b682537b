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

/* Edit distance with transpositions (optimal string alignment), capped: the words are
 * option and command names, short. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[33][33], best;

	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *opts_closest(const char *word, const char *const *words, size_t n)
{
	size_t i, d, best = SIZE_MAX, limit = strlen(word) <= 4 ? 1 : 2;
	const char *pick = NULL;

	for (i = 0; i < n; i++) {
		d = distance(word, words[i]);
		if (d <= limit && d < best) {
			best = d;
			pick = words[i];
		}
	}
	return pick;
}

void opts_bad_option(struct gs_buf *out, const struct opts_row *rows, const char *bad, int optopt)
{
	const char *names[OPTS_MAX], *pick, *eq;
	const struct opts_row *r, *letter = NULL, *exact = NULL;
	size_t n = 0, nprefix = 0, len;
	char name[64];

	for (r = rows; !opts_is_end(r) && n < OPTS_MAX; r++) {
		if (r->name && !(r->flags & OPTS_HIDDEN))
			names[n++] = r->name;
		if (r->letter && r->letter == optopt)
			letter = r;
	}
	if (bad == NULL || strncmp(bad, "--", 2) != 0) {
		/* a short option: unknown, or without its argument */
		if (letter && letter->arg == OPTS_REQUIRED)
			gs_buf_addf(out, "option '-%c' needs an argument (%s)", optopt,
			            letter->metavar ? letter->metavar : "a value");
		else
			gs_buf_addf(out, "unknown option '-%c'", optopt ? optopt : '?');
		return;
	}
	eq = strchr(bad + 2, '=');
	len = eq ? (size_t)(eq - bad - 2) : strlen(bad + 2);
	if (len >= sizeof name)
		len = sizeof name - 1;
	memcpy(name, bad + 2, len);
	name[len] = '\0';
	for (r = rows; !opts_is_end(r); r++) {
		if (r->name == NULL || (r->flags & OPTS_HIDDEN) || strncmp(r->name, name, len) != 0)
			continue;
		if (strlen(r->name) == len)
			exact = r;
		nprefix++;
	}
	if (exact || nprefix == 1) {
		for (r = rows; !exact && !opts_is_end(r); r++)
			if (r->name && !(r->flags & OPTS_HIDDEN) && strncmp(r->name, name, len) == 0)
				exact = r;
		if (exact->arg == OPTS_NONE)
			gs_buf_addf(out, "option '--%s' takes no argument", exact->name);
		else
			gs_buf_addf(out, "option '--%s' needs an argument (%s)", exact->name,
			            exact->metavar ? exact->metavar : "a value");
		return;
	}
	if (nprefix > 1) {
		gs_buf_addf(out, "option '--%s' is ambiguous (", name);
		nprefix = 0;
		for (r = rows; !opts_is_end(r); r++)
			if (r->name && !(r->flags & OPTS_HIDDEN) && strncmp(r->name, name, len) == 0 &&
			    opts_find(rows, r->name) == r)
				gs_buf_addf(out, "%s--%s", nprefix++ ? ", " : "", r->name);
		gs_buf_addch(out, ')');
		return;
	}
	gs_buf_addf(out, "unknown option '--%s'", name);
	pick = opts_closest(name, names, n);
	if (pick)
		gs_buf_addf(out, " (did you mean --%s?)", pick);
}
