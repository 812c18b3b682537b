/* test_opts.c - tables of options (cli/commands/opts.c): the getopt_long table and optstring made
 * from the rows, the help printed from them, and for every command of the table (and the
 * global options) that each long option and letter getopt_long takes is a row of its
 * printed help, and each row of the help is an option something parses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "net/fetch_opts.h"
#include "commands/opts.h"

static char *print_rows(const struct opts_row *rows, int column)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	opts_print(f, rows, column);
	fclose(f);
	return text;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

/* Whether a line of help starts an option row naming "--name", or "-X" when name is NULL:
 * "  -X, --name ...", "  --name ...", "  -X ...". */
static int listed(const char *help, const char *name, int letter)
{
	const char *line = help, *p;
	size_t n = name ? strlen(name) : 0;

	while (line) {
		p = line + 2;
		line = strchr(line, '\n');
		if (line)
			line++;
		if (strncmp(p - 2, "  -", 3) != 0)
			continue;
		if (p[1] != '-') {
			if (name == NULL && p[1] == letter && !is_name_char(p[2]))
				return 1;
			if (p[2] != ',' || p[3] != ' ')
				continue;
			p += 4;
		}
		if (name && strncmp(p, "--", 2) == 0 && strncmp(p + 2, name, n) == 0 &&
		    !is_name_char(p[2 + n]))
			return 1;
	}
	return 0;
}

/* A shown row with a name and this val: what a hidden alias stands for. */
static const struct opts_row *shown_with_val(const struct opts_row *rows, int val)
{
	const struct opts_row *r;

	for (r = rows; !opts_is_end(r); r++)
		if (r->name && !(r->flags & OPTS_HIDDEN) && r->val == val)
			return r;
	return NULL;
}

static const struct opts_row *with_letter(const struct opts_row *rows, int letter)
{
	const struct opts_row *r;

	for (r = rows; !opts_is_end(r); r++)
		if (r->letter == letter)
			return r;
	return NULL;
}

