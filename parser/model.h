/* model.h - the interned model every format parser fills and every command reads.
 *
 * One model can hold many sources (files, URLs) and each source many dumps, all sharing
 * one string table, so keys of different files compare as integers.
 *
 *  string  interned text (intern.h), id 0 = none
 *  frame   (func, file, line), hash-consed: equal frames have equal ids; id 0 = none
 *  stack   an array of frame ids, leaf first, hash-consed; id 0 = the empty stack
 *  goroutine  a few words: id, state, wait, flags, stack, creator, parent, labels
 *
 * A stack is stored as printed minus arguments and PC offsets (the "full" stack). Its
 * canonical form (`canon`) drops leading frames of package runtime and a trailing
 * runtime.goexit, so a debug=2 goroutine and the same stack in a debug=1 record match.
 * Memory grows with distinct strings, frames and stacks, and by one struct goroutine per
 * goroutine (or per debug=1 record, or per distinct goroutine with fold_repeats), never
 * with the bytes of the dump.
 */
#ifndef GS_MODEL_H
#define GS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#include "intern.h"
#include "kind.h"


enum gs_level { GS_NOTE = 1, GS_WARNING = 2, GS_ERROR = 3 };

struct gs_frame {
	uint32_t func;
	uint32_t file;
	uint32_t line;
};

/* stack flags */
#define GS_STACK_ELIDED    0x1u /* "...additional frames elided..." or "...N frames elided..." */
#define GS_STACK_TRUNCATED 0x2u /* the input stopped inside this stack */

#define GS_STACK_OBJ_FRAMES 3

struct gs_stack {
	uint64_t hash;
	uint32_t first;  /* index of the first (leaf) frame in model->stack_frames */
	uint32_t len;
	uint32_t canon;  /* id of the canonical stack (itself when already canonical) */
	uint32_t flags;
	/* a full stack that waits on a sync object or a channel (object.h): its enum
	 * gs_object_kind, 0 none, and the frames whose first word names it (index + 1) */
	unsigned char obj_kind;
	unsigned char obj_at[GS_STACK_OBJ_FRAMES];
};

/* goroutine flags */
#define GS_G_WAIT        0x01u /* ", N minutes" was printed */
#define GS_G_LOCKED      0x02u /* ", locked to thread" */
#define GS_G_SCAN        0x04u /* " (scan)" */
#define GS_G_UNAVAILABLE 0x08u /* "goroutine running on other thread; stack unavailable" */
#define GS_G_TRUNCATED   0x10u /* cut off before its stack ended */
#define GS_G_NOSTATE     0x20u /* no state is known (debug=1 records) */
#define GS_G_SYNCTEST    0x40u /* ", synctest group|bubble N" (bubble id in `bubble`) */
#define GS_G_CURRENT     0x80u /* the first goroutine of a panic/crash: the one that failed */
#define GS_G_LEAKED      0x100u /* " (leaked)": the runtime proved it can never wake (Go 1.26+),
                                   or a record of a goroutineleak profile (kind.h) */
#define GS_G_DURABLE     0x200u /* " (durable)": a synctest bubble's durably blocked wait */

struct gs_goroutine {
	uint64_t id;       /* goroutine id (0 for debug=1 records) */
	uint64_t parent;   /* "created by X in goroutine N": N; 0 when not printed */
	uint64_t line;     /* line of the header in its source */
	uint64_t count;    /* goroutines this entry stands for: 1 in debug=2, N in debug=1 */
	uint32_t state;    /* interned state text without suffixes ("chan receive") */
	uint32_t wait;     /* minutes, valid when GS_G_WAIT */
	uint32_t stack;    /* full stack id */
	uint32_t creator;  /* frame id of the "created by" site, 0 when none */
	uint32_t labels;   /* interned canonical label text, 0 when none (see gs_labels_*) */
	uint32_t flags;
	uint32_t bubble;   /* synctest group/bubble id */
	uint32_t dump;     /* index into model->dumps */
};

