/* test_regex.c - cli/select/regex.c: which patterns are plain text (regex_literal), and that a
 * search for that text over lines joined by "\n" finds a line exactly when matching each
 * line with PCRE2 does; regex_may_match never hides a line, and regex_match_lines (what
 * grep calls) answers what matching each line would. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "select/regex.h"

static struct regex compiled(const char *pattern, unsigned flags)
{
	struct regex re;
	char err[256];

	assert_int_equal(regex_compile(&re, pattern, flags, "pattern", err, sizeof err), 0);
	return re;
}

static void test_literals(void **state)
{
	static const struct {
		const char *pattern, *text; /* text NULL: not a literal */
	} cases[] = {
		{ "benchLeaf", "benchLeaf" },
		{ "sync\\.\\(\\*Cond\\)\\.Wait", "sync.(*Cond).Wait" },
		{ "bench.go:1", NULL },          /* '.' is any byte */
		{ "chan receive", "chan receive" },
		{ "a\\/b\\-c", "a/b-c" },
		{ "\\d+", NULL },
		{ "^goroutine", NULL },
		{ "x$", NULL },
		{ "a|b", NULL },
		{ "[ab]", NULL },
		{ "a{2}", NULL },
		{ "(?i)abc", NULL },
		{ "\\Qa.b\\E", NULL },
		{ "\\x41", NULL },
		{ "a\\b", NULL },             /* a word boundary, not a b */
		{ "\\", NULL },                  /* does not compile: not reached */
	};
	size_t i, len;

	(void)state;
	for (i = 0; i + 1 < sizeof cases / sizeof cases[0]; i++) {
		struct regex re = compiled(cases[i].pattern, 0);
		const char *lit = regex_literal(&re, &len);

		if (cases[i].text == NULL) {
			assert_null(lit);
		} else {
			assert_non_null(lit);
			assert_int_equal(len, strlen(cases[i].text));
			assert_memory_equal(lit, cases[i].text, len);
		}
		regex_free(&re);
	}
	/* caseless: PCRE2 folds case, memmem would not */
	{
		struct regex re = compiled("benchLeaf", REGEX_CASELESS);

		assert_null(regex_literal(&re, &len));
		regex_free(&re);
	}
}

/* For every literal pattern and every group of lines: memmem over the joined lines finds
 * one exactly when regex_match finds a line. */
static void test_literal_agrees_with_pcre(void **state)
{
	static const char *const patterns[] = {
		"sync\\.\\(\\*Cond\\)\\.Wait", "Wait", "a b", "\\(", "0x0", "gen/", "\\\\", "\xc3\xa9",
	};
	static const char *const lines[] = {
		"goroutine 1 [sync.Cond.Wait]:", "sync.(*Cond).Wait(0xc000012345)", "\t/x/y.go:1 +0x1",
		"a", " b", "a b", "(", "0x", "x0", "gen", "/", "\\", "\xc3", "\xa9", "caf\xc3\xa9", "",
	};
	size_t np = sizeof patterns / sizeof patterns[0], nl = sizeof lines / sizeof lines[0];
	size_t p, a, b, len, checked = 0;
	char joined[512];

	(void)state;
	for (p = 0; p < np; p++) {
		struct regex re = compiled(patterns[p], 0);
		const char *lit = regex_literal(&re, &len);

		assert_non_null(lit);
		/* every pair of lines, joined as a record's text is */
		for (a = 0; a < nl; a++) {
			for (b = 0; b < nl; b++) {
				size_t n = (size_t)snprintf(joined, sizeof joined, "%s\n%s\n", lines[a], lines[b]);
				int by_line = regex_match(&re, lines[a], strlen(lines[a])) ||
				              regex_match(&re, lines[b], strlen(lines[b]));

				assert_int_equal(memmem(joined, n, lit, len) != NULL, by_line);
				assert_int_equal(regex_match_lines(&re, joined, n), by_line);
				checked++;
			}
		}
		regex_free(&re);
	}
	assert_int_equal(checked, np * nl * nl);
}

/* regex_may_match never hides a line that matches: over every pair of lines joined as a
 * record's text, a line matching alone means the joined text may match; and for plain
 * patterns it does turn records away. */
static void test_may_match_never_hides_a_line(void **state)
{
	static const char *const patterns[] = {
		"^main", "f\\(\\)$", "^$", "a\\sb", "[^x]+y", "\\bWait\\b", "Cond\\)\\.Wait|Mutex\\)\\.Lock",
		"b[^x]*+$", "(?<!\\n)a", "a(?!\\n)", "\\Aa", "b\\z", "x\\Z", "(?m)^b", "(*CR)a",
		"(a)\\1", ".*", "a.b", "\\d+ minutes", "\\W", "[[:space:]]", "\\Rb", "\\n", "y$|^a",
	};
	static const char *const lines[] = {
		"main.f()", "a", "b", "ab", "a b", "y", "xy", "", "sync.(*Cond).Wait(0x1)", "Wait",
		"3 minutes", "aa", "ba", "xb", "x", "a.b", "bx",
	};
	size_t np = sizeof patterns / sizeof patterns[0], nl = sizeof lines / sizeof lines[0];
	size_t p, a, b, refused = 0;
	char joined[512];

	(void)state;
	for (p = 0; p < np; p++) {
		struct regex re = compiled(patterns[p], 0);

		for (a = 0; a < nl; a++) {
			for (b = 0; b < nl; b++) {
				size_t n = (size_t)snprintf(joined, sizeof joined, "%s\n%s\n", lines[a], lines[b]);
				int by_line = regex_match(&re, lines[a], strlen(lines[a])) ||
				              regex_match(&re, lines[b], strlen(lines[b]));
				int may = regex_may_match(&re, joined, n);

				if (by_line)
					assert_int_equal(may, 1);
				assert_int_equal(regex_match_lines(&re, joined, n), by_line);
				refused += !may;
			}
		}
		regex_free(&re);
	}
	assert_true(refused > 0);
	/* what one search cannot decide is always "may" */
	{
		struct regex re = compiled("b[^x]*+$", 0);

		assert_int_equal(regex_may_match(&re, "ab\nxx\n", 6), 1);
		assert_true(regex_match(&re, "ab", 2));
		regex_free(&re);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_literal_agrees_with_pcre),
		cmocka_unit_test(test_may_match_never_hides_a_line),
	};

	return cmocka_run_group_tests_name("regex", tests, NULL, NULL);
}
