/* test_opts.c - tables of options (cli/commands/opts.c): the getopt_long table and optstring made
 * from the rows, the help printed from them, and for every command of the table (and the
 * global options) that each long option and letter getopt_long takes is a row of its
 * printed help (or, for a prose row, named in its text), that each row of the help is an
 * option something parses, and that every command takes every URL option. Then whole
 * command lines through a command's table: an option's value that starts with '-' is the
 * value, not another option. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "commands/commands.h"
#include "net/fetch_opts.h"
#include "commands/opts.h"
#include "outputs/msg.h"

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

/* Whether text names "--name" (or "-X" when name is NULL) anywhere, as a whole word. */
static int mentioned(const char *text, const char *name, int letter)
{
	char word[64];
	const char *p = text;
	size_t n;

	if (name)
		snprintf(word, sizeof word, "--%s", name);
	else
		snprintf(word, sizeof word, "-%c", letter);
	n = strlen(word);
	while ((p = strstr(p, word)) != NULL) {
		if ((p == text || !is_name_char(p[-1])) && !is_name_char(p[n]))
			return 1;
		p += n;
	}
	return 0;
}

/* How a prose row is documented: its text names it by one of its spellings ("-p PROFILE"
 * says what --profile is). */
static int named(const char *text, const struct opts_row *r)
{
	return (r->name && mentioned(text, r->name, 0)) ||
	       (r->letter && mentioned(text, NULL, r->letter));
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
 * (text the whole help, options that help from its "options:" line on), each reported;
 * their number. */
static int check_table(const char *what, const struct opts_row *rows, const char *text,
                       const char *options)
{
	struct opts_getopt g;
	struct fetch_opts net;
	const struct option *o;
	const struct opts_row *r, *shown;
	const char *p;
	char why[256];
	int bad = 0, rc;

	opts_getopt(&g, rows, "");
	for (o = g.longopts; o->name; o++) {
		r = opts_find(rows, o->name);
		shown = r && (r->flags & OPTS_HIDDEN) ? shown_with_val(rows, r->val) : r;
		if (shown == NULL ||
		    !((shown->flags & OPTS_PROSE) ? named(text, shown) : listed(options, shown->name, 0))) {
			print_message("%s: getopt_long takes --%s, its help has no row for it\n", what,
			              o->name);
			bad++;
		}
	}
	for (p = g.shortopts; *p; p++) {
		if (*p == ':')
			continue;
		r = with_letter(rows, *p);
		if (r == NULL || (r->flags & OPTS_HIDDEN) ||
		    ((r->flags & OPTS_PROSE) ? !named(text, r) : !listed(options, NULL, *p))) {
			print_message("%s: getopt_long takes -%c, its help has no row for it\n", what, *p);
			bad++;
		} else if (r->val != *p) {
			print_message("%s: -%c returns %d, not '%c'\n", what, *p, r->val, *p);
			bad++;
		}
	}
	/* the other way: every option the help shows is parsed */
	fetch_opts_init(&net);
	net.insecure = 1; /* set already: asking about --insecure does not warn */
	for (r = rows; !opts_is_end(r); r++) {
		if ((r->name == NULL && r->letter == 0) || (r->flags & OPTS_HIDDEN))
			continue;
		/* a URL option's row and fetch_option agree on whether it takes a value */
		rc = fetch_option(&net, r->val, NULL, why, sizeof why);
		if (rc != 0 && (rc > 0) != (r->arg == OPTS_NONE)) {
			print_message("%s: --%s is a URL option's code, fetch_option %s a value\n", what,
			              r->name ? r->name : "?", rc > 0 ? "takes no" : "wants");
			bad++;
		}
		if (r->name && !in_longopts(&g, r->name)) {
			print_message("%s: --%s is shown, getopt_long does not take it\n", what, r->name);
			bad++;
		}
		if (r->letter && strchr(g.shortopts, r->letter) == NULL) {
			print_message("%s: -%c is shown, getopt_long does not take it\n", what, r->letter);
			bad++;
		}
	}
	fetch_opts_free(&net);
	return bad;
}

/* Every URL option (fetch_opts.h's codes) has a row in the table. */
static int check_url_options(const char *what, const struct opts_row *rows)
{
	static const int codes[] = {
		FETCH_OPT_PROFILE, FETCH_OPT_HEADER, FETCH_OPT_TIMEOUT, FETCH_OPT_CONNECT_TIMEOUT,
		FETCH_OPT_MAX_SIZE, FETCH_OPT_INSECURE, FETCH_OPT_CACERT, FETCH_OPT_PROXY,
		FETCH_OPT_NOPROXY, FETCH_OPT_USER_AGENT, FETCH_OPT_RETRY, FETCH_OPT_LOW_SPEED_LIMIT,
		FETCH_OPT_LOW_SPEED_TIME
	};
	const struct opts_row *r;
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		for (r = rows; !opts_is_end(r) && (r->name == NULL || r->val != codes[i]); r++)
			;
		if (opts_is_end(r)) {
			print_message("%s: no row for the URL option of code %d\n", what, codes[i]);
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
		bad += check_table(cmd->name, cmd->opts, text, options);
		bad += check_url_options(cmd->name, cmd->opts);
		free(text);
	}
	assert_true(i >= 9);

	f = open_memstream(&text, &len);
	assert_non_null(f);
	commands_print_help(f);
	fclose(f);
	options = strstr(text, "\nglobal options:\n");
	assert_non_null(options);
	bad += check_table("gostacks", commands_global_opts, text, options);
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
	static const struct opts_row flag_with_value[] = {
		{ "insecure", 0, OPTS_REQUIRED, FETCH_OPT_INSECURE, "B", "fetch_option's flag", 0 },
		OPTS_END
	};
	static const struct opts_row prose[] = {
		{ "retry", 0, OPTS_REQUIRED, FETCH_OPT_RETRY, "N", "named in the text", OPTS_PROSE },
		OPTS_END
	};
	static const struct opts_row good[] = {
		OPTS_VALUE("timeout", 0, 0, "DUR", "as fetch"),
		OPTS_END
	};
	char *help;

	(void)state;
	help = print_rows(alias_alone, 24);
	assert_int_equal(check_table("alias_alone", alias_alone, help, help), 1);
	free(help);
	help = print_rows(wrong_val, 24);
	assert_int_equal(check_table("wrong_val", wrong_val, help, help), 1);
	free(help);
	help = print_rows(flag_with_value, 24);
	assert_int_equal(check_table("flag_with_value", flag_with_value, help, help), 1);
	free(help);
	/* a prose row is not printed; the text must name it */
	help = print_rows(prose, 24);
	assert_string_equal(help, "");
	assert_int_equal(check_table("prose", prose, "Also --retry.\n", help), 0);
	assert_int_equal(check_table("prose", prose, "Also --retry-all.\n", help), 1);
	free(help);
	assert_int_equal(check_url_options("prose", prose), 12);
	/* a row parsed but printed under another name */
	help = print_rows(good, 24);
	assert_int_equal(check_table("good", good, help, help), 0);
	assert_int_equal(check_table("good", good, "", "  --timeouts DUR  x\n"), 1);
	assert_int_equal(check_table("good", good, "", "  --time DUR  x\n"), 1);
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
	{ "header", 'H', OPTS_REQUIRED, 'H', "'N: V'", "a header", 0 },
	{ "proxy", 0, OPTS_REQUIRED, 0x2002, "URL", "in the text", OPTS_PROSE },
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
	assert_int_equal(n, 9); /* count once; header and the prose row proxy too */
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
	assert_string_equal(g.longopts[7].name, "header");
	assert_string_equal(g.longopts[8].name, "proxy");
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

/* argv through a command's table as the command parses it: CMD_CONTINUE or the exit code;
 * in is left for the caller to read and finish. */
static int parse(const char *name, struct cmd_input *in, struct cli *c, char **argv)
{
	const struct command *cmd = command_find(name);
	int argc = 0;

	while (argv[argc])
		argc++;
	memset(c, 0, sizeof *c);
	c->name = cmd->name;
	c->usage = cmd->usage;
	cmd_input_init(in, c);
	return cmd_input_parse(in, argc, argv, cmd->opts, NULL, NULL);
}

/* A filter's value that starts with "-p" is the filter's, not -p PROFILE: no pass over argv
 * before getopt_long takes options out of it (`summary --match -pool` failed with "unknown
 * profile 'ool'"). After "--" nothing is an option. */
static void test_values_like_options(void **state)
{
	char a0[] = "summary", a1[] = "--match", a2[] = "-pool", a3[] = "--state", a4[] = "-park",
	     a5[] = "--exclude=-p", a6[] = "dump.txt", a7[] = "--", a8[] = "-p", a9[] = "--timeout";
	char *sum[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, NULL };
	char b0[] = "grep", b1[] = "--match", b2[] = "-pool", b3[] = "-pheap", b4[] = "--",
	     b5[] = "-pool", b6[] = "x.txt";
	char *grep[] = { b0, b1, b2, b3, b4, b5, b6, NULL };
	char c0[] = "top", c1[] = "-p", c2[] = "--match", c3[] = "x.txt";
	char *top[] = { c0, c1, c2, c3, NULL };
	struct cmd_input in;
	struct cli c;

	(void)state;
	assert_int_equal(parse("summary", &in, &c, sum), CMD_CONTINUE);
	assert_int_equal(in.filter.match.n, 1);
	assert_string_equal(in.filter.match.patterns[0], "-pool");
	assert_int_equal(in.filter.state.n, 1);
	assert_string_equal(in.filter.state.patterns[0], "-park");
	assert_int_equal(in.filter.exclude.n, 1);
	assert_string_equal(in.filter.exclude.patterns[0], "-p");
	assert_null(in.src.net.profile);
	assert_int_equal(in.src.net.timeout_ms, FETCH_DEFAULT_TIMEOUT_MS);
	assert_string_equal(sum[optind], "dump.txt");
	assert_string_equal(sum[optind + 1], "-p");
	assert_string_equal(sum[optind + 2], "--timeout");
	assert_null(sum[optind + 3]);
	cmd_input_finish(&in, EXIT_OK);

	/* grep: -p is the URL option wherever it stands; its RE may start with '-' after -- */
	assert_int_equal(parse("grep", &in, &c, grep), CMD_CONTINUE);
	assert_string_equal(in.filter.match.patterns[0], "-pool");
	assert_string_equal(in.src.net.profile, "heap");
	assert_string_equal(grep[optind], "-pool");
	assert_string_equal(grep[optind + 1], "x.txt");
	cmd_input_finish(&in, EXIT_OK);

	/* -p takes the next word whatever it is, as every option with a value does */
	assert_int_equal(parse("top", &in, &c, top), EXIT_USAGE);
	cmd_input_finish(&in, EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getopt),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_check_fails),
		cmocka_unit_test(test_every_command),
		cmocka_unit_test(test_values_like_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