/* dump flags */
#define GS_DUMP_HAS_TOTAL 0x1u /* the format printed a total (debug=1 "total N") */
#define GS_DUMP_TRUNCATED 0x2u /* ended in the middle of a goroutine or record */
#define GS_DUMP_FAILED_LAST 0x4u /* a dump pasted newest line first: its panic or signal text
                                    came after its goroutines, so the goroutine that failed
                                    is the last one read, not the first (gs_dump_failed) */

struct gs_dump {
	enum gs_kind kind;
	uint32_t source;      /* index into model->sources */
	uint32_t flags;
	uint32_t panic;       /* interned "panic: ..." / "fatal error: ..." line, 0 when none */
	uint32_t signal;      /* interned "[signal ...]" or "SIGQUIT: quit" line, 0 when none */
	uint64_t first_line;  /* first line that belongs to the dump (preamble included) */
	uint64_t last_line;
	uint64_t total;       /* header total when GS_DUMP_HAS_TOTAL */
	size_t first_g;       /* goroutines [first_g, first_g + ng) of model->goroutines */
	size_t ng;
	uint64_t g0_stacks;   /* "goroutine 0 [idle]:" thread stacks seen: not goroutines */
	uint64_t skipped;     /* goroutine headers or records that could not be read */
	uint64_t races;       /* "WARNING: DATA RACE" reports seen */

	/* debug=1 heap/allocs/mutex/block profiles (profile.c): their records are samples,
	 * not goroutines. goroutine/threadcreate debug=1 records are goroutines (ng). */
	size_t first_s;       /* samples [first_s, first_s + ns) of model->samples */
	size_t ns;
	int64_t header_v[4];  /* heap header: inuse objects, inuse bytes, alloc objects, alloc bytes */
	int64_t header_rate;  /* heap: the number after "heap/" as printed (2 x MemProfileRate) */
	int64_t rate;         /* heap: the sampling period pprof scales with (scale.h); <= 1 none */
	uint32_t sampling;    /* heap: interned sampling kind ("heap", "heap_v2", "heapprofile") */
	int64_t cycles_per_second; /* mutex/block "cycles/second=N", 0 when not printed */
	int64_t sampling_period;   /* mutex/block "sampling period=N", 1 when not printed */
	size_t first_stat;    /* key = value lines [first_stat, first_stat + nstat) of model->stats: */
	size_t nstat;         /* heap "# runtime.MemStats" trailer, mutex/block attribute lines */
};

/* One debug=1 heap/allocs/mutex/block record. v by the dump's kind:
 *   heap, allocs  {inuse_objects, inuse_space, alloc_objects, alloc_space}  (raw, unscaled)
 *   mutex, block  {cycles, count, 0, 0}                                     (raw, unscaled)
 * scale.h turns them into the estimates `go tool pprof` shows. */
struct gs_sample {
	uint64_t line;        /* line of the record header in its source */
	uint32_t stack;       /* full stack id (frames as printed) */
	uint32_t labels;      /* interned canonical labels, 0 none (no Go profile prints them yet) */
	uint32_t dump;
	int64_t v[4];
};

/* A "Key = Value" line of the heap MemStats trailer, or a "key=value" attribute line of a
 * contention profile (cycles/second, sampling period, ...). */
enum gs_stat_type {
	GS_STAT_INT = 1,   /* i */
	GS_STAT_PAIR,      /* "INUSE / SYS": i = INUSE, i2 = SYS */
	GS_STAT_ARRAY,     /* "[n0 n1 ...]": values [first_v, first_v + nv) of model->stat_values */
	GS_STAT_FLOAT,     /* f (also an integer too large for int64) */
	GS_STAT_BOOL,      /* i = 0 or 1 */
	GS_STAT_TEXT       /* only `text` */
};

struct gs_stat {
	uint32_t key;         /* interned "HeapAlloc", "cycles/second", ... */
	uint32_t text;        /* interned value text as printed; 0 for arrays (they are long) */
	enum gs_stat_type type;
	uint32_t nv;
	size_t first_v;
	int64_t i, i2;
	double f;
};

