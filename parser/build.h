/* build.h - the model builder: the sink that makes the grammar's events (grammar.h) into
 * the model (model.h). Internal to libgostacks: parser.c hands it each line, which the
 * grammar's machines (compiled into build.c) turn into events for it.
 *
 * build.c builds goroutine dumps: a goroutine per header, its stack hash-consed, names
 * interned through small caches. build_profile.c builds the debug=1 profiles: count
 * records as goroutines (count = N, GS_G_NOSTATE), so grouping and summaries treat debug=1
 * like debug=2; heap and contention records as samples; MemStats and attributes as stats.
 * The builder decides nothing about the text's shape; it reads numbers, names and labels
 * out of the lines the events point at, and says what it could not read.
 */
#ifndef GS_BUILD_H
#define GS_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "memo/body.h"
#include "buf.h"
#include "grammar.h"
#include "model.h"
#include "memo/skel.h"

#define BUILD_NO_DUMP UINT32_MAX
#define BUILD_MAX_FRAMES 100000 /* Go prints at most ~100 (debug=1: 64 PCs, expanded by
                                   inlining); more is hostile input */

/* ---- goroutine dumps ---- */

/* A direct-mapped cache in front of the string table for the names a dump repeats on
 * every goroutine (functions, files, states): a hit costs two loads and one memcmp
 * instead of a full hash. */
#define GOR_CACHE_BITS 12
/* Both caches start at 1 << GOR_CACHE_BITS_SMALL entries and grow after
 * GOR_CACHE_GROW_AFTER goroutines: a 10 kB dump then touches a few pages, not sixty. */
#define GOR_CACHE_BITS_SMALL 8
#define GOR_CACHE_GROW_AFTER 256
struct gor_name {
	uint64_t head, tail;     /* first and last 8 bytes */
	const char *text;        /* the interned copy: stable until the model is freed */
	uint32_t len, id;
};

/* A direct-mapped cache from a function and the file line after it, as text, to the
 * frame they made: a hit skips splitting FILE:LINE, the number, and two lookups. The
 * texts are copied into ftext, at most GOR_FRAME_TEXT_MAX bytes (then it starts afresh). */
#define GOR_FRAME_TEXT_MAX ((size_t)1 << 20)
struct gor_frame {
	uint32_t func, frame;    /* frame 0: empty slot */
	uint32_t len;
	size_t text;             /* offset in ftext */
};

struct build_dump {
	uint32_t dump;           /* the goroutine dump being built, BUILD_NO_DUMP when none */
	int have_g;
	struct gs_goroutine cur; /* the goroutine being read */
	uint32_t *frames;
	uint32_t *argoff;        /* per frame: offset and length of its args in argtext */
	uint32_t *arglen;
	uint32_t nframes, cap;
	uint32_t stack_flags;
	struct gs_buf argtext;
	uint32_t pending_func;   /* a function line waiting for its file line, or the
	                            "created by" function waiting for its */
	uint32_t pending_argoff, pending_arglen;
	uint64_t pending_no;
	int pending;             /* a function line waits */
	size_t last_g;           /* the goroutine ended last (its index), for GS_EV_CUT */
	struct gor_name *names;  /* 1 << cache_bits entries, like fcache */
	struct gor_frame *fcache;
	unsigned cache_bits;
	uint64_t ngs;            /* goroutines begun, for the caches' growth */
	struct gs_buf ftext;
	int frames_capped;       /* the goroutine passed BUILD_MAX_FRAMES (said once) */
	/* A dump pasted newest line first (lines.h, GS_LINE_MOVED) hands out its goroutines
	 * first and the text Go printed above them (panic, signal) last: */
	uint64_t moved_no;       /* the last line the reader marked GS_LINE_MOVED */
	uint32_t rev_dump;       /* the dump whose goroutines came on such lines */
	int tail;                /* its crash text is being read: it ends that dump, it does
	                            not begin one; the next goroutine header does */
	/* m->fold_repeats: the goroutines kept that a later equal one is counted on, an open
	 * addressing table of (hash >> 32) << 32 | (index + 1), 0 empty; its bytes are charged
	 * to the model's budget */
	uint64_t *rep;
	size_t rep_cap, rep_n;
	uint64_t rep_next;       /* the hash of the goroutine to fold next (rep_prefetch_slot) */
	/* The stack memo (body.h): a body whose key it holds goes at once (gs_build_on_body). */
	struct gs_memo memo;
	struct gs_body *body;    /* the body read at the last header; NULL until one is */
	struct gs_skel skel;     /* the bodies the memo keeps, by their fixed text (skel.h) */
	struct gs_buf raw;       /* the text of body, while the memo waits to learn it */
	uint32_t memo_stack;     /* the open goroutine's stack, from the memo; 0: its lines' */
	int memo_want;           /* body is the open goroutine's key, not in the memo: remember */
	uint64_t memo_end;       /* ... what it made if it ends on this line (its blank one) */
	size_t memo_said;        /* ... having said nothing: m->diags_said at its header */
	uint64_t memo_hits;      /* bodies taken at once */
	uint64_t skel_hits;      /* ... found by the skel */
	/* When to read bodies (memo_window): per window of GS_MEMO_WINDOW goroutines ended, */
	uint32_t win_n;          /* goroutines ended in it */
	uint32_t win_repeat;     /* ... whose stack the model had before them */
	uint32_t win_tries;      /* ... whose body was read */
	uint32_t win_useful;     /* ... and then taken (a hit) or remembered */
	int memo_on;             /* bodies are read: the window before had stacks repeat */
	int memo_always;         /* ... always, and never a rest (gs_parser_memo_always) */
	uint32_t memo_skip;      /* headers to leave unread: the memo had no use ... */
	uint32_t memo_rest;      /* ... as many as this after the next window of no use */
};

