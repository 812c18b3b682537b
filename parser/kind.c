/* kind.c - the table of kinds and value columns; see kind.h. */
#include "kind.h"

#include <string.h>

/* trend's default --min-rise: a handful of goroutines, a MiB, a second of delay */
#define RISE_COUNT 5
#define RISE_BYTES ((int64_t)1 << 20)
#define RISE_NS ((int64_t)1000000000)

static const struct gs_column count_columns[] = {
	{ "count", "count", "count", "", GS_UNIT_COUNT, GS_UNIT_COUNT, RISE_COUNT },
};

static const struct gs_column heap_columns[] = {
	{ "inuse_objects", "inuse_objects", "inuse_objects", "", GS_UNIT_COUNT, GS_UNIT_COUNT,
	  RISE_COUNT },
	{ "inuse_space", "inuse_space", "inuse_space", "", GS_UNIT_BYTES, GS_UNIT_BYTES, RISE_BYTES },
	{ "alloc_objects", "alloc_objects", "alloc_objects", "", GS_UNIT_COUNT, GS_UNIT_COUNT,
	  RISE_COUNT },
	{ "alloc_space", "alloc_space", "alloc_space", "", GS_UNIT_BYTES, GS_UNIT_BYTES, RISE_BYTES },
};

/* the file prints cycles and a count; pprof shows nanoseconds and contentions */
static const struct gs_column contention_columns[] = {
	{ "delay", "delay_ns", "cycles", "", GS_UNIT_NS, GS_UNIT_CYCLES, RISE_NS },
	{ "contentions", "contentions", "count", "", GS_UNIT_COUNT, GS_UNIT_COUNT, RISE_COUNT },
};

static const struct {
	const struct gs_column *columns;
	int n;
	const char *words;
} families[] = {
	[GS_FAM_NONE] = { NULL, 0, "none" },
	[GS_FAM_COUNT] = { count_columns, 1, "count" },
	[GS_FAM_HEAP] = { heap_columns, 4, "inuse_space, inuse_objects, alloc_space, alloc_objects" },
	[GS_FAM_CONTENTION] = { contention_columns, 2, "delay, contentions" },
};

#define GOROUTINES (GS_KIND_BIT(GS_KIND_GOROUTINE) | GS_KIND_BIT(GS_KIND_GOROUTINE1))
/* a goroutineleak profile holds only the leaked goroutines: read alone (added to a dump of
 * the same moment it would count them twice), matched with the dumps of any moment */
#define LEAKS GS_KIND_BIT(GS_KIND_GOROUTINELEAK)
#define GOROUTINES_AND_LEAKS (GOROUTINES | LEAKS)
#define HEAPS (GS_KIND_BIT(GS_KIND_HEAP) | GS_KIND_BIT(GS_KIND_ALLOCS))

/* kind, name, noun, phrase, header, -p word and path, debug=2 -p word and path, served by,
 * thing(s), family, records, has_state, leaked, read with, compared with, default column,
 * display order */