struct gs_source {
	uint32_t name;        /* interned name as given on the command line ("-" = stdin) */
	uint64_t bytes;
	uint64_t lines;
	uint64_t skipped_lines; /* lines that belonged to nothing the parser knows */
	uint32_t first_dump;
	uint32_t ndumps;
	uint32_t label;       /* interned: how --by source names it, the name as given but the
	                         host:port of a URL or of a file fetch saved (HOST_PORT.PROFILE.
	                         STAMP.txt), so a fleet's dumps group by host */
};

struct gs_diag {
	enum gs_level level;
	uint32_t source;
	uint64_t line;        /* 0 when the message is about the whole source */
	uint32_t message;     /* interned */
	uint32_t near;        /* interned text near the problem (cut to 60 bytes), 0 none */
};

struct gs_model {
	struct gs_intern *strings;

	struct gs_frame *frames;   /* [0] is the empty frame */
	uint32_t nframes, frames_cap;
	uint32_t *frame_index;     /* open addressing, 0 = empty slot */
	uint32_t frame_index_cap;  /* power of two */

	uint32_t *stack_frames;    /* all stacks' frame ids, concatenated */
	size_t nstack_frames, stack_frames_cap;
	uint32_t *stack_args;      /* parallel to stack_frames: interned args text of the first
	                              goroutine seen with this stack ("(0x1, {0x2})"), 0 none */
	size_t stack_args_cap;     /* stack_args' room, stack_frames_cap once grown with it */
	struct gs_stack *stacks;   /* [0] is the empty stack */
	uint32_t nstacks, stacks_cap;
	uint32_t *stack_index;
	uint32_t stack_index_cap;

	struct gs_goroutine *goroutines;
	size_t ngoroutines, goroutines_cap;
	struct gs_vm goroutines_vm; /* where goroutines live once large (vm.h); else malloc */
	uint64_t *objects;         /* per goroutine index: the object it waits on (object.h:
	                              kind and address in one word), 0 none; NULL until one
	                              has one, then nobjects long (the rest have none) */
	size_t nobjects, objects_cap;
	uint32_t *wait_hi;         /* per goroutine index: the longest wait of the goroutines an
	                              entry stands for, when fold_repeats (GS_FOLD_WAITS) counted
	                              longer waits than its own `wait` on it; 0 none. NULL until
	                              then, nwait_hi long (gs_goroutine_wait_max) */
	size_t nwait_hi, wait_hi_cap;

	struct gs_dump *dumps;
	uint32_t ndumps, dumps_cap;

	struct gs_source *sources;
	uint32_t nsources, sources_cap;

	struct gs_diag *diags;
	size_t ndiags, diags_cap;
	size_t diags_dropped;      /* past GS_MAX_DIAGS_PER_SOURCE: counted, not stored */
	size_t diags_said;         /* gs_model_diag calls, stored or not (build.c: a goroutine
	                              that said nothing) */
	enum gs_level worst;

	size_t max_goroutines;     /* 0 = no cap */

	struct gs_sample *samples; /* debug=1 heap/allocs/mutex/block records, by dump */
	size_t nsamples, samples_cap;
	size_t max_samples;        /* 0 = no cap */
	struct gs_stat *stats;     /* MemStats / contention attributes, by dump */
	size_t nstats, stats_cap;
	int64_t *stat_values;      /* elements of GS_STAT_ARRAY stats */
	size_t nstat_values, stat_values_cap;

	/* Memory: a stream of endless distinct names, frames or stacks stops at a cap with one
	 * error diagnostic (gs_model_stopped) instead of taking the machine's memory. */
	size_t max_bytes;          /* arrays and string table together; 0 = no cap. Set after
	                              gs_model_new (default GS_DEFAULT_MAX_BYTES) */
	size_t bytes;              /* arrays allocated so far (the string table counts itself) */
	int over_budget;           /* an allocation was refused for max_bytes */

	/* Each line that belongs to nothing the parser knows (counted in skipped_lines) is also
	 * a note with its line, GS_SKIPPED_LINE its message: what `check` lists. Set after
	 * gs_model_new; 0 by default, so a log with a dump inside stays quiet elsewhere. */
	int note_skipped;

