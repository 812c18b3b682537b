/* test_filter.c - cli/select/filter.c: each filter kind on the samples (counts from
 * samples/goroutine.facts), exclude wins, option words, the regex error with its offset,
 * byte mode on invalid UTF-8, caching (same keep bitmap as the direct per-goroutine
 * answer, one match per distinct frame), and streamed records agreeing with the model. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select/filter.h"
#include "parser.h"
#include "records.h"
#include "testutil.h"

/* Options as on a command line: pairs of (code, argument), ended by 0. */
static void setup(struct filter *f, ...)
{
	char err[512];
	va_list ap;
	int opt;

	filter_init(f);
	va_start(ap, f);
	for (;;) {
		const char *arg;

		opt = va_arg(ap, int);
		if (opt == 0)
			break;
		arg = va_arg(ap, const char *);
		if (filter_option(f, opt, arg, err, sizeof err) != 1)
			fail_msg("option %d '%s': %s", opt, arg ? arg : "", err);
	}
	va_end(ap);
	if (filter_compile(f, err, sizeof err) != 0)
		fail_msg("%s", err);
}

/* Goroutines kept (sum of counts), checking the cached bitmap against the direct answer
 * for every goroutine on the way. */
static uint64_t kept(struct filter *f, const struct gs_model *m)
{
	uint64_t filtered = 0, n = 0, total = 0;
	unsigned char *keep = filter_goroutines(f, m, &filtered);
	size_t i;

	for (i = 0; i < m->ngoroutines; i++) {
		int direct = filter_goroutine(f, m, &m->goroutines[i]);

		total += m->goroutines[i].count;
		if (keep)
			assert_int_equal(keep[i], direct);
		else
			assert_true(direct);
		if (direct)
			n += m->goroutines[i].count;
	}
	assert_int_equal(n + filtered, total);
	free(keep);
	return n;
}

static void test_each_kind(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct filter f;

	(void)state;
	setup(&f, 0);
	assert_false(filter_active(&f));
	assert_int_equal(kept(&f, m), 101); /* total 101 */
	filter_free(&f);

	/* site 7 chan receive main.recvWorker sites.go:71 */
	setup(&f, FILTER_OPT_MATCH, "^main\\.recvWorker$", 0);
	assert_int_equal(kept(&f, m), 7);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "/sites\\.go:71$", 0);
	assert_int_equal(kept(&f, m), 7);
	filter_free(&f);
	/* a frame anywhere in the stack: the WaitGroup waiters pass sync.(*WaitGroup).Wait */
	setup(&f, FILTER_OPT_MATCH, "WaitGroup", 0);
	assert_int_equal(kept(&f, m), 10);
	filter_free(&f);

	/* semacquire: 16 + 10 (site lines) */
	setup(&f, FILTER_OPT_STATE, "^semacquire$", 0);
	assert_int_equal(kept(&f, m), 26);
	filter_free(&f);
	/* repeated --state: any of them; chan receive 7+5+4+3+3+2+2+1, nil chan 4 */
	setup(&f, FILTER_OPT_STATE, "^semacquire$", FILTER_OPT_STATE, "^chan receive", 0);
	assert_int_equal(kept(&f, m), 26 + 27 + 4);
	filter_free(&f);

	setup(&f, FILTER_OPT_ID, "1,5-8,200", 0);
	assert_int_equal(kept(&f, m), 5);
	filter_free(&f);
	setup(&f, FILTER_OPT_ID, "5", FILTER_OPT_ID, "6-7", 0);
	assert_int_equal(kept(&f, m), 3);
	filter_free(&f);

	/* no wait printed anywhere: all count as under a minute */
	setup(&f, FILTER_OPT_MIN_WAIT, "1m", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	setup(&f, FILTER_OPT_MAX_WAIT, "0m", 0);
	assert_int_equal(kept(&f, m), 101);
	filter_free(&f);
	gs_model_free(m);
}

