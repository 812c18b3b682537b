/* profile.h - the grammar of the debug=1 text profiles: goroutine and threadcreate (count
 * profiles), heap/allocs, mutex/block (contention). The state of its machine (the machine
 * itself is in grammar_machines.h), the record header's reader, and the frame line's
 * splitter every sink reads frames with. Internal to libgostacks. Grammars:
 * grammar/goroutine-debug1.ebnf, grammar/heap.ebnf, grammar/contention.ebnf. */
#ifndef GS_PROFILE_H
#define GS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* A profile's record shape is its family's (kind.h): "N @ ..." counts, heap's four values,
 * contention's cycles and count with attribute lines before the records. */
static inline int prof_is_count_kind(enum gs_kind k)
{
	return gs_kind(k)->family == GS_FAM_COUNT && gs_kind(k)->header != NULL;
}

static inline int prof_is_heap_kind(enum gs_kind k)
{
	return gs_kind(k)->family == GS_FAM_HEAP;
}

/* The machine's states (grammar_machines.h). */
enum { PROF_BETWEEN, PROF_ATTRS, PROF_RECORD, PROF_SKIP, PROF_TRAILER };

struct prof {
	enum gs_kind kind;        /* of the open profile */
	int open;                 /* a profile is open */
	int state;
	int rec;                  /* a record is open */
	int64_t v[4];             /* the numbers of the last record header read, by kind:
	                             count {N}, heap {IO, IB, AO, AB}, contention {CYCLES, N} */
};

void gs_prof_init(struct prof *p);
/* The record header line s[b..n) of a profile of `kind` (grammar_machines.h reads it):
 *   count_rec  COUNT " @"                      heap_rec  IO ": " IB " [" AO ": " AB "] @"
 *   cont_rec   CYCLES " " COUNT " @"            then pcs = { BLANKS "0x" HEX }
 * (scan_shape: blanks allowed around every token). NULL with its numbers in v, or why it
 * cannot be read, with *at at the offending byte: the record is skipped. */
const char *gs_prof_record_read(enum gs_kind kind, const char *s, size_t n, size_t b,
                                int64_t v[4], size_t *at);

/* A frame line's parts as offsets, nothing interned. */
enum { PROF_FRAME_OK = 0, PROF_FRAME_EMPTY, PROF_FRAME_BAD };
struct prof_frame {
	size_t func, func_len;   /* the PC text when pc_only */
	size_t file, file_len;   /* file_len 0: no FILE:LINE could be read */
	uint32_t line;
	int has_pc, pc_only;
	int line_big;            /* LINE did not fit in 32 bits: line is 0 */
};
int gs_prof_frame_split(const char *s, size_t n, struct prof_frame *f);

#endif
