/* test_profiles_cli.c - summary and top of debug=1 profiles, below the binary:
 *  - a debug=1 goroutine profile and the debug=2 dump of the same process moment group to
 *    the same where sites with the same counts (samples/goroutine.debug1.txt, .debug2.txt);
 *  - conservation: record counts sum to the header total; group values sum to the record
 *    values, for every kind, flat and (with cum) per site at most the total;
 *  - samples/profiles.facts, which samples/gen wrote from the allocations and contentions
 *    it made (not from this parser), against the parsed and grouped values;
 *  - cum counts a record once per function, also through recursion;
 *  - units as go tool pprof prints them, and which kinds a command reads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "select/kinds.h"
#include "parser.h"
#include "reports/render.h"
#include "sites.h"
#include "reports/units.h"
#include "select/where.h"
#include "testutil.h"

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* "func file.go:12" of a frame */
static void frame_key(const struct gs_model *m, uint32_t frame, char *out, size_t len)
{
	const struct gs_frame *f = &m->frames[frame];

	snprintf(out, len, "%s %s:%u", gs_str(m, f->func), f->file ? base(gs_str(m, f->file)) : "?",
	         f->line);
}

/* ---- debug=1 and debug=2 of one moment ---- */

struct site_count {
	char key[300];
	uint64_t count;
};

/* Groups by where (the CLI's where function, as `summary --by where`) into out. */
static size_t where_counts(const char *path, struct site_count *out, size_t max)
{
	struct gs_model *m = tu_parse_file(path);
	struct where_opts wo;
	struct group_opts o;
	struct grouping gr;
	char err[128];
	size_t i;

	assert_int_equal(where_init(&wo, WHERE_RUNTIME, NULL, err, sizeof err), 0);
	memset(&o, 0, sizeof o);
	o.keys = GK_WHERE;
	o.where = where_frame;
	o.where_ctx = &wo;
	o.ng = m->ngoroutines;
	assert_int_equal(gs_group(m, &o, &gr), 0);
	assert_true(gr.ngroups <= max);
	for (i = 0; i < gr.ngroups; i++) {
		frame_key(m, gr.groups[i].key.v[GS_KEY_WHERE], out[i].key, sizeof out[i].key);
		out[i].count = gr.groups[i].count;
	}
	i = gr.ngroups;
	gs_grouping_free(&gr);
	where_free(&wo);
	gs_model_free(m);
	return i;
}

/* The goroutine that wrote the profile is in runtime/pprof, in a different function in
 * each format (writeGoroutineStacks for debug=2, runtime_goroutineProfileWithLabels for
 * debug=1): by nature, not a grouping difference. */
static int is_profiler(const char *key)
{
	return strncmp(key, "runtime/pprof.", 14) == 0;
}

static void test_debug1_debug2_same_where(void **state)
{
	struct site_count a[64], b[64];
	size_t na, nb, i, j, matched = 0;
	uint64_t ta = 0, tb = 0, pa = 0, pb = 0;

	(void)state;
	na = where_counts("../samples/goroutine.debug2.txt", a, 64);
	nb = where_counts("../samples/goroutine.debug1.txt", b, 64);
	for (i = 0; i < na; i++) {
		ta += a[i].count;
		if (is_profiler(a[i].key)) {
			pa += a[i].count;
			continue;
		}
		for (j = 0; j < nb; j++)
			if (strcmp(a[i].key, b[j].key) == 0)
				break;
		if (j == nb)
			fail_msg("debug=2 site %s (%llu) has no debug=1 group", a[i].key,
			         (unsigned long long)a[i].count);
		if (a[i].count != b[j].count)
			fail_msg("%s: debug=2 %llu, debug=1 %llu", a[i].key,
			         (unsigned long long)a[i].count, (unsigned long long)b[j].count);
		matched++;
	}
	for (j = 0; j < nb; j++) {
		tb += b[j].count;
		if (is_profiler(b[j].key))
			pb += b[j].count;
	}
	assert_int_equal(pa, 1);
	assert_int_equal(pb, 1);
	assert_int_equal(matched + 1, na); /* every site but the profiler's */
	assert_int_equal(na, nb);
	assert_int_equal(ta, tb);
	assert_int_equal(ta, 101);
}

/* ---- conservation ---- */

static unsigned kinds_of(const struct gs_model *m)
{
	unsigned k = kinds_pick(m, 0);

	assert_int_not_equal(k, 0);
	return k;
}

/* Every record's values sum to the sites' flat values and to the totals, for each --by
 * key; with cum no site exceeds the total and the where/func site of every record is
 * there. */