static int in_longopts(const struct opts_getopt *g, const char *name)
{
	const struct option *o;

	for (o = g->longopts; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return 1;
	return 0;
}

/* The disagreements between what getopt_long gets from rows and the help printed from them
 * (options is that help from its "options:" line on), each reported; their number. */
static int check_table(const char *what, const struct opts_row *rows, const char *options)
{
	struct opts_getopt g;
	const struct option *o;
	const struct opts_row *r, *shown;
	const char *p;
	int bad = 0;

	opts_getopt(&g, rows, "");
	for (o = g.longopts; o->name; o++) {
		r = opts_find(rows, o->name);
		shown = r && (r->flags & OPTS_HIDDEN) ? shown_with_val(rows, r->val) : r;
		if (shown == NULL || !listed(options, shown->name, 0)) {
			print_message("%s: getopt_long takes --%s, its help has no row for it\n", what,
			              o->name);
			bad++;
		}
	}
	for (p = g.shortopts; *p; p++) {
		if (*p == ':')
			continue;
		r = with_letter(rows, *p);
		if (r == NULL || (r->flags & OPTS_HIDDEN) || !listed(options, NULL, *p)) {
			print_message("%s: getopt_long takes -%c, its help has no row for it\n", what, *p);
			bad++;
		} else if (r->val != *p) {
			print_message("%s: -%c returns %d, not '%c'\n", what, *p, r->val, *p);
			bad++;
		}
	}
	/* the other way: every option the help shows is parsed */
	for (r = rows; !opts_is_end(r); r++) {
		if ((r->name == NULL && r->letter == 0) || (r->flags & OPTS_HIDDEN))
			continue;
		if (r->name && (r->flags & OPTS_URL) &&
		    fetch_opt_takes_value(r->name) != (r->arg != OPTS_NONE)) {
			print_message("%s: --%s is shown as a URL option, source_take_options "
			              "does not take it so\n", what, r->name);
			bad++;
		}
		if (r->name && !(r->flags & OPTS_URL) && !in_longopts(&g, r->name)) {
			print_message("%s: --%s is shown, getopt_long does not take it\n", what, r->name);
			bad++;
		}
		if (r->letter && strchr(g.shortopts, r->letter) == NULL) {
			print_message("%s: -%c is shown, getopt_long does not take it\n", what, r->letter);
			bad++;
		}
	}
	return bad;
}

static void test_every_command(void **state)
{
	const struct command *cmd;
	char *text, *usage;
	const char *options;
	size_t i, len;
	FILE *f;
	int bad = 0;

	(void)state;
	for (i = 0; (cmd = command_at(i)) != NULL; i++) {
		assert_ptr_equal(command_find(cmd->name), cmd);
		assert_int_equal(asprintf(&usage, "usage: gostacks %s ", cmd->name) > 0, 1);
		assert_memory_equal(cmd->usage, usage, strlen(usage));
		free(usage);
		f = open_memstream(&text, &len);
		assert_non_null(f);
		command_print_help(cmd, f);
		fclose(f);
		options = strstr(text, "\noptions:\n");
		assert_non_null(options);
		bad += check_table(cmd->name, cmd->opts, options);
		free(text);
	}
	assert_true(i >= 9);

	f = open_memstream(&text, &len);
	assert_non_null(f);
	commands_print_help(f);
	fclose(f);
	options = strstr(text, "\nglobal options:\n");
	assert_non_null(options);
	bad += check_table("gostacks", commands_global_opts, options);
	/* every command of the table is in the list of --help */
	for (i = 0; (cmd = command_at(i)) != NULL; i++) {
		assert_int_equal(asprintf(&usage, "\n  %-10s %s\n", cmd->name, cmd->help) > 0, 1);
		assert_non_null(strstr(text, usage));
		free(usage);
	}
	free(text);
	assert_int_equal(bad, 0);
}

/* The check itself finds what it is there to find. */
static void test_check_fails(void **state)
{
	static const struct opts_row alias_alone[] = {
		{ "colour", 0, OPTS_REQUIRED, 7, "WHEN", NULL, OPTS_HIDDEN },
		OPTS_FLAG("help", 'h', 'h', "this text"),
		OPTS_END
	};
	static const struct opts_row wrong_val[] = {
		OPTS_VALUE(NULL, 'n', 'm', "N", "rows shown"),
		OPTS_END
	};
	static const struct opts_row not_url[] = {
		{ "speed", 0, OPTS_REQUIRED, 0, "B", "not one of fetch_opts.h's", OPTS_URL },
		OPTS_END
	};
	static const struct opts_row good[] = {
		OPTS_VALUE("timeout", 0, 0, "DUR", "as fetch"),
		OPTS_END
	};
	char *help;

	(void)state;
	help = print_rows(alias_alone, 24);
	assert_int_equal(check_table("alias_alone", alias_alone, help), 1);
	free(help);
	help = print_rows(wrong_val, 24);
	assert_int_equal(check_table("wrong_val", wrong_val, help), 1);
	free(help);
	help = print_rows(not_url, 24);
	assert_int_equal(check_table("not_url", not_url, help), 1);
	free(help);
	/* a row parsed but printed under another name */
	help = print_rows(good, 24);
	assert_int_equal(check_table("good", good, help), 0);
	assert_int_equal(check_table("good", good, "  --timeouts DUR  x\n"), 1);
	assert_int_equal(check_table("good", good, "  --time DUR  x\n"), 1);
	free(help);
}

static const struct opts_row sample[] = {
	{ "match", 0, OPTS_REQUIRED, 0x1000, "RE", "keep\nmatches", OPTS_AFTER },
	OPTS_FLAG("count", 'c', 'c', "how many"),
	OPTS_FLAG("files-with-matches", 'l', 'l', "names"),
	OPTS_VALUE(NULL, 'n', 'n', "N", "rows shown"),
	OPTS_VALUE("connect-timeout", 0, 0x2000, "DUR", "time to connect"),
	{ "color", 0, OPTS_OPTIONAL, 0x2001, "WHEN", "auto,\nalways or never", 0 },
	{ "colour", 0, OPTS_OPTIONAL, 0x2001, "WHEN", NULL, OPTS_HIDDEN },
	{ "x", 'x', OPTS_OPTIONAL, 'x', "V", "optional", 0 },
	OPTS_FLAG("count", 'c', 'c', "the same option again"),
	{ "header", 'H', OPTS_REQUIRED, 'H', "'N: V'", "a header", OPTS_URL },
	OPTS_TEXT("\nafter the rows\n"),
	OPTS_END
};

static void test_getopt(void **state)
{
	struct opts_getopt g;
	size_t n;

	(void)state;
	opts_getopt(&g, sample, "+");
	assert_string_equal(g.shortopts, "+cln:x::H:");
	for (n = 0; g.longopts[n].name; n++)
		;
	assert_int_equal(n, 7); /* count once; header is taken before getopt_long */
	assert_string_equal(g.longopts[0].name, "match");
	assert_int_equal(g.longopts[0].has_arg, required_argument);
	assert_int_equal(g.longopts[0].val, 0x1000);
	assert_null(g.longopts[0].flag);
	assert_string_equal(g.longopts[1].name, "count");
	assert_int_equal(g.longopts[1].has_arg, no_argument);
	assert_string_equal(g.longopts[3].name, "connect-timeout");
	assert_string_equal(g.longopts[5].name, "colour");
	assert_int_equal(g.longopts[5].has_arg, optional_argument);
	assert_int_equal(g.longopts[5].val, 0x2001);
	assert_string_equal(g.longopts[6].name, "x");
	assert_ptr_equal(opts_find(sample, "colour"), &sample[6]);
	assert_null(opts_find(sample, "col"));
}

static void test_print(void **state)
{
	char *text;

	(void)state;
	text = print_rows(sample, 24);
	assert_string_equal(text,
		"  -c, --count           how many\n"
		"  -l, --files-with-matches  names\n"
		"  -n N                  rows shown\n"
		"  --connect-timeout DUR time to connect\n"
		"  --color[=WHEN]        auto,\n"
		"                        always or never\n"
		"  -x, --x[=V]           optional\n"
		"  -c, --count           the same option again\n"
		"  -H, --header 'N: V'   a header\n"
		"\nafter the rows\n"
		"  --match RE            keep\n"
		"                        matches\n");
	free(text);
	text = print_rows(&sample[1], 8);
	assert_non_null(strstr(text, "  -c, --count  how many\n"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getopt),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_check_fails),
		cmocka_unit_test(test_every_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
