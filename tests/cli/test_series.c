/* test_series.c - what diff and trend share in the command (cli/reports/series.c): points
 * read from real samples, a debug=1 and a debug=2 dump of one moment matched, the facts of
 * the leak series samples/gen wrote, kinds that cannot be compared; and when a point was
 * taken (cli/input/stamp.c): fetch timestamps in names, modification times.
 *
 * The join and the verdicts below it are the library's: lib/test_match.c, lib/test_trend.c.
 * `stuck` is tested on hand-built models only (lib/test_match.c): it needs ", N minutes" in
 * real dumps, and the runtime prints minutes only after a goroutine waited one, which a
 * sample generator that runs for seconds cannot produce without faking the dump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "commands/cli.h"
#include "group.h"
#include "match.h"
#include "model.h"
#include "reports/series.h"
#include "input/stamp.h"
#include "trend.h"
#include "testutil.h"

#define SERIES_DIR "../samples/series/"

static void test_stamp_name(void **state)
{
	int64_t t = 0;

	(void)state;
	assert_int_equal(stamp_from_name("10.0.0.1_6060.goroutine.20240501T100000Z.txt", &t), 0);
	assert_int_equal(t, 1714557600);
	assert_int_equal(stamp_from_name("dir/h_1.heap.20240501T100130Z.txt.gz", &t), 0);
	assert_int_equal(t, 1714557690);
	assert_int_equal(stamp_from_name("x.20240501T100000Z", &t), 0);
	assert_int_equal(stamp_from_name("20240501T100000Z.txt", &t), 0);
	/* not a date, not a field of its own, a stamp in a directory name */
	assert_int_equal(stamp_from_name("x.20241301T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.20240230T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.a20240501T100000Z.txt", &t), -1);
	assert_int_equal(stamp_from_name("x.20240501T100000Zb.txt", &t), -1);
	assert_int_equal(stamp_from_name("a.20240501T100000Z.d/dump.txt", &t), -1);
	assert_int_equal(stamp_from_name("goroutine.txt", &t), -1);
}

static void test_stamp_mtime(void **state)
{
	char path[] = "/tmp/gostacks-stamp-XXXXXX";
	struct timeval tv[2];
	int64_t t = 0;
	char when[32];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	tv[0].tv_sec = tv[1].tv_sec = 1714557600 + 42;
	tv[0].tv_usec = tv[1].tv_usec = 0;
	assert_int_equal(utimes(path, tv), 0);
	assert_int_equal(stamp_of(path, &t), STAMP_MTIME);
	assert_int_equal(t, 1714557642);
	stamp_format(t, when, sizeof when);
	assert_string_equal(when, "2024-05-01T10:00:42Z");
	assert_string_equal(stamp_source_name(STAMP_MTIME), "mtime");
	unlink(path);
	assert_int_equal(stamp_of("-", &t), STAMP_NONE);
	assert_int_equal(stamp_of("/nonexistent/x.20240501T100000Z.txt", &t), STAMP_NAME);
}

static const struct cli test_cli = { COLOR_NEVER, 0, "diff", "usage: test\n", 0 };
/* How the series read their SOURCEs: the defaults (main sets them) */
static struct source_opts test_src;

/* The row whose key's where frame is in function func. */
static size_t row_by_func(const struct series *s, const char *func)
{
	size_t i;

	for (i = 0; i < s->x.nrows; i++) {
		uint32_t w = s->x.rows[i].key.v[GS_KEY_WHERE];

		if (w && strcmp(gs_str(s->m, s->m->frames[w].func), func) == 0)
			return i;
	}
	return SIZE_MAX;
}

/* debug=1 and debug=2 of one moment: every parked site matches with the same count. The
 * goroutine taking the dumps ran other pprof code for each: under the default rule its
 * where is its own line, the same in both; --where runtime tells the two apart, and
 * stepping over runtime/pprof frames makes that one match again. */
static void test_debug1_debug2_same_moment(void **state)
{
	const struct {
		enum where_mode mode;
		const char *skip;
		size_t differ;
	} cases[3] = {
		{ WHERE_USER, NULL, 0 },
		{ WHERE_RUNTIME, NULL, 2 },
		{ WHERE_RUNTIME, "^runtime/pprof\\.", 0 },
	};
	struct series_opts o;
	struct series s;
	size_t i, nonzero;
	int k;

	(void)state;
	for (k = 0; k < 3; k++) {
		memset(&o, 0, sizeof o);
		o.src = &test_src;
		o.wmode = cases[k].mode;
		o.skip = cases[k].skip;
		assert_int_equal(series_init(&s, &o, &test_cli), 0);
		assert_int_equal(series_add_source(&s, "../samples/goroutine.debug1.txt", PICK_FIRST), 0);
		assert_int_equal(series_add_source(&s, "../samples/goroutine.debug2.txt", PICK_LAST), 0);
		assert_int_equal(series_prepare(&s, &o, &test_cli, "diff"), 0);
		assert_int_equal(s.keys_dropped, GK_STATE);
		series_match(&s, 0, &s.x);
		nonzero = 0;
		for (i = 0; i < s.x.nrows; i++)
			if (series_quantity(&s, &s.x, i, 0) != series_quantity(&s, &s.x, i, 1))
				nonzero++;
		assert_int_equal(nonzero, cases[k].differ);
		assert_true(s.x.nrows >= 20);
		series_free(&s);
	}
}

struct facts {
	int leak_per_step, stable_count, aging_count, interval;
	double leak_per_minute;
	long heap_bytes_per_step;
	char goroutine_files[16][320];
	char heap_files[16][320];
	int ngoroutine, nheap;
};