	/* Repeats (enum gs_fold): a dump's goroutine equal to an earlier one of the same dump in
	 * all but its id and header line (stack, state, creator, parent, labels, flags, bubble,
	 * and its wait: the same minutes, or with GS_FOLD_WAITS the same wait bucket, key.h) is
	 * counted on that one (its `count`; with GS_FOLD_WAITS its `wait` the shortest and
	 * gs_goroutine_wait_max the longest) instead of kept. Memory then grows with distinct
	 * goroutines, not with goroutines. For answers that show no ids and no lines (summary's
	 * text and CSV, fold, diff, trend); set after gs_model_new, GS_FOLD_NONE by default.
	 * Never folded, nor folded into: a dump's first and last goroutine (a crash's failed
	 * one, a writer moved into the next dump, one cut at the end). The object an entry
	 * waits on (object.h) is its first goroutine's: an answer that reads objects does not
	 * fold. build.c does it. */
	int fold_repeats;
};

enum gs_fold {
	GS_FOLD_NONE = 0,
	GS_FOLD_EXACT,   /* equal waits: what a wait=exact key or a wait filter needs */
	GS_FOLD_WAITS    /* waits of one bucket: the wait key's and the groups' wait ranges */
};

#define GS_SKIPPED_LINE "not part of any goroutine or record: skipped"

#define GS_MAX_DIAGS_PER_SOURCE 100
#define GS_DEFAULT_MAX_BYTES ((size_t)4 << 30)
#define GS_MAX_STRING_BYTES ((size_t)2 << 30) /* text of the string table, within max_bytes */
#define GS_MAX_LABELS 64      /* pairs in one label set; more is hostile input */
#define GS_MAX_NESTING 64     /* "{" levels in header labels; Go prints one */

struct gs_model *gs_model_new(void);
void gs_model_free(struct gs_model *m);

/* All return 0 (or an id) on success; -1 / 0 on allocation failure or a cap. */
uint32_t gs_model_source(struct gs_model *m, const char *name);
uint32_t gs_model_frame(struct gs_model *m, uint32_t func, uint32_t file, uint32_t line);
/* dst, new (gs_model_new, nothing added), takes src's strings, frames and stacks under
 * their ids in src, and nothing else (no source, dump, goroutine or diagnostic): the model
 * of a reader that goes on with what src's reader learned (gs_parser_new_after). Charged to
 * dst's budget. 0, or -1 when memory or dst's budget ran out (dst is then to be freed). */
int gs_model_seed(struct gs_model *dst, const struct gs_model *src);
/* The memory of m's strings, frames and stacks: what gs_model_seed copies. */
size_t gs_model_tables_mem(const struct gs_model *m);
/* frames leaf first; args may be NULL. Returns the stack id (0 for len == 0). */
uint32_t gs_model_stack(struct gs_model *m, const uint32_t *frames, const uint32_t *args,
                        uint32_t len, uint32_t flags);
uint32_t gs_model_dump(struct gs_model *m, uint32_t source, enum gs_kind kind, uint64_t line);
struct gs_goroutine *gs_model_goroutine(struct gs_model *m); /* appended, zeroed; NULL on failure */
/* Goroutine g waits on object (object.h: GS_OBJECT_VALUE). 0, -1 on allocation failure. */
int gs_model_set_object(struct gs_model *m, size_t g, uint64_t object);
/* Appended and zeroed (the caller sets dump and bumps the dump's ns / nstat); NULL on
 * failure or past max_samples. Samples and stats of one dump are contiguous. */
struct gs_sample *gs_model_sample(struct gs_model *m);
struct gs_stat *gs_model_stat(struct gs_model *m);
int gs_model_stat_value(struct gs_model *m, int64_t v); /* appends to stat_values */
/* The stat named key of a dump, NULL when absent. */
const struct gs_stat *gs_dump_stat(const struct gs_model *m, uint32_t dump, const char *key);
/* The last GC pause of a heap dump's MemStats: PauseNs[(NumGC+255)%256] (the runtime's
 * circular buffer). 0 and *ns set on success, -1 when PauseNs or NumGC is missing or
 * NumGC is 0. */
