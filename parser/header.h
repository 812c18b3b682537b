/* header.h - the one recogniser of the lines that begin a dump: every format's first line.
 * The line reader (lines.c) learns prefixes from it, the grammar switches formats on it. */
#ifndef GS_HEADER_H
#define GS_HEADER_H

#include <stddef.h>

#include "kind.h"

/* The one header recogniser: the kind of dump a line heads, GS_KIND_UNKNOWN for any other.
 *   header = goroutine_header                              -> GS_KIND_GOROUTINE
 *          | a kind's header literal (kind.h) ...          -> that kind: "goroutine profile:
 *            total ", "threadcreate profile: total ", "heap profile: " (HEAP, never ALLOCS,
 *            which prints the same), "--- mutex:", "--- contention:"
 *   goroutine_header = "goroutine " DIGITS ( " [" | " gp=" ) ... ":" BLANKS
 * The goroutine header's end is checked too ("created by main.main in goroutine 1",
 * "[originating from goroutine 24]:" and a panic naming a goroutine are none). Whether its
 * middle reads is gs_gor_header_parse's to say: a line that passes here and not there is a
 * skipped goroutine. Asked of every line: the first byte turns most away inline, so a
 * kind whose header starts with another byte adds it here (test_kind checks every
 * literal gets through). */
enum gs_kind gs_header_kind_at(const char *s, size_t n);
static inline enum gs_kind gs_header_kind(const char *s, size_t n)
{
	if (n < 10 || (s[0] != 'g' && s[0] != 't' && s[0] != 'h' && s[0] != '-'))
		return GS_KIND_UNKNOWN;
	return gs_header_kind_at(s, n);
}

#endif