static void read_facts(struct facts *f)
{
	FILE *fp = fopen(SERIES_DIR "series.facts", "r");
	char line[512], word[64], val[256];

	assert_non_null(fp);
	memset(f, 0, sizeof *f);
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || sscanf(line, "%63s %255s", word, val) != 2)
			continue;
		if (strcmp(word, "leak_per_step") == 0)
			f->leak_per_step = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "leak_per_minute") == 0)
			f->leak_per_minute = strtod(val, NULL);
		else if (strcmp(word, "stable_count") == 0)
			f->stable_count = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "aging_count") == 0)
			f->aging_count = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "interval_seconds") == 0)
			f->interval = (int)strtol(val, NULL, 10);
		else if (strcmp(word, "heap_bytes_per_step") == 0)
			f->heap_bytes_per_step = strtol(val, NULL, 10);
		else if (strcmp(word, "file") == 0 && strstr(val, ".goroutine.") && f->ngoroutine < 16)
			snprintf(f->goroutine_files[f->ngoroutine++], 320, "%s%s", SERIES_DIR, val);
		else if (strcmp(word, "file") == 0 && strstr(val, ".heap.") && f->nheap < 16)
			snprintf(f->heap_files[f->nheap++], 320, "%s%s", SERIES_DIR, val);
	}
	fclose(fp);
	assert_true(f->ngoroutine >= 3);
	assert_true(f->leak_per_step > 0);
}

/* The series of the generator: the leaking site is the only suspect, its growth per dump
 * and per minute (from the file-name times) are the generator's; the stable site keeps
 * its count although its goroutines were replaced at every step. */
static void verdicts(struct series *s, int64_t min_rise, size_t row, struct trend_verdict *v)
{
	int64_t q[16];
	double t[16];
	unsigned char known[16], tk[16];
	size_t p;

	for (p = 0; p < s->npts; p++) {
		q[p] = series_quantity(s, &s->x, row, p);
		known[p] = (unsigned char)s->pts[p].ok;
		tk[p] = s->pts[p].time_source == STAMP_NAME;
		t[p] = (double)s->pts[p].time;
	}
	gs_trend_judge(q, known, s->npts, min_rise, t, tk, NULL, v);
}

static void test_series_facts(void **state)
{
	struct facts f;
	struct series_opts o;
	struct series s;
	struct trend_verdict v;
	size_t i, leak, stable, suspects = 0;
	int k;

	(void)state;
	read_facts(&f);
	memset(&o, 0, sizeof o);
	o.src = &test_src;
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	for (k = 0; k < f.ngoroutine; k++)
		assert_int_equal(series_add_source(&s, f.goroutine_files[k], PICK_ALL), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "trend"), 0);
	series_match(&s, 0, &s.x);
	for (i = 0; i < s.x.nrows; i++) {
		verdicts(&s, 5, i, &v);
		suspects += (size_t)v.suspect;
	}
	assert_int_equal(suspects, 1);
	leak = row_by_func(&s, "main.leakyHandler");
	assert_int_not_equal(leak, SIZE_MAX);
	verdicts(&s, 5, leak, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - f.leak_per_step) < 1e-9);
	assert_true(v.has_per_minute);
	assert_true(fabs(v.growth_per_minute - f.leak_per_minute) < 1e-9);
	assert_int_equal(s.pts[1].time - s.pts[0].time, f.interval);

	stable = row_by_func(&s, "main.pollWorker");
	for (k = 0; k < f.ngoroutine; k++)
		assert_int_equal(series_quantity(&s, &s.x, stable, (size_t)k), f.stable_count);
	stable = row_by_func(&s, "main.agingWorker");
	assert_int_equal(series_quantity(&s, &s.x, stable, 0), f.aging_count);
	series_free(&s);

	/* heap: retainBlocks is the only site rising by a MiB or more, by exactly its bytes */
	assert_true(f.nheap >= 2);
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	for (k = 0; k < f.nheap; k++)
		assert_int_equal(series_add_source(&s, f.heap_files[k], PICK_ALL), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "trend"), 0);
	assert_true(s.samples);
	assert_string_equal(series_quantity_name(&s), "inuse_space");
	series_match(&s, 0, &s.x);
	suspects = 0;
	for (i = 0; i < s.x.nrows; i++) {
		verdicts(&s, 1 << 20, i, &v);
		suspects += (size_t)v.suspect;
	}
	assert_int_equal(suspects, 1);
	leak = row_by_func(&s, "main.retainBlocks");
	verdicts(&s, 1 << 20, leak, &v);
	assert_true(v.suspect);
	assert_true(fabs(v.growth - (double)f.heap_bytes_per_step) < 1e-9);
	series_free(&s);
}

/* diff of dumps of different kinds is a usage error that names both */
static void test_kind_mismatch(void **state)
{
	struct facts f;
	struct series_opts o;
	struct series s;

	(void)state;
	read_facts(&f);
	memset(&o, 0, sizeof o);
	o.src = &test_src;
	assert_int_equal(series_init(&s, &o, &test_cli), 0);
	assert_int_equal(series_add_source(&s, f.heap_files[0], PICK_FIRST), 0);
	assert_int_equal(series_add_source(&s, f.goroutine_files[0], PICK_LAST), 0);
	assert_int_equal(series_prepare(&s, &o, &test_cli, "diff"), 2);
	series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stamp_name),
		cmocka_unit_test(test_stamp_mtime),
		cmocka_unit_test(test_debug1_debug2_same_moment),
		cmocka_unit_test(test_series_facts),
		cmocka_unit_test(test_kind_mismatch),
	};

	return cmocka_run_group_tests_name("series", tests, NULL, NULL);
}