int gs_dump_last_pause(const struct gs_model *m, uint32_t dump, int64_t *ns);
/* The goroutine that panicked or faulted in a crash dump: Go prints it first after a
 * "panic:" or "fatal error:" line or a "[signal ...]" fault (not after "SIGQUIT: quit",
 * where the first goroutine is merely running); in a dump read newest line first
 * (GS_DUMP_FAILED_LAST) the last one. Its index in model->goroutines, or
 * SIZE_MAX when the dump is no crash or holds no goroutine. Asked per dump, after the
 * parse: the parse itself does no work for it. */
size_t gs_dump_failed(const struct gs_model *m, uint32_t dump);
void gs_model_diag(struct gs_model *m, enum gs_level level, uint32_t source, uint64_t line,
                   const char *near, size_t nearlen, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* The one error diagnostic for a parse that stopped at `line` because an allocation was
 * refused: says which cap (memory, string table, goroutines, samples) or that malloc failed. */
void gs_model_stopped(struct gs_model *m, uint32_t source, uint64_t line);

static inline const char *gs_str(const struct gs_model *m, uint32_t id)
{
	return gs_intern_str(m->strings, id);
}
/* Per stack id (nstacks + 1 entries), the first goroutine (index) with it, SIZE_MAX none:
 * the one whose arguments stack_args holds. Malloc'd; NULL when memory ran out. */
size_t *gs_model_first_of_stack(const struct gs_model *m);
/* The object goroutine g (an index) waits on (object.h), 0 none. */
static inline uint64_t gs_goroutine_object(const struct gs_model *m, size_t g)
{
	return g < m->nobjects ? m->objects[g] : 0;
}
/* The longest wait (minutes) of the goroutines entry g (an index) stands for: its own
 * `wait` unless fold_repeats counted longer ones on it. Valid when GS_G_WAIT. */
static inline uint32_t gs_goroutine_wait_max(const struct gs_model *m, size_t g)
{
	return g < m->nwait_hi && m->wait_hi[g] ? m->wait_hi[g] : m->goroutines[g].wait;
}
/* Entry g stands for goroutines waiting up to `minutes`: 0, -1 on allocation failure. */
int gs_model_set_wait_max(struct gs_model *m, size_t g, uint32_t minutes);
static inline const uint32_t *gs_stack_frames(const struct gs_model *m, uint32_t stack)
{
	/* a model whose every stack is empty has no array yet, and NULL + 0 is undefined */
	return m->stack_frames ? m->stack_frames + m->stacks[stack].first : NULL;
}

/* Labels are interned in one canonical form whatever the input wrote (debug=1
 * `{"k":"v", ...}`, Go 1.26 `labels:{"k": "v", ...}`, the draft `{k: v, ...}`): pairs sorted by
 * key, unquoted, each written as key NUL value NUL. gs_labels_intern parses any of the forms
 * (the text between and including the braces) and returns the id, 0 for an empty set or on
 * a syntax error (*bad set: GS_LABELS_TOO_MANY past GS_MAX_LABELS pairs, else 1).
 * gs_label_next walks a canonical text: returns 1 per pair. */
#define GS_LABELS_TOO_MANY 2
uint32_t gs_labels_intern(struct gs_model *m, const char *text, size_t len, int *bad);
/* The canonical text of a label set appended to canon (nothing for an empty set), without
 * a model: 0, -1 on a syntax error or allocation failure, -2 past GS_MAX_LABELS pairs. */
struct gs_buf;
int gs_labels_canon(const char *text, size_t len, struct gs_buf *canon);
int gs_label_next(const char *s, size_t len, size_t *pos, const char **key, size_t *keylen,
                  const char **val, size_t *vallen);
/* The value of one label (interned), 0 when the set has no such key. The string table is
 * shared, not part of the model's const-ness: the value is interned on the first call. */
uint32_t gs_labels_value(const struct gs_model *m, uint32_t labels, const char *key, size_t keylen);

/* Function-name helpers (no allocation). */
/* package "runtime" exactly, and "panic": Go before 1.21 prints runtime.gopanic so */
int gs_func_is_runtime(const char *func, size_t len);
int gs_func_is_stdlib(const char *func, size_t len);   /* first path element is a std root */
/* The "where" frame: first frame of the canonical stack, 0 for the empty stack. */
uint32_t gs_stack_where(const struct gs_model *m, uint32_t stack);

#endif