static void test_exclude_wins(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct filter f;

	(void)state;
	setup(&f, FILTER_OPT_MATCH, "^main\\.", 0);
	assert_int_equal(kept(&f, m), 101);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "^main\\.", FILTER_OPT_EXCLUDE, "recvWorker", 0);
	assert_int_equal(kept(&f, m), 101 - 7);
	filter_free(&f);
	/* the same frame matched by both: dropped */
	setup(&f, FILTER_OPT_MATCH, "recvWorker", FILTER_OPT_EXCLUDE, "recvWorker", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	/* exclude alone keeps the rest */
	setup(&f, FILTER_OPT_EXCLUDE, "sites\\.go:71$", 0);
	assert_int_equal(kept(&f, m), 94);
	filter_free(&f);
	/* -i */
	setup(&f, FILTER_OPT_MATCH, "^MAIN\\.RECVWORKER$", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "^MAIN\\.RECVWORKER$", 'i', NULL, 0);
	assert_int_equal(kept(&f, m), 7);
	filter_free(&f);
	gs_model_free(m);
}

static void test_labels(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug1.txt");
	struct filter f;

	(void)state;
	/* labels 4 {"route":"/v1/cart", "tenant":"acme"}; labels 2 {"job":"reindex \"nightly\"", ...} */
	setup(&f, FILTER_OPT_LABEL, "tenant=acme", 0);
	assert_int_equal(kept(&f, m), 4);
	filter_free(&f);
	setup(&f, FILTER_OPT_LABEL, "tenant=acm", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	setup(&f, FILTER_OPT_LABEL, "job=reindex \"nightly\"", 0);
	assert_int_equal(kept(&f, m), 2);
	filter_free(&f);
	setup(&f, FILTER_OPT_LABEL, "tenant~^(acme|globex)$", 0);
	assert_int_equal(kept(&f, m), 6);
	filter_free(&f);
	/* repeated: all of them */
	setup(&f, FILTER_OPT_LABEL, "tenant~.", FILTER_OPT_LABEL, "route=/v1/cart", 0);
	assert_int_equal(kept(&f, m), 4);
	filter_free(&f);
	/* debug=1 records have no state and no id */
	setup(&f, FILTER_OPT_STATE, ".", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	setup(&f, FILTER_OPT_ID, "1-1000", 0);
	assert_int_equal(kept(&f, m), 0);
	filter_free(&f);
	/* but frames: the 7 recvWorker goroutines are one record of 7 */
	setup(&f, FILTER_OPT_MATCH, "recvWorker", 0);
	assert_int_equal(kept(&f, m), 7);
	filter_free(&f);
	gs_model_free(m);
}

static const char waits[] =
	"goroutine 1 [running]:\n"
	"main.main()\n\t/a/main.go:1 +0x1\n\n"
	"goroutine 2 [chan receive, 5 minutes]:\n"
	"main.w()\n\t/a/w.go:2 +0x1\n\n"
	"goroutine 3 [chan receive, 30 minutes]:\n"
	"main.w()\n\t/a/w.go:2 +0x1\n\n"
	"goroutine 4 [select, 125 minutes, locked to thread]:\n"
	"main.s()\n\t/a/s.go:3 +0x1\n\n"
	"goroutine 5 [select, 1 minute]:\n"
	"main.s()\n\t/a/s.go:3 +0x1\n\n";

static void test_waits(void **state)
{
	struct gs_model *m = tu_parse_text("waits.txt", waits, strlen(waits));
	struct filter f;
	uint64_t secs;

	(void)state;
	setup(&f, FILTER_OPT_MIN_WAIT, "30m", 0);
	assert_int_equal(kept(&f, m), 2);
	filter_free(&f);
	setup(&f, FILTER_OPT_MIN_WAIT, "2h", 0);
	assert_int_equal(kept(&f, m), 1);
	filter_free(&f);
	setup(&f, FILTER_OPT_MAX_WAIT, "30m", 0);
	assert_int_equal(kept(&f, m), 4);
	filter_free(&f);
	setup(&f, FILTER_OPT_MIN_WAIT, "1m", FILTER_OPT_MAX_WAIT, "1h", 0);
	assert_int_equal(kept(&f, m), 3);
	filter_free(&f);

	assert_int_equal(filter_parse_wait("1h30m", &secs), 0);
	assert_int_equal(secs, 5400);
	assert_int_equal(filter_parse_wait("0m", &secs), 0);
	assert_int_equal(secs, 0);
	assert_int_equal(filter_parse_wait("90s", &secs), 0);
	assert_int_equal(secs, 90);
	assert_int_equal(filter_parse_wait("1d", &secs), 0);
	assert_int_equal(secs, 86400);
	assert_int_equal(filter_parse_wait("30", &secs), -1);
	assert_int_equal(filter_parse_wait("", &secs), -1);
	assert_int_equal(filter_parse_wait("h", &secs), -1);
	assert_int_equal(filter_parse_wait("99999999999m", &secs), -1);
	/* 90s is more than the 1 minute Go prints for a minute and a half */
	setup(&f, FILTER_OPT_MIN_WAIT, "90s", 0);
	assert_int_equal(f.min_wait, 2);
	filter_free(&f);
	setup(&f, FILTER_OPT_MAX_WAIT, "90s", 0);
	assert_int_equal(f.max_wait, 1);
	filter_free(&f);
	gs_model_free(m);
}

static void test_bad_options(void **state)
{
	struct filter f;
	char err[512];

	(void)state;
	filter_init(&f);
	assert_int_equal(filter_option(&f, FILTER_OPT_MIN_WAIT, "soon", err, sizeof err), -1);
	assert_non_null(strstr(err, "--min-wait 'soon'"));
	assert_int_equal(filter_option(&f, FILTER_OPT_LABEL, "tenant", err, sizeof err), -1);
	assert_non_null(strstr(err, "KEY=VALUE"));
	assert_int_equal(filter_option(&f, FILTER_OPT_LABEL, "=x", err, sizeof err), -1);
	assert_int_equal(filter_option(&f, FILTER_OPT_ID, "5-2", err, sizeof err), -1);
	assert_int_equal(filter_option(&f, FILTER_OPT_ID, "x", err, sizeof err), -1);
	assert_int_equal(filter_option(&f, FILTER_OPT_ID, "1;2", err, sizeof err), -1);
	assert_int_equal(filter_option(&f, 'h', NULL, err, sizeof err), 0);
	/* the error names the option, the pattern, PCRE2's message and the offset */
	assert_int_equal(filter_option(&f, FILTER_OPT_MATCH, "ok", err, sizeof err), 1);
	assert_int_equal(filter_option(&f, FILTER_OPT_EXCLUDE, "main.(foo", err, sizeof err), 1);
	assert_int_equal(filter_compile(&f, err, sizeof err), -1);
	assert_string_equal(err, "--exclude 'main.(foo': missing closing parenthesis at offset 9");
	filter_free(&f);

	filter_init(&f);
	assert_int_equal(filter_option(&f, FILTER_OPT_LABEL, "k~a[", err, sizeof err), 1);
	assert_int_equal(filter_compile(&f, err, sizeof err), -1);
	assert_non_null(strstr(err, "--label 'a[': missing terminating ] for character class at "
	                            "offset 2"));
	filter_free(&f);
}

/* Byte mode: an invalid UTF-8 byte in a function name or path never makes a match fail. */
static void test_invalid_utf8(void **state)
{
	static const char text[] =
		"goroutine 9 [select]:\n"
		"main.\xff\xfe" "handler(0x1)\n"
		"\t/srv/\xc3(bad)/h.go:12 +0x1\n\n";
	struct gs_model *m = tu_parse_text("bad.txt", text, sizeof text - 1);
	struct filter f;

	(void)state;
	setup(&f, FILTER_OPT_MATCH, "handler", 0);
	assert_int_equal(kept(&f, m), 1);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "\\xff\\xfe", 0);
	assert_int_equal(kept(&f, m), 1);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "h\\.go:12$", 0);
	assert_int_equal(kept(&f, m), 1);
	filter_free(&f);
	setup(&f, FILTER_OPT_MATCH, "H.GO", 'i', NULL, 0);
	assert_int_equal(kept(&f, m), 1);
	filter_free(&f);
	gs_model_free(m);
}

