/* test_facts.c - the parser and grouping against what samples/gen knows it started.
 * samples/goroutine.facts is written by the generator from the goroutines it parked
 * (counts per site), so these numbers do not come from the parser under test. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "parser.h"
#include "testutil.h"

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* "site COUNT STATE... FUNC FILE:LINE": the state may hold spaces. */
static int parse_site(char *line, unsigned long *count, char **state, char **func, char **where)
{
	char *p = line + 5, *end, *last, *prev;

	*count = strtoul(p, &end, 10);
	if (end == p || *end != ' ')
		return -1;
	*state = end + 1;
	last = strrchr(*state, ' ');
	if (last == NULL)
		return -1;
	*last = '\0';
	*where = last + 1;
	prev = strrchr(*state, ' ');
	if (prev == NULL)
		return -1;
	*prev = '\0';
	*func = prev + 1;
	return 0;
}

static void test_sites_match_facts(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct group_opts o;
	struct grouping gr;
	FILE *f = fopen("../samples/goroutine.facts", "r");
	char line[512];
	unsigned long total_facts = 0, sites = 0;
	size_t i;

	(void)state;
	assert_non_null(f);
	memset(&o, 0, sizeof(o));
	o.keys = GK_STATE | GK_WHERE;
	o.first_g = 0;
	o.ng = m->ngoroutines;
	assert_int_equal(gs_group(m, &o, &gr), 0);
	while (fgets(line, sizeof(line), f)) {
		unsigned long count;
		char *st = NULL, *func = NULL, *where = NULL, want[256], got[256];
		int found = 0;

		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "total ", 6) == 0)
			total_facts = strtoul(line + 6, NULL, 10);
		if (strncmp(line, "site ", 5) != 0)
			continue;
		assert_int_equal(parse_site(line, &count, &st, &func, &where), 0);
		sites += count;
		snprintf(want, sizeof(want), "%s|%s|%s", st, func, where);
		for (i = 0; i < gr.ngroups; i++) {
			const struct group *g = &gr.groups[i];
			const struct gs_frame *w = &m->frames[g->key.v[GS_KEY_WHERE]];

			snprintf(got, sizeof(got), "%s|%s|%s:%u", gs_str(m, g->key.v[GS_KEY_STATE]), gs_str(m, w->func),
			         base(gs_str(m, w->file)), w->line);
			if (strcmp(want, got) == 0) {
				if (g->count != count)
					fail_msg("%s: %llu goroutines, facts say %lu", want,
					         (unsigned long long)g->count, count);
				found = 1;
			}
		}
		if (!found)
			fail_msg("no group for site %s", want);
	}
	fclose(f);
	assert_int_equal(total_facts, m->ngoroutines);
	assert_int_equal(sites, m->ngoroutines);
	assert_int_equal(gr.total, m->ngoroutines);
	gs_grouping_free(&gr);
	gs_model_free(m);
}

/* The facts of the child processes' reports: panic and SIGQUIT goroutines. */
static unsigned long fact(const char *key)
{
	FILE *f = fopen("../samples/goroutine.facts", "r");
	char line[512];
	size_t k = strlen(key);
	unsigned long v = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, k) == 0 && line[k] == ' ')
			v = strtoul(line + k + 1, NULL, 10);
	fclose(f);
	return v;
}

static void test_reports_match_facts(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/panic.txt");

	(void)state;
	assert_int_equal(m->ndumps, 1);
	assert_int_equal(m->ngoroutines, fact("panic_goroutines"));
	assert_non_null(strstr(gs_str(m, m->dumps[0].panic), "panic: "));
	gs_model_free(m);
	m = tu_parse_file("../samples/sigquit.txt");
	assert_int_equal(m->ndumps, 1);
	/* the generator counts every header; "goroutine 0" is a thread's g0 stack */
	assert_int_equal(m->ngoroutines + m->dumps[0].g0_stacks, fact("sigquit_goroutines"));
	assert_string_equal(gs_str(m, m->dumps[0].signal), "SIGQUIT: quit");
	gs_model_free(m);
	m = tu_parse_file("../samples/incident.two-dumps.txt");
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(m->dumps[0].ng, fact("two_dumps"));
	assert_int_equal(m->dumps[0].ng + m->dumps[1].ng, 101 + 106);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sites_match_facts),
		cmocka_unit_test(test_reports_match_facts),
	};

	return cmocka_run_group_tests_name("facts", tests, NULL, NULL);
}