const struct gs_kind_row gs_kind_rows[GS_NKINDS] = {
	{ GS_KIND_UNKNOWN, "unknown", "profile", "nothing gostacks reads", NULL, NULL, NULL, NULL,
	  NULL, NULL, "record", "records", GS_FAM_NONE, 0, 0, 0, 0, 0, 0, { 0 } },
	{ GS_KIND_GOROUTINE, "goroutine", "goroutine dump", "a goroutine dump", NULL,
	  "goroutine", "/debug/pprof/goroutine?debug=2", NULL, NULL, NULL, "goroutine",
	  "goroutines", GS_FAM_COUNT, GS_REC_GOROUTINES, 1, 0, GOROUTINES, GOROUTINES_AND_LEAKS,
	  0, { 0 } },
	{ GS_KIND_GOROUTINE1, "goroutine-debug1", "goroutine profile",
	  "a goroutine profile (debug=1)", "goroutine profile: total ", "goroutine1",
	  "/debug/pprof/goroutine?debug=1", NULL, NULL, NULL, "goroutine", "goroutines",
	  GS_FAM_COUNT, GS_REC_GOROUTINES, 0, 0, GOROUTINES, GOROUTINES_AND_LEAKS, 0, { 0 } },
	{ GS_KIND_GOROUTINELEAK, "goroutineleak", "goroutineleak profile",
	  "a goroutineleak profile", "goroutineleak profile: total ", "goroutineleak1",
	  "/debug/pprof/goroutineleak?debug=1", "goroutineleak",
	  "/debug/pprof/goroutineleak?debug=2",
	  "Go 1.27 and later serve it, and 1.26 built with GOEXPERIMENT=goroutineleakprofile",
	  "goroutine",
	  "goroutines", GS_FAM_COUNT, GS_REC_GOROUTINES, 0, 1, LEAKS, GOROUTINES_AND_LEAKS, 0,
	  { 0 } },
	{ GS_KIND_THREADCREATE, "threadcreate", "threadcreate profile", "a threadcreate profile",
	  "threadcreate profile: total ", "threadcreate", "/debug/pprof/threadcreate?debug=1",
	  NULL, NULL, NULL, "thread", "threads", GS_FAM_COUNT, GS_REC_GOROUTINES, 0, 0,
	  GS_KIND_BIT(GS_KIND_THREADCREATE), GS_KIND_BIT(GS_KIND_THREADCREATE), 0, { 0 } },
	/* heap and allocs print the same text: the endpoint or the file name tells them apart,
	 * and they compare with each other */
	{ GS_KIND_HEAP, "heap", "heap profile", "a heap profile", "heap profile: ", "heap",
	  "/debug/pprof/heap?debug=1", NULL, NULL, NULL, "record", "records", GS_FAM_HEAP,
	  GS_REC_SAMPLES, 0, 0, GS_KIND_BIT(GS_KIND_HEAP), HEAPS, 1, { 1, 0, 3, 2 } },
	{ GS_KIND_ALLOCS, "allocs", "allocs profile", "an allocs profile", "heap profile: ",
	  "allocs", "/debug/pprof/allocs?debug=1", NULL, NULL, NULL, "record", "records",
	  GS_FAM_HEAP, GS_REC_SAMPLES, 0, 0, GS_KIND_BIT(GS_KIND_ALLOCS), HEAPS, 3, { 3, 2, 1, 0 } },
	{ GS_KIND_MUTEX, "mutex", "mutex profile", "a mutex profile", "--- mutex:", "mutex",
	  "/debug/pprof/mutex?debug=1", NULL, NULL, NULL, "record", "records", GS_FAM_CONTENTION,
	  GS_REC_SAMPLES, 0, 0, GS_KIND_BIT(GS_KIND_MUTEX), GS_KIND_BIT(GS_KIND_MUTEX), 0,
	  { 0, 1 } },
	{ GS_KIND_BLOCK, "block", "block profile", "a block profile", "--- contention:", "block",
	  "/debug/pprof/block?debug=1", NULL, NULL, NULL, "record", "records", GS_FAM_CONTENTION,
	  GS_REC_SAMPLES, 0, 0, GS_KIND_BIT(GS_KIND_BLOCK), GS_KIND_BIT(GS_KIND_BLOCK), 0,
	  { 0, 1 } },
	{ GS_KIND_BINARY, "binary", "profile", "a binary (protobuf) profile", NULL, NULL, NULL,
	  NULL, NULL, NULL, "record", "records", GS_FAM_NONE, 0, 0, 0, 0, 0, 0, { 0 } },
};

#define NKINDS GS_NKINDS
#define kinds gs_kind_rows

const char *gs_kind_name(enum gs_kind k)
{
	return gs_kind(k)->name;
}

/* A row's -p words and their paths, in the order they are listed: its debug=2 dump's
 * word first, as "goroutine" comes before "goroutine1". */
static int fetch_pair(const struct gs_kind_row *k, int i, const char **word, const char **path)
{
	if (i == 0 && k->dump_word) {
		*word = k->dump_word;
		*path = k->dump_path;
		return 1;
	}
	if ((i == 0 && !k->dump_word) || (i == 1 && k->dump_word)) {
		*word = k->fetch_word;
		*path = k->fetch_path;
		return *word != NULL;
	}
	return 0;
}

const struct gs_kind_row *gs_kind_find(const char *word, int fetch)
{
	const char *w, *path;
	size_t i;
	int j;

	for (i = 0; i < NKINDS; i++) {
		if (!fetch) {
			if (strcmp(kinds[i].name, word) == 0)
				return &kinds[i];
			continue;
		}
		for (j = 0; fetch_pair(&kinds[i], j, &w, &path); j++)
			if (strcmp(w, word) == 0)
				return &kinds[i];
	}
	return NULL;
}

