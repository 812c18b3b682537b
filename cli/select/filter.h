/* filter.h - which goroutines (or profile records) a command reads, the same way for every
 * command that reads dumps: summary, show, grep, fold (check reads everything).
 *
 *   --match RE      kept when any frame's function or FILE:LINE matches (repeat: any of them)
 *   --exclude RE    dropped when any frame matches (repeat: any of them); exclude wins
 *   --state RE      kept when the state matches (debug=1 records and samples have none)
 *   --min-wait D    kept when the printed wait is at least D (30m, 2h, 1h30m); a goroutine
 *   --max-wait D    without ", N minutes" waited under a minute: it counts as 0
 *   --label K=V     kept when label K is exactly V; K~RE: when it matches (repeat: all)
 *   --id LIST       goroutine ids "N,M,A-B" (repeat: any of them)
 *   --leaked        kept when the runtime proved it leaked: " (leaked)" in a dump, every
 *                   record of a goroutineleak profile (profile samples never are)
 *   -i              patterns ignore case
 * Patterns are PCRE2 in byte mode (regex.h), compiled once. Over a model the results are
 * cached per frame, stack, state and label set, so 500k goroutines sharing 1k stacks cost
 * about 1k matches; a streamed record (grep) is matched frame by frame.
 */
#ifndef GS_FILTER_H
#define GS_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "model.h"
#include "select/ranges.h"
#include "records.h"
#include "select/regex.h"

/* getopt codes of the filter options: commands put their rows in their table of options
 * (commands/input_opts.h: FILTER_OPTIONS) and hand every code to filter_option first. */
enum {
	FILTER_OPT_MATCH = 0x1000,
	FILTER_OPT_EXCLUDE,
	FILTER_OPT_STATE,
	FILTER_OPT_MIN_WAIT,
	FILTER_OPT_MAX_WAIT,
	FILTER_OPT_LABEL,
	FILTER_OPT_ID,
	FILTER_OPT_LEAKED
};

struct filter_label {
	const char *arg;         /* as given, for messages */
	char *key;
	size_t keylen;
	char *value;             /* K=V: the value; K~RE: the pattern */
	size_t vallen;
	int is_re;
	struct regex re;
};

struct filter_list {
	const char **patterns;   /* as given */
	struct regex *re;
	size_t n;
};

struct filter {
	unsigned re_flags;       /* REGEX_CASELESS with -i */
	struct filter_list match, exclude, state;
	struct filter_label *labels;
	size_t nlabels;
	struct id_range *ids;
	size_t nids;
	int leaked;              /* --leaked */
	int has_min_wait, has_max_wait;
	uint32_t min_wait, max_wait; /* minutes */
	int compiled;
	struct gs_buf scratch;      /* "FILE:LINE" and canonical label text */
};

void filter_init(struct filter *f);
void filter_free(struct filter *f);
/* 1 when opt is a filter option (taken), 0 when it is not one, -1 for a bad value with
 * the reason in err (a usage error). */
int filter_option(struct filter *f, int opt, const char *arg, char *err, size_t errlen);
/* Compiles the patterns, after all options (so -i applies to each wherever it came).
 * 0, or -1 with "--match 'PATTERN': MESSAGE at offset N" in err. */
int filter_compile(struct filter *f, char *err, size_t errlen);
/* A filter of its own with src's options, compiled when src is (a second thread's: the
 * compiled patterns keep match data that one thread at a time may use). 0, or -1 with
 * why in err. Free it with filter_free. */
int filter_clone(struct filter *dst, const struct filter *src, char *err, size_t errlen);
int filter_active(const struct filter *f);
/* Whether filter_record reads a record's frames (--match, --exclude). */
int filter_reads_frames(const struct filter *f);
/* --min-wait/--max-wait: "90s", "30m", "2h", "1d", "1h30m" -> seconds; 0 or -1 (a unit
 * is required). */
int filter_parse_wait(const char *s, uint64_t *seconds);

/* The fold (model.h: enum gs_fold) a model may be read with for an answer that shows no
 * goroutine ids and allows `allowed`, grouped by `keys` (GK_ bits) and filtered by f (NULL:
 * no filter): none for --id (ids are what it picks by), --by object (each goroutine's own
 * object) or GOSTACKS_FOLD=0; exact waits for wait=exact and the wait filters (they read
 * each goroutine's minutes); else allowed. */
int filter_fold(const struct filter *f, unsigned keys, int allowed);
/* keep[i] (0 or 1) for every m->goroutines[i], and in *filtered the goroutines dropped
 * (sum of counts); NULL when no filter is active (all kept). Caller frees. With --leaked
 * and no goroutine of the model marked, a note says where the marks come from. */
unsigned char *filter_goroutines(struct filter *f, const struct gs_model *m,
                                 uint64_t *filtered);
/* The same for m->samples (heap, allocs, mutex, block records); *filtered counts records. */
unsigned char *filter_samples(struct filter *f, const struct gs_model *m, uint64_t *filtered);
/* One goroutine, with no cache: what filter_goroutines computes for it. */
int filter_goroutine(struct filter *f, const struct gs_model *m, const struct gs_goroutine *g);
/* One streamed record (grep). */
int filter_record(struct filter *f, const struct gs_record *r);

#endif