static void check_conservation(const char *path)
{
	static const unsigned keysets[] = { GK_WHERE, GK_FUNC, GK_STACK, GK_LABELS,
	                                    GK_WHERE | GK_LABELS };
	struct gs_model *m = tu_parse_file(path);
	unsigned kinds = kinds_of(m), k;
	int64_t rec[GS_NVALUES] = { 0, 0, 0, 0 }, recs[GS_NVALUES] = { 0, 0, 0, 0 };
	uint64_t nrec = 0;
	uint32_t d;
	size_t i;
	int c, cum;

	for (d = 0; d < m->ndumps; d++) {
		if (!(KIND_BIT(m->dumps[d].kind) & kinds))
			continue;
		for (i = 0; i < gs_dump_nrecords(m, d); i++) {
			struct gs_rec_values r;

			gs_dump_record_values(m, d, i, &r);
			for (c = 0; c < GS_NVALUES; c++) {
				rec[c] += r.raw[c];
				recs[c] += r.scaled[c];
			}
			nrec++;
		}
		/* a count profile's records sum to its header's total */
		if (m->dumps[d].flags & GS_DUMP_HAS_TOTAL)
			assert_int_equal(render_dump_goroutines(m, &m->dumps[d]), m->dumps[d].total);
	}
	assert_true(nrec > 0);
	for (k = 0; k < sizeof keysets / sizeof keysets[0]; k++) {
		for (cum = 0; cum < 2; cum++) {
			struct gs_sites_opts o;
			struct gs_sites s;
			int64_t flat[GS_NVALUES] = { 0, 0, 0, 0 }, flats[GS_NVALUES] = { 0, 0, 0, 0 };
			uint64_t records = 0;

			memset(&o, 0, sizeof o);
			o.kinds = kinds;
			o.keys = keysets[k];
			o.cum = cum;
			assert_int_equal(gs_sites_build(m, &o, &s), 0);
			for (i = 0; i < s.nsites; i++) {
				for (c = 0; c < GS_NVALUES; c++) {
					flat[c] += s.sites[i].flat[c];
					flats[c] += s.sites[i].flat_scaled[c];
					if (s.sites[i].cum[c] > s.total[c] ||
					    s.sites[i].cum[c] < s.sites[i].flat[c])
						fail_msg("%s keys %#x site %zu: cum %lld, flat %lld, total %lld",
						         path, keysets[k], i, (long long)s.sites[i].cum[c],
						         (long long)s.sites[i].flat[c], (long long)s.total[c]);
				}
				records += s.sites[i].records;
			}
			for (c = 0; c < GS_NVALUES; c++) {
				assert_int_equal(flat[c], rec[c]);
				assert_int_equal(s.total[c], rec[c]);
				assert_int_equal(flats[c], recs[c]);
				assert_int_equal(s.total_scaled[c], recs[c]);
			}
			assert_int_equal(records, nrec);
			assert_int_equal(s.records, nrec);
			gs_sites_free(&s);
		}
	}
	gs_model_free(m);
}

static void test_conservation(void **state)
{
	(void)state;
	check_conservation("../samples/goroutine.debug1.txt");
	check_conservation("../samples/goroutine.debug2.txt");
	check_conservation("../samples/threadcreate.debug1.txt");
	check_conservation("../samples/heap.debug1.txt");
	check_conservation("../samples/allocs.debug1.txt");
	check_conservation("../samples/mutex.debug1.txt");
	check_conservation("../samples/block.debug1.txt");
}

/* ---- samples/profiles.facts ---- */

/* The first frame in package main of a record's canonical stack, as "func file:line". */
static int main_frame_key(const struct gs_model *m, uint32_t stack, char *out, size_t len)
{
	uint32_t canon, i;
	const uint32_t *fr;

	if (stack == 0)
		return -1;
	canon = m->stacks[stack].canon;
	fr = gs_stack_frames(m, canon);
	for (i = 0; i < m->stacks[canon].len; i++)
		if (strncmp(gs_str(m, m->frames[fr[i]].func), "main.", 5) == 0) {
			frame_key(m, fr[i], out, len);
			return 0;
		}
	return -1;
}

/* Sums the raw values of the records of `path` whose where (heap: the allocation site) or
 * first main frame (contention: the unlocker or the blocked function) is `key`. */
