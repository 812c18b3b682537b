/* profile.h - the debug=1 text profiles line parser: goroutine and threadcreate (count
 * profiles), heap/allocs, mutex/block (contention). Internal to libgostacks: parser.c
 * hands it the header line, then every normalised line until another format starts.
 * Grammars: grammar/goroutine-debug1.ebnf, grammar/heap.ebnf, grammar/contention.ebnf.
 *
 * Count-profile records become goroutines (count = N, GS_G_NOSTATE), so grouping and
 * summaries treat debug=1 like debug=2; heap and contention records become samples. */
#ifndef GS_PROFILE_H
#define GS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

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
	uint32_t at, len;         /* the copy in prof.cache_text; len 0 = empty slot */
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

struct prof {
	struct gs_model *m;
	uint32_t source;
	uint32_t dump;            /* UINT32_MAX when no profile is open */
	enum gs_kind kind;
	int state;
	int have_rec;             /* a record is open */
	struct gs_goroutine g;    /* the open record of a count profile */
	struct gs_sample s;       /* the open record of a heap/contention profile */
	uint32_t *frames;
	uint32_t nframes, cap;
	uint32_t stack_flags;
	uint64_t sum;             /* count profiles: sum of record counts */
	int frames_capped;        /* the open record passed MAX_FRAMES (said once) */
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

void prof_init(struct prof *p, struct gs_model *m, uint32_t source);
/* Opens a dump of `kind` at its header line. 0, or -1 when memory ran out. */
int prof_begin(struct prof *p, enum gs_kind kind, const char *s, size_t n, uint64_t no);
/* 0 when read, 1 when the line is not part of the profile (the profile has ended and the
 * caller should read the line as something else), -1 when memory or a cap ran out. */
int prof_line(struct prof *p, const char *s, size_t n, uint64_t no);
/* Closes the open profile, if any (last record, total check). 0 or -1. */
int prof_finish(struct prof *p, int eof); /* eof: the input ended here */
void prof_release(struct prof *p);

/* Whether a line inside a profile opens a record (blanks, then a number). */
int prof_is_record_line(const char *s, size_t n);

/* A frame line's parts as offsets, nothing interned: the parser and the streaming record
 * reader (records.c) read frame lines with this one function. */
enum { PROF_FRAME_OK = 0, PROF_FRAME_EMPTY, PROF_FRAME_BAD };
struct prof_frame {
	size_t func, func_len;   /* the PC text when pc_only */
	size_t file, file_len;   /* file_len 0: no FILE:LINE could be read */
	uint32_t line;
	int has_pc, pc_only;
	int line_big;            /* LINE did not fit in 32 bits: line is 0 */
};
int prof_frame_split(const char *s, size_t n, struct prof_frame *f);

#endif
