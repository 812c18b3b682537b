/* kind.h - the table of kinds: one row per kind of input, in enum gs_kind order.
 *
 * Everything a command needs to know about a kind is its row: its names (the JSON "kind",
 * the noun of messages), the header its text starts with, the -p word and path that fetch
 * it, which kinds are read and compared with it, what its records are (goroutines or
 * samples), and its value columns with every --value word they answer to, their JSON names
 * and units, and the default one. Commands ask the table; none lists kinds or columns of
 * its own. Adding a kind is a row here plus its state machine (profile.c or goroutine.c).
 *
 * A value column has two readings: the file's number (raw, --raw) and the estimate
 * `go tool pprof` shows (scale.h). They differ only for sampled profiles; the delay of a
 * contention profile is even in other units (CPU cycles in the file, nanoseconds scaled).
 */
#ifndef GS_KIND_H
#define GS_KIND_H

#include <stddef.h>
#include <stdint.h>

enum gs_kind {
	GS_KIND_UNKNOWN = 0,
	GS_KIND_GOROUTINE,      /* goroutine?debug=2, panics, crashes, SIGQUIT, runtime.Stack */
	GS_KIND_GOROUTINE1,     /* goroutine?debug=1 */
	GS_KIND_GOROUTINELEAK,  /* goroutineleak?debug=1: the goroutines the GC proved leaked (Go
	                           1.26+); its debug=2 is a goroutine dump that marks them */
	GS_KIND_THREADCREATE,   /* threadcreate?debug=1 */
	GS_KIND_HEAP,           /* heap?debug=1 */
	GS_KIND_ALLOCS,         /* allocs?debug=1 (same text as heap) */
	GS_KIND_MUTEX,          /* mutex?debug=1 */
	GS_KIND_BLOCK,          /* block?debug=1 */
	GS_KIND_BINARY          /* not text: protobuf, ELF, ... (nothing parsed) */
};

/* What a kind's records hold and how their values add up:
 *   count       one number: goroutines or threads (debug=2 and debug=1 goroutines, threadcreate)
 *   heap        inuse_objects inuse_space alloc_objects alloc_space (heap, allocs)
 *   contention  delay contentions (mutex, block) */
enum gs_family { GS_FAM_NONE = 0, GS_FAM_COUNT, GS_FAM_HEAP, GS_FAM_CONTENTION };

enum gs_unit { GS_UNIT_COUNT = 0, GS_UNIT_BYTES, GS_UNIT_NS, GS_UNIT_CYCLES };

#define GS_NVALUES 4 /* the most value columns a family has (heap) */

struct gs_column {
	const char *word;       /* the --value word, and the column's title in capitals */
	const char *json;       /* the estimate's name in JSON ("delay_ns") */
	const char *json_raw;   /* the file's number's name in JSON ("cycles") */
	const char *aliases;    /* more --value words, ", "-separated, "" none */
	enum gs_unit unit;      /* of the estimate */
	enum gs_unit unit_raw;  /* of the file's number */
	int64_t min_rise;       /* trend's default --min-rise for this column */
};

/* What a kind's records are in the model. */
enum gs_records_of { GS_REC_GOROUTINES = 1, GS_REC_SAMPLES };

#define GS_KIND_BIT(k) (1u << (unsigned)(k))

struct gs_kind_row {
	enum gs_kind kind;
	const char *name;       /* "goroutine", "goroutine-debug1", ...: JSON "kind", check */
	const char *noun;       /* "goroutine dump", "heap profile": in messages and headings */
	const char *phrase;     /* "a goroutine dump", "an allocs profile" */
	const char *header;     /* the literal its first line starts with, NULL: none or a pattern */
	const char *fetch_word; /* -p WORD, NULL: not fetched */
	const char *fetch_path; /* the path and query -p WORD asks a host for */
	const char *dump_word;  /* -p WORD for the same profile at debug=2, which Go writes as a
	                           goroutine dump (kind goroutine), NULL: none */
	const char *dump_path;  /* ... and its path and query */
	const char *served_by;  /* which servers have the endpoint, said for a 404 ("Go 1.27 and
	                           later serve it"); NULL: all */
	const char *thing;      /* what one count of a record stands for: "goroutine", "thread" */
	const char *things;     /* ... and several: "goroutines", "threads" */
	enum gs_family family;
	enum gs_records_of records;
	int has_state;          /* records carry a state, a wait and a creator (debug=2) */
	int leaked;             /* every record is of goroutines the runtime proved leaked */
	unsigned read_with;     /* GS_KIND_BIT mask of the kinds read together with it */
	unsigned compare_with;  /* GS_KIND_BIT mask of the kinds diff and trend match with it */
	int default_column;     /* what `go tool pprof` shows first, an index into columns */
	int order[GS_NVALUES];  /* the columns in the order a summary shows them */
};

/* The rows, one per kind in enum order (GS_KIND_BINARY last). */
#define GS_NKINDS ((int)GS_KIND_BINARY + 1)
extern const struct gs_kind_row gs_kind_rows[GS_NKINDS];

/* The row of a kind; the row of GS_KIND_UNKNOWN for anything out of range. */
static inline const struct gs_kind_row *gs_kind(enum gs_kind k)
{
	return (unsigned)k < (unsigned)GS_NKINDS ? &gs_kind_rows[k] : &gs_kind_rows[GS_KIND_UNKNOWN];
}
/* The row whose name (or, with fetch, -p word: its fetch_word or dump_word) is word; NULL
 * when none. */
const struct gs_kind_row *gs_kind_find(const char *word, int fetch);
/* The kind of text a -p word's reply holds: the row's kind for its fetch_word, a goroutine
 * dump for its dump_word (debug=2), GS_KIND_UNKNOWN for no such word. */
enum gs_kind gs_kind_fetch_text(const char *word);
/* The path and query a -p word asks a host for; NULL for no such word. */
const char *gs_kind_fetch_path(const char *word);
/* The -p word of a URL's path ("/debug/pprof/goroutine") and query ("debug=1&x=y"): of the
 * words asking for that path, the one whose query is part of it, else the first in table
 * order; NULL when no word asks for the path. */
const char *gs_kind_fetch_word_of(const char *path, const char *query);
/* "goroutine, goroutine1, heap, ..." : every -p word, in table order (a row's dump_word
 * before its fetch_word), into out (size bytes, NUL-terminated); returns its length. */
size_t gs_kind_fetch_words(char *out, size_t size);

const char *gs_kind_name(enum gs_kind k); /* gs_kind(k)->name */

/* The value columns of a family: how many, and the n-th (NULL past the last). */
int gs_family_ncolumns(enum gs_family f);
const struct gs_column *gs_family_column(enum gs_family f, int col);
static inline enum gs_family gs_kind_family(enum gs_kind k)
{
	return gs_kind(k)->family;
}
/* The column a --value word names for a family (its word, JSON names or an alias), -1 when
 * none. */
int gs_column_find(enum gs_family f, const char *word);
/* "inuse_space, inuse_objects, ..." : the words of a family's columns, for messages. */
const char *gs_column_words(enum gs_family f);
/* The JSON name and unit of a column as shown: the estimate, or the file's number (raw). */
const char *gs_column_name(enum gs_family f, int col, int scaled);
enum gs_unit gs_column_unit(enum gs_family f, int col, int scaled);
/* "bytes", "nanoseconds", "cycles", "count": for JSON. */
const char *gs_unit_name(enum gs_unit u);

#endif
