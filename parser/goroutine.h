/* goroutine.h - the grammar of goroutine dumps (goroutine?debug=2, runtime.Stack, panics,
 * fatal errors, SIGQUIT and crash output): the state of its machine (the machine itself is
 * in grammar_machines.h), its dumps' id sets, and the splitters of its lines that every
 * sink reads them with. Internal to libgostacks; grammar/goroutine-dump.ebnf is the
 * grammar it follows. */
#ifndef GS_GOROUTINE_H
#define GS_GOROUTINE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Goroutine ids of one dump. Ids are mostly small and dense: a bitmap covers those below
 * GOR_ID_BITMAP_MAX (at most 8 MiB), a hash set the rest. The bitmap is a window from the
 * lowest id it was asked to hold, not from id 0: the part of a large dump a second reader
 * reads holds ids from the millions on, and a bitmap from 0 was most of its memory. */
#define GOR_ID_BITMAP_MAX ((uint64_t)1 << 26)
struct gor_idset {
	uint64_t *bits;      /* bitmap words base .. base + nbits_words - 1 (of ids / 64) */
	size_t base, nbits_words;
	int any_small;       /* a small id was set since the last clear */
	uint64_t max_small;  /* largest small id set since the last clear */
	uint64_t *slots;     /* large ids + 1, 0 = empty */
	size_t cap, n;
};

/* A header line's parts as offsets into it, with nothing interned. */
#define GOR_HEADER_UNKNOWN_MAX 4
struct gor_header {
	uint64_t id;
	size_t state, state_len;   /* the wait reason without " (leaked)", " (scan)", " (durable)" */
	size_t labels, labels_len; /* "{...}" with its braces; labels_len 0 = none */
	uint32_t flags;            /* GS_G_WAIT, GS_G_LOCKED, GS_G_SCAN, GS_G_SYNCTEST,
	                              GS_G_LEAKED, GS_G_DURABLE */
	uint32_t wait, bubble;
	size_t unknown[GOR_HEADER_UNKNOWN_MAX], unknown_len[GOR_HEADER_UNKNOWN_MAX];
	unsigned nunknown;         /* suffixes not understood (the first few) */
	const char *bad_why;       /* a number out of range (wait, bubble), NULL when none: */
	size_t bad, bad_len;       /* the header is read without it */
};

/* The machine's states (grammar_machines.h). */
enum { GOR_OUTSIDE, GOR_FRAMES, GOR_FILE, GOR_CFILE, GOR_SKIP, GOR_RACE };

/* The machine. A dump is split where Go's output starts another: a panic or signal line
 * after goroutines, text between goroutines, a goroutine id the dump already had. */
struct gor {
	int state;
	int open;                /* a goroutine is being read ... */
	int framed;              /* ... it has a function line */
	int unavailable;         /* ... "stack unavailable" */
	int running;             /* ... its state is "running" */
	uint64_t id;             /* ... its id */
	int dump_open;           /* a dump is being read ... */
	uint64_t dump_ng;        /* ... goroutines of it read to their end */
	uint64_t dump_g0;        /* ... thread stacks in it */
	int junk_since_g;        /* ... unknown text after its last goroutine */
	int after_separator;     /* ... "-----": the next signal section continues the crash */
	int last_running;        /* the goroutine read last was [running] */
	uint64_t last_id;        /* and its id */
	uint64_t odd_no;         /* last line not understood where a frame belonged ... */
	int odd_open;            /* ... in the open goroutine (else in the one it ended) */
	uint64_t ndumps;         /* dumps begun */
	struct gor_header h;     /* the last header read */
	struct gor_idset ids;    /* ids of the current dump */
	struct gor_idset first;  /* ids of the first dump, once a second began */
};

void gs_gor_init(struct gor *g);
void gs_gor_release(struct gor *g);
/* The machine (grammar_machines.h) is compiled into each sink; its bookkeeping of dumps
 * and ids is here, once. gs_gor_new_dump: a dump begins. gs_gor_begin: the goroutine of
 * the header in g->h opens: 1 when a dump begins there (*flags: GS_EVF_MOVE when the
 * goroutine read last moves into it), 0 when it goes on the open dump, -1 when memory ran
 * out. */
void gs_gor_new_dump(struct gor *g);
int gs_gor_begin(struct gor *g, unsigned *flags);
/* The hand-over between two readers (gs_reader_between, gs_reader_take in grammar.h) is
 * in goroutine.c too: it happens between two goroutines of a dump, and needs the ids. */

/* header  = "goroutine " GOID [ gpm ] " [" status { ", " suffix } [ labels ] "]:"
 *           [ " {" labels "}:" ]
 * NULL when read, else why not (the line must be a header to gs_header_kind). */
const char *gs_gor_header_parse(const char *s, size_t n, struct gor_header *h);
/* "\tFILE:LINE +0x12": 0 with the file's offset and length and the line, -1 when not, 1
 * when read but the line number does not fit in 32 bits (*line = 0). */
int gs_gor_fileline_split(const char *s, size_t n, size_t *file, size_t *file_len,
                       uint32_t *line);

#endif