/* ---- debug=1 profiles ---- */

#define PROF_NEAR 64

/* A direct-mapped cache from a whole frame line ("#\t0xPC\tfunc+0xOFF\tfile:LINE") to its
 * frame id: a profile prints the same frame, same PC, in record after record, and a hit
 * costs one compare instead of a split, two string lookups and a frame lookup. The lines'
 * text is copied into one buffer of at most PROF_FRAME_TEXT bytes; when it is full the
 * cache starts over empty, so its memory is bounded whatever the input. */
#define PROF_FRAME_CACHE 2048
#define PROF_FRAME_TEXT (128u * 1024u)
#define PROF_FRAME_TEXT_FIRST (16u * 1024u) /* doubled as the cached lines need */
#define PROF_FRAME_MAX_LINE 1024u /* longer frame lines are read the long way */
struct prof_frame_entry {
	uint64_t head, tail;      /* first and last 8 bytes of the line */
	uint32_t at, len;         /* the copy in cache_text; len 0 = empty slot */
	uint32_t frame;
};

/* A direct-mapped cache in front of the string table for the function and file names of
 * frame lines the cache above missed: the same names come back with other PCs and lines. */
#define PROF_NAME_CACHE 1024
struct prof_name_entry {
	const char *text;         /* the interned copy (stable), NULL = empty slot */
	uint64_t head;            /* first 8 bytes */
	uint32_t len, id;
};

/* "# labels:" lines repeat a few sets record after record: a direct-mapped cache from the
 * set's text (up to PROF_LABEL_TEXT bytes) to its canonical id saves parsing it again. */
#define PROF_LABEL_CACHE 64
#define PROF_LABEL_TEXT 120
struct prof_label_entry {
	uint32_t len, id;         /* len 0 = empty slot */
	char text[PROF_LABEL_TEXT];
};

struct build_prof {
	struct gs_model *m;
	uint32_t source;
	uint32_t dump;            /* BUILD_NO_DUMP when no profile is open */
	enum gs_kind kind;        /* the dump's (allocs where the grammar says heap) */
	int have_rec;             /* a record is open */
	struct gs_goroutine g;    /* the open record of a count profile */
	struct gs_sample s;       /* the open record of a heap/contention profile */
	uint32_t *frames;
	uint32_t nframes, cap;
	uint32_t stack_flags;
	uint64_t sum;             /* count profiles: sum of record counts */
	int frames_capped;        /* the open record passed BUILD_MAX_FRAMES (said once) */
	int cut;                  /* the last frame line read was incomplete */
	uint64_t cut_no;
	char cut_text[PROF_NEAR];
	size_t cut_len;
	struct prof_frame_entry *frame_cache; /* PROF_FRAME_CACHE entries, or NULL */
	char *cache_text;         /* cache_cap bytes: the cached lines */
	uint32_t cache_used, cache_cap;
	struct prof_name_entry *name_cache; /* PROF_NAME_CACHE entries, or NULL */
	struct prof_label_entry *label_cache; /* PROF_LABEL_CACHE entries, or NULL */
	int caches_made;          /* the caches were allocated (or tried) */
};

struct gs_build {
	struct gs_model *m;
	struct gs_grammar *gr;    /* the grammar that reads the lines into events */
	uint64_t last_no;         /* the last line read */
	int rc;                   /* -1 once memory or a model cap ran out: no more events */
	uint32_t source;
	enum gs_kind heap_kind;   /* what a "heap profile:" header becomes: heap or allocs */
	struct build_dump gd;
	struct build_prof pd;
};

void gs_build_init(struct gs_build *b, struct gs_model *m, uint32_t source,
                   struct gs_grammar *gr);
void gs_build_release(struct gs_build *b);
/* gs_parser_idle: the caches and the stack memo let go (the builder reads on without). */
void gs_build_idle(struct gs_build *b);
/* gs_parser_new_after: from's caches and stack memo go to `to`, whose model was seeded
 * from from's (gs_model_seed: the same ids); from is left idle. */
void gs_build_hand_on(struct gs_build *to, struct gs_build *from);
/* The line reader's callback (lines.h; ctx: the builder): the line read by the grammar
 * into the model. 0, or -1 when memory or a model cap ran out (the caller says so:
 * gs_model_stopped). */
int gs_build_on_line(void *ctx, const struct gs_line *l);
/* The line reader's body callback (lines.h: gs_lines_body_fn): a body whose key the memo
 * holds is taken at once, its goroutine given the stack, creator and parent the long way
 * would have given it. */
size_t gs_build_on_body(void *ctx, const char *s, const char *lim, size_t max_line,
                        uint64_t no, size_t *used);
/* Entries [from, ngoroutines) were merged into the model (gs_parser_adopt): with
 * fold_repeats, each equal to one before it in its dump is counted on it, as the builder
 * counts its own (not a dump's first or last), and the rest move down. 0. */
int gs_build_fold_from(struct gs_build *b, size_t from);
/* The input ended after line last_no. 0 or -1. */
int gs_build_finish(struct gs_build *b);
/* A debug=1 profile's event (build_profile.c). */
int gs_build_profile_event(struct gs_build *b, const struct gs_event *e, const char *s,
                           size_t n, uint64_t no);
void gs_build_profile_release(struct build_prof *p);

#endif