/* 100 goroutines over few stacks: at most two matches (function, FILE:LINE) per distinct
 * frame, however many goroutines share it. */
static void test_cache_cost(void **state)
{
	struct gs_model *m = tu_parse_file("../samples/goroutine.debug2.txt");
	struct filter f;
	uint64_t filtered;
	unsigned char *keep;
	unsigned long direct = 0;
	size_t i;

	(void)state;
	setup(&f, FILTER_OPT_MATCH, "no such function", 0);
	keep = filter_goroutines(&f, m, &filtered);
	assert_non_null(keep);
	assert_int_equal(filtered, 101);
	assert_true(f.match.re[0].matches <= 2 * (unsigned long)m->nframes);
	free(keep);
	f.match.re[0].matches = 0;
	for (i = 0; i < m->ngoroutines; i++)
		assert_false(filter_goroutine(&f, m, &m->goroutines[i]));
	direct = f.match.re[0].matches;
	/* the direct path matched every frame of every goroutine: far more */
	assert_true(direct > 4 * 2 * (unsigned long)m->nframes);
	filter_free(&f);
	gs_model_free(m);
}

/* grep's path (a streamed record) agrees with the model's on every goroutine. */
struct agree {
	struct filter *f;
	const struct gs_model *m;
	size_t next;
	size_t differ;
};