static uint64_t site_values(const struct gs_model *m, const char *key, int by_main,
                            int64_t v[GS_NVALUES])
{
	uint32_t d;
	size_t i;
	uint64_t n = 0;
	char k[300];
	int c;

	memset(v, 0, GS_NVALUES * sizeof v[0]);
	for (d = 0; d < m->ndumps; d++)
		for (i = 0; i < gs_dump_nrecords(m, d); i++) {
			struct gs_rec_values r;

			gs_dump_record_values(m, d, i, &r);
			if (by_main) {
				if (main_frame_key(m, r.stack, k, sizeof k) != 0)
					continue;
			} else {
				if (r.stack == 0)
					continue;
				frame_key(m, gs_stack_where(m, r.stack), k, sizeof k);
			}
			if (strcmp(k, key) != 0)
				continue;
			for (c = 0; c < GS_NVALUES; c++)
				v[c] += r.raw[c];
			n++;
		}
	return n;
}

static void check_fact_line(char *line, struct gs_model *const models[5])
{
	static const char *const kinds[] = { "heap", "allocs", "mutex", "block", "threadcreate" };
	char name[64], func[200], loc[100];
	long long a[5] = { 0, 0, 0, 0, 0 };
	int which, n;
	const struct gs_model *m;
	const struct gs_dump *d;

	if (line[0] == '#' || line[0] == '\0')
		return;
	if (sscanf(line, "%63s", name) != 1)
		return;
	for (which = 0; which < 5; which++)
		if (strncmp(name, kinds[which], strlen(kinds[which])) == 0 &&
		    name[strlen(kinds[which])] == '_')
			break;
	if (which == 5)
		return; /* go, memprofilerate */
	m = models[which];
	assert_int_equal(m->ndumps, 1);
	d = &m->dumps[0];
	assert_int_equal(d->skipped, 0);
	if (strstr(name, "_header")) {
		n = sscanf(line, "%*s %lld %lld %lld %lld %lld", &a[0], &a[1], &a[2], &a[3], &a[4]);
		assert_int_equal(n, 5);
		assert_int_equal(d->header_v[0], a[0]);
		assert_int_equal(d->header_v[1], a[1]);
		assert_int_equal(d->header_v[2], a[2]);
		assert_int_equal(d->header_v[3], a[3]);
		assert_int_equal(d->header_rate, a[4]);
	} else if (strstr(name, "_records")) {
		assert_int_equal(sscanf(line, "%*s %lld", &a[0]), 1);
		assert_int_equal(gs_dump_nrecords(m, 0), (size_t)a[0]);
	} else if (strstr(name, "_total")) {
		assert_int_equal(sscanf(line, "%*s %lld", &a[0]), 1);
		assert_true(d->flags & GS_DUMP_HAS_TOTAL);
		assert_int_equal(d->total, a[0]);
	} else if (strstr(name, "_sum")) {
		int64_t cycles = 0, count = 0;
		size_t i;

		assert_int_equal(sscanf(line, "%*s %lld %lld", &a[0], &a[1]), 2);
		for (i = 0; i < d->ns; i++) {
			cycles += m->samples[d->first_s + i].v[0];
			count += m->samples[d->first_s + i].v[1];
		}
		assert_int_equal(count, a[0]);
		assert_int_equal(cycles, a[1]);
	} else if (strstr(name, "_site")) {
		int64_t v[GS_NVALUES];
		char key[300];
		uint64_t recs;

		n = sscanf(line, "%*s %199s %99s %lld %lld %lld %lld", func, loc, &a[0], &a[1], &a[2],
		           &a[3]);
		snprintf(key, sizeof key, "%s %s", func, loc);
		if (which <= 1) {
			/* heap, allocs: the site is the record's where, its values exact */
			assert_int_equal(n, 6);
			recs = site_values(m, key, 0, v);
			if (recs != 1)
				fail_msg("%s: %llu records at %s", name, (unsigned long long)recs, key);
			assert_int_equal(v[0], a[0]);
			assert_int_equal(v[1], a[1]);
			assert_int_equal(v[2], a[2]);
			assert_int_equal(v[3], a[3]);
		} else {
			/* mutex, block: events counted at the first main frame */
			assert_int_equal(n, 3);
			recs = site_values(m, key, 1, v);
			if (recs != 1)
				fail_msg("%s: %llu records at %s", name, (unsigned long long)recs, key);
			assert_int_equal(v[1], a[0]);
		}
	} else {
		fail_msg("unknown fact %s", name);
	}
}

