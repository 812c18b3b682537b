/* grammar.h - the grammar of every input format, once. Internal to libgostacks.
 *
 * For now: the one header recogniser, which the line reader (lines.c, to learn a prefix),
 * the parser (parser.c, goroutine.c) and grep's record splitter (records.c) all ask.
 */
#ifndef GS_GRAMMAR_H
#define GS_GRAMMAR_H

#include <stddef.h>

#include "model.h"

/* The one header recogniser: the kind of dump a line heads, GS_KIND_UNKNOWN for any other.
 *   header = goroutine_header                              -> GS_KIND_GOROUTINE
 *          | "goroutine profile: total " ...               -> GS_KIND_GOROUTINE1
 *          | "threadcreate profile: total " ...            -> GS_KIND_THREADCREATE
 *          | "heap profile: " ...                          -> GS_KIND_HEAP (never ALLOCS)
 *          | "--- mutex:" ... | "--- contention:" ...      -> GS_KIND_MUTEX | GS_KIND_BLOCK
 *   goroutine_header = "goroutine " DIGITS ( " [" | " gp=" ) ... ":" BLANKS
 * The goroutine header's end is checked too ("created by main.main in goroutine 1",
 * "[originating from goroutine 24]:" and a panic naming a goroutine are none). Whether its
 * middle reads is gor_header_parse's to say: a line that passes here and not there is a
 * skipped goroutine. Asked of every line: the first byte turns most away inline. */
enum gs_kind gs_header_kind_at(const char *s, size_t n);
static inline enum gs_kind gs_header_kind(const char *s, size_t n)
{
	if (n < 10 || (s[0] != 'g' && s[0] != 't' && s[0] != 'h' && s[0] != '-'))
		return GS_KIND_UNKNOWN;
	return gs_header_kind_at(s, n);
}

#endif