static int agree_cb(void *ctx, const struct gs_record *r)
{
	struct agree *a = ctx;

	if (r->kind != GS_KIND_GOROUTINE && r->kind != GS_KIND_GOROUTINE1)
		return 0;
	if (a->next < a->m->ngoroutines &&
	    filter_record(a->f, r) != filter_goroutine(a->f, a->m, &a->m->goroutines[a->next]))
		a->differ++;
	a->next++;
	return 0;
}

static void check_agree(const char *path, struct filter *f)
{
	size_t len;
	char *text = tu_slurp(path, &len);
	struct gs_model *m = tu_parse_text(path, text, len);
	struct agree a = { f, m, 0, 0 };
	struct gs_records *r = gs_records_new(agree_cb, &a);

	assert_non_null(r);
	assert_int_equal(gs_records_feed(r, text, len), 0);
	assert_int_equal(gs_records_finish(r), 0);
	gs_records_free(r);
	assert_int_equal(a.next, m->ngoroutines);
	assert_int_equal(a.differ, 0);
	gs_model_free(m);
	free(text);
}

static void test_records_agree(void **state)
{
	struct filter f;

	(void)state;
	setup(&f, FILTER_OPT_MATCH, "sema\\.go:77$", FILTER_OPT_EXCLUDE, "RLock", 0);
	check_agree("../samples/goroutine.debug2.txt", &f);
	check_agree("../samples/goroutine.debug1.txt", &f);
	check_agree("../samples/sigquit.txt", &f);
	filter_free(&f);
	setup(&f, FILTER_OPT_STATE, "^chan", FILTER_OPT_ID, "1-60", 0);
	check_agree("../samples/goroutine.debug2.txt", &f);
	check_agree("../samples/panic.txt", &f);
	filter_free(&f);
	setup(&f, FILTER_OPT_LABEL, "job~nightly", 0);
	check_agree("../samples/goroutine.debug1.txt", &f);
	filter_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_kind),
		cmocka_unit_test(test_exclude_wins),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_waits),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_cache_cost),
		cmocka_unit_test(test_records_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