enum gs_kind gs_kind_fetch_text(const char *word)
{
	const struct gs_kind_row *k = gs_kind_find(word, 1);

	if (k == NULL)
		return GS_KIND_UNKNOWN;
	if (k->dump_word && strcmp(k->dump_word, word) == 0)
		return GS_KIND_GOROUTINE;
	return k->kind;
}

const char *gs_kind_fetch_path(const char *word)
{
	const struct gs_kind_row *k = gs_kind_find(word, 1);
	const char *w, *path;
	int j;

	for (j = 0; k && fetch_pair(k, j, &w, &path); j++)
		if (strcmp(w, word) == 0)
			return path;
	return NULL;
}

/* kv ("debug=1") is one of query's "&"-separated parts */
static int query_has(const char *query, const char *kv)
{
	size_t n = strlen(kv);
	const char *p = query;

	while (p && *p) {
		if (strncmp(p, kv, n) == 0 && (p[n] == '\0' || p[n] == '&'))
			return 1;
		p = strchr(p, '&');
		if (p)
			p++;
	}
	return 0;
}

const char *gs_kind_fetch_word_of(const char *path, const char *query)
{
	const char *w, *wpath, *q, *first = NULL;
	size_t i, len;
	int j;

	for (i = 0; i < NKINDS; i++) {
		for (j = 0; fetch_pair(&kinds[i], j, &w, &wpath); j++) {
			q = strchr(wpath, '?');
			len = q ? (size_t)(q - wpath) : strlen(wpath);
			if (strlen(path) != len || memcmp(path, wpath, len) != 0)
				continue;
			if (q && query_has(query, q + 1))
				return w;
			if (first == NULL)
				first = w;
		}
	}
	return first;
}

size_t gs_kind_fetch_words(char *out, size_t size)
{
	const char *w, *path;
	size_t i, n = 0, len;
	int j;

	if (size == 0)
		return 0;
	out[0] = '\0';
	for (i = 0; i < NKINDS; i++) {
		for (j = 0; fetch_pair(&kinds[i], j, &w, &path); j++) {
			len = strlen(w);
			if (n + len + 3 > size)
				return n;
			if (n) {
				memcpy(out + n, ", ", 2);
				n += 2;
			}
			memcpy(out + n, w, len + 1);
			n += len;
		}
	}
	return n;
}

int gs_family_ncolumns(enum gs_family f)
{
	return (unsigned)f < sizeof families / sizeof families[0] ? families[f].n : 0;
}

const struct gs_column *gs_family_column(enum gs_family f, int col)
{
	if (col < 0 || col >= gs_family_ncolumns(f))
		return NULL;
	return &families[f].columns[col];
}

/* word is one of list's ", "-separated words */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

int gs_column_find(enum gs_family f, const char *word)
{
	int i, n = gs_family_ncolumns(f);

	for (i = 0; i < n; i++) {
		const struct gs_column *c = &families[f].columns[i];

		if (strcmp(word, c->word) == 0 || strcmp(word, c->json) == 0 ||
		    strcmp(word, c->json_raw) == 0 || in_list(c->aliases, word))
			return i;
	}
	return -1;
}

const char *gs_column_words(enum gs_family f)
{
	return (unsigned)f < sizeof families / sizeof families[0] ? families[f].words : "none";
}

const char *gs_column_name(enum gs_family f, int col, int scaled)
{
	const struct gs_column *c = gs_family_column(f, col);

	return c == NULL ? NULL : scaled ? c->json : c->json_raw;
}

enum gs_unit gs_column_unit(enum gs_family f, int col, int scaled)
{
	const struct gs_column *c = gs_family_column(f, col);

	return c == NULL ? GS_UNIT_COUNT : scaled ? c->unit : c->unit_raw;
}

const char *gs_unit_name(enum gs_unit u)
{
	switch (u) {
	case GS_UNIT_BYTES: return "bytes";
	case GS_UNIT_NS: return "nanoseconds";
	case GS_UNIT_CYCLES: return "cycles";
	case GS_UNIT_COUNT: break;
	}
	return "count";
}
