/* series.h - what `diff` and `trend` share: points (one dump each) read into one model,
 * the check that they are of one kind, the key fields every point can carry, the join
 * (match.h), the value column of profile kinds, the order of rows, and how keys and
 * stacks go into tables (diff_report.h, trend_report.h; their JSON is json_series.c's).
 *
 * A point is one dump of one SOURCE. diff has two (the first dump of A, the last of B);
 * trend has every dump of every SOURCE, in order. A SOURCE that cannot be read, or holds
 * nothing gostacks reads, is a hole: a point with ok == 0 that still takes its place.
 */
#ifndef GS_SERIES_H
#define GS_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "input/source_opts.h"
#include "outputs/usage.h"
#include "select/filter.h"
#include "group.h"
#include "match.h"
#include "model.h"
#include "input/source_opts.h"
#include "input/stamp.h"
#include "outputs/table.h"
#include "reports/units.h"
#include "select/where.h"

enum series_pick { PICK_FIRST, PICK_LAST, PICK_ALL };

struct series_point {
	const char *name;        /* the SOURCE as given */
	int ok;                  /* holds a dump: 0 = a hole */
	uint32_t dump;           /* model dump index (ok) */
	uint32_t nth, ndumps;    /* which dump of its source, of how many */
	int64_t time;            /* seconds since the epoch (time_source != STAMP_NONE) */
	enum stamp_source time_source;
};

struct series_opts {
	const char *by;          /* --by; NULL = "state,where" */
	const char *value;       /* --value; NULL = the kind's default */
	int raw;                 /* --raw: the file's numbers, not pprof's estimates */
	enum where_mode wmode;
	const char *skip;
	struct filter *filter;   /* --match, --exclude, ... (filter.h); may be NULL */
	struct source_opts *src; /* how SOURCEs are read (source_opts.h) */
	int fold;                /* the fold the answer allows (model.h; filter_fold lowers it) */
};

struct series {
	struct gs_model *m;
	const char *by;
	struct series_point *pts;
	size_t npts, pts_cap;
	size_t holes;
	enum gs_kind kind;       /* of the first usable point */
	int samples;             /* heap/allocs/mutex/block: rows carry values */
	int value_col;           /* the kind's value column (kind.h; --value or the default) */
	int raw;
	struct group_opts go;    /* the key after dropping what a point cannot carry */
	unsigned keys_asked, keys_dropped;
	struct where_opts wo;
	struct gs_match x;
	struct filter *filter;
	struct source_opts *src;
	unsigned char *keep_g, *keep_s; /* the filter's verdicts, made once; NULL = keep all */
	int filtered_ready;
	uint64_t filtered_g, filtered_s;
	char **notes;
	size_t nnotes;
};

/* Model, --by, --where/--skip. EXIT_OK, or EXIT_USAGE after the usage message. */
int series_init(struct series *s, const struct series_opts *o, const struct cli *c);
void series_free(struct series *s);

/* Reads one SOURCE and adds its point(s). 0, or -1 when it could not be read or holds no
 * dump (the message is printed, a hole point is added). */
int series_add_source(struct series *s, const char *name, enum series_pick pick);

/* All usable points must be of one family (goroutine dumps of either form, threadcreate,
 * heap/allocs, mutex, block); picks the value column (--value) and drops the key fields
 * some point cannot carry, with a note. EXIT_OK, or EXIT_USAGE after a message naming
 * both kinds (or the bad --value). */
int series_prepare(struct series *s, const struct series_opts *o, const struct cli *c,
                   const char *cmd);

/* Groups every usable point and joins them into s->x (die_oom on failure). keys, when not
 * 0, replaces the key (folded output joins by stack). */
void series_match(struct series *s, unsigned keys, struct gs_match *x);

/* What the filters dropped at a point: goroutines, or profile records. 0 without filters
 * (call after series_match). */
uint64_t series_filtered(const struct series *s, size_t point);
/* The row's number at a point: goroutines, or the value column of a profile. */
int64_t series_quantity(const struct series *s, const struct gs_match *x, size_t row,
                        size_t point);
/* "goroutines", or the value column's name as top names it ("inuse_space", "delay_ns",
 * raw: "cycles") */
const char *series_quantity_name(const struct series *s);
/* The unit of the quantity (units.h): text output prints bytes and delays like pprof. */
enum gs_unit series_quantity_unit(const struct series *s);
/* A number of the quantity for a cell: with human, bytes and delays as pprof prints them
 * ("5MB", "1.50s"; text and markdown), else the integer (CSV). sign: '+' before v > 0. */
void series_quantity_text(struct gs_buf *b, const struct series *s, int64_t v, int sign,
                          int human);
/* A growth (a rate: goroutines per dump, bytes per minute): counts with at most two
 * decimals ("6.33"), bytes and delays like pprof with human. */
void series_rate_text(struct gs_buf *b, const struct series *s, double v, int sign, int human);

/* A note on stderr, kept for the JSON "notes". */
void series_note(struct series *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rows are rows of s->x (series_match into it). Two rows in the order of their keys' text
 * (group.h), then by index: the tie-break of diff's and trend's orders. */
int series_cmp_rows(const struct series *s, size_t a, size_t b);

/* Key fields as table columns: the header cells, then one row's cells. */
size_t series_key_ncols(const struct series *s);
void series_key_header(const struct series *s, struct table *t);
void series_key_cells(const struct series *s, struct table *t, size_t row);
/* The same cells as one line, two spaces apart: a chart's label (raw text). */
void series_key_label(const struct series *s, size_t row, struct gs_buf *b);
/* For markdown: the row's stack as a <details> block under the last row (table.h). */
void series_stack_detail(const struct series *s, struct table *t, size_t row);
/* The stack a row shows: its canonical stack, or the full one when that is empty;
 * stack_of for a key of another join. */
uint32_t series_row_stack(const struct series *s, size_t row);
uint32_t series_stack_of(const struct series *s, const struct gs_key *key, uint32_t rep_stack);

#endif