static void test_profile_facts(void **state)
{
	static const char *const files[] = { "../samples/heap.debug1.txt",
	                                     "../samples/allocs.debug1.txt",
	                                     "../samples/mutex.debug1.txt",
	                                     "../samples/block.debug1.txt",
	                                     "../samples/threadcreate.debug1.txt" };
	static const enum gs_kind kinds[] = { GS_KIND_HEAP, GS_KIND_ALLOCS, GS_KIND_MUTEX,
	                                      GS_KIND_BLOCK, GS_KIND_THREADCREATE };
	struct gs_model *models[5];
	FILE *f = fopen("../samples/profiles.facts", "r");
	char line[512];
	int i, facts = 0;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < 5; i++) {
		models[i] = tu_parse_file(files[i]);
		assert_int_equal(models[i]->ndumps, 1);
		assert_int_equal(models[i]->dumps[0].kind, kinds[i]);
		assert_int_equal(models[i]->ndiags, 0);
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		check_fact_line(line, models);
		facts++;
	}
	fclose(f);
	assert_true(facts >= 25);
	/* MemProfileRate=1: every allocation recorded, so nothing is scaled */
	assert_int_equal(models[0]->dumps[0].rate, 1);
	for (i = 0; i < 5; i++)
		gs_model_free(models[i]);
}

/* ---- units and kinds ---- */

static void check_unit(enum gs_unit u, int64_t v, const char *want)
{
	struct gs_buf b = GS_BUF_INIT;

	units_format(&b, u, v);
	assert_string_equal(b.data, want);
	gs_buf_release(&b);
}

static void test_units(void **state)
{
	struct gs_buf b = GS_BUF_INIT;

	(void)state;
	check_unit(GS_UNIT_BYTES, 0, "0");
	check_unit(GS_UNIT_BYTES, 100, "100B");
	check_unit(GS_UNIT_BYTES, 1024, "1kB");
	check_unit(GS_UNIT_BYTES, 64000, "62.50kB");
	check_unit(GS_UNIT_BYTES, 1595680, "1.52MB");
	check_unit(GS_UNIT_BYTES, 8388608, "8MB");
	check_unit(GS_UNIT_BYTES, (int64_t)5 << 30, "5GB");
	check_unit(GS_UNIT_NS, 999, "999ns");
	check_unit(GS_UNIT_NS, 23750, "23.75us");
	check_unit(GS_UNIT_NS, 14609429, "14.61ms");
	check_unit(GS_UNIT_NS, 2500000000, "2.50s");
	check_unit(GS_UNIT_COUNT, 123456789, "123456789");
	check_unit(GS_UNIT_CYCLES, 30621801, "30621801");
	units_percent(&b, 1, 3);
	assert_string_equal(b.data, "33.33%");
	gs_buf_reset(&b);
	units_percent(&b, 1, 0);
	assert_string_equal(b.data, "-");
	gs_buf_release(&b);
	assert_true(units_percent_value(2, 3) == 66.67);
	assert_int_equal(gs_column_unit(GS_FAM_CONTENTION, 0, 1), GS_UNIT_NS);
	assert_int_equal(gs_column_unit(GS_FAM_CONTENTION, 0, 0), GS_UNIT_CYCLES);
	assert_int_equal(gs_column_unit(GS_FAM_HEAP, 3, 1), GS_UNIT_BYTES);
	assert_int_equal(gs_column_unit(GS_FAM_HEAP, 2, 1), GS_UNIT_COUNT);
}

static const char two_kinds[] =
	"goroutine profile: total 3\n"
	"3 @ 0x1\n#\t0x0\tmain.a+0x0\t/a.go:1\n\n"
	"threadcreate profile: total 2\n"
	"2 @ 0x1\n#\t0x0\truntime.newm+0x0\t/p.go:1\n\n";

static void test_kinds(void **state)
{
	struct gs_model *m = tu_parse_text("two.txt", two_kinds, sizeof two_kinds - 1);
	unsigned char *keep;
	uint64_t dropped = 0;

	(void)state;
	assert_int_equal(m->ndumps, 2);
	assert_int_equal(kinds_pick(m, 1), KINDS_GOROUTINE);
	assert_int_equal(kinds_result(m, KINDS_GOROUTINE), GS_KIND_GOROUTINE1);
	assert_int_equal(kinds_result(m, KIND_BIT(GS_KIND_THREADCREATE)), GS_KIND_THREADCREATE);
	keep = kinds_keep(m, KINDS_GOROUTINE, NULL, &dropped);
	assert_non_null(keep);
	assert_int_equal(keep[0], 1);
	assert_int_equal(keep[1], 0);
	assert_int_equal(dropped, 2);
	free(keep);
	assert_null(kinds_keep(m, KINDS_GOROUTINE | KIND_BIT(GS_KIND_THREADCREATE), NULL,
	                       &dropped));
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debug1_debug2_same_where),
		cmocka_unit_test(test_conservation),
		cmocka_unit_test(test_profile_facts),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_kinds),
	};

	return cmocka_run_group_tests_name("profiles_cli", tests, NULL, NULL);
}
