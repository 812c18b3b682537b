/* goroutine.h - the goroutine dump (debug=2, panic, crash, SIGQUIT) line parser.
 * Internal to libgostacks: parser.c feeds it normalised lines. grammar/goroutine-dump.ebnf
 * is the grammar it follows. */
#ifndef GS_GOROUTINE_H
#define GS_GOROUTINE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "model.h"

/* Goroutine ids of one dump. Ids are mostly small and dense: a bitmap covers those below
 * GOR_ID_BITMAP_MAX (at most 8 MiB), a hash set the rest. */
#define GOR_ID_BITMAP_MAX ((uint64_t)1 << 26)
struct gor_idset {
	uint64_t *bits;      /* bitmap words for ids < GOR_ID_BITMAP_MAX */
	size_t nbits_words;
	uint64_t max_small;  /* largest small id set since the last clear */
	uint64_t *slots;     /* large ids + 1, 0 = empty */
	size_t cap, n;
};

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

struct gor {
	struct gs_model *m;
	uint32_t source;
	uint32_t dump;           /* current dump, UINT32_MAX when none */
	int state;
	int junk_since_g;        /* unknown lines after the last goroutine of the dump */
	int after_separator;     /* "-----": the next signal section continues the crash */
	int have_g;
	struct gs_goroutine cur; /* the goroutine being read */
	uint32_t *frames;
	uint32_t *argoff;        /* per frame: offset and length of its args in argtext */
	uint32_t *arglen;
	uint32_t nframes, cap;
	uint32_t stack_flags;
	struct buf argtext;
	uint32_t pending_func;   /* a function line waiting for its file line */
	uint32_t pending_argoff, pending_arglen;
	uint64_t pending_no;
	int pending;
	struct gor_idset ids;    /* goroutine ids of the current dump */
	struct gor_name *names;  /* 1 << cache_bits entries, like fcache */
	struct gor_frame *fcache;
	unsigned cache_bits;
	uint64_t ngs;            /* goroutines begun, for the caches' growth */
	struct buf ftext;
	int frames_capped;       /* the goroutine passed MAX_FRAMES (said once) */
	uint64_t odd_no;         /* last line not understood inside a goroutine's stack ... */
	size_t odd_g;            /* ... and the goroutine it ended (SIZE_MAX: still open) */
};

void gor_init(struct gor *g, struct gs_model *m, uint32_t source);
/* 0, or -1 when memory or a model cap ran out. */
int gor_line(struct gor *g, const char *s, size_t n, uint64_t no);
int gor_finish(struct gor *g, uint64_t last_no);
/* Between two goroutines of a dump, with nothing pending and no text since the last one:
 * the dump's index, where a goroutine header would continue it (gs_parser_adopt); else
 * UINT32_MAX. */
uint32_t gor_at_boundary(const struct gor *g);
/* g's reader goes on where rest's, at a boundary (gor_at_boundary), stopped: rest was
 * fed the input after g's and its model merged into g's, where rest's current dump is now
 * `dump`; joined: rest read a single dump, which continued g's (its ids add to g's), else
 * the current dump's ids are rest's. 0, or -1 when memory ran out. */
int gor_continue(struct gor *g, const struct gor *rest, uint32_t dump, int joined);
/* The id was read in the current dump (a header repeating it starts the next dump). */
int gor_id_seen(const struct gor *g, uint64_t id);
void gor_release(struct gor *g);

/* A header line's parts as offsets into it, with nothing interned: the parser and the
 * streaming record reader (records.c) read headers with this one function. */
#define GOR_HEADER_UNKNOWN_MAX 4
struct gor_header {
	uint64_t id;
	size_t state, state_len;   /* the state without " (scan)" */
	size_t labels, labels_len; /* "{...}" with its braces; labels_len 0 = none */
	uint32_t flags;            /* GS_G_WAIT, GS_G_LOCKED, GS_G_SCAN, GS_G_SYNCTEST */
	uint32_t wait, bubble;
	size_t unknown[GOR_HEADER_UNKNOWN_MAX], unknown_len[GOR_HEADER_UNKNOWN_MAX];
	unsigned nunknown;         /* suffixes not understood (the first few) */
	const char *bad_why;       /* a number out of range (wait, bubble), NULL when none: */
	size_t bad, bad_len;       /* the header is read without it */
};
/* NULL when read, else why not (the line must be a goroutine header to gs_header_kind). */
const char *gor_header_parse(const char *s, size_t n, struct gor_header *h);
/* "\tFILE:LINE +0x12": 0 with the file's offset and length and the line, -1 when not, 1
 * when read but the line number does not fit in 32 bits (*line = 0). */
int gor_fileline_split(const char *s, size_t n, size_t *file, size_t *file_len,
                       uint32_t *line);

#endif
