/* lines.h - the normalising line reader: bytes in any chunking, lines out.
 *
 * gs_lines_feed() accepts any split of the input; a partial last line is carried to the
 * next feed. Each complete line is handed to the callback without its "\n", with:
 *  - a trailing "\r" removed (CRLF);
 *  - a UTF-8 BOM removed from the first line;
 *  - markdown fence lines (``` or ~~~, with or without an info string) dropped;
 *  - once a dump header is seen (gs_header_kind in grammar.h: "goroutine N [...]:",
 *    "goroutine profile:", "heap profile:", "--- mutex:", ...) after some
 *    leading text, that text is the prefix: an indentation (all blanks) is stripped from
 *    every following line that starts with it (blanks only up to its width); a log prefix
 *    (`2024-05-01T10:00:00Z stderr F `, `I0501 10:00:00.000 123 x.go:1] `) is stripped from
 *    every following line whose start has the same shape (digits may differ);
 *  - ANSI colour sequences (ESC [ ... letter) removed;
 *  - a line longer than max_line is cut to max_line bytes and flagged GS_LINE_CUT.
 * Lines are numbered from 1 in input order; dropped lines still count.
 * The callback's text is valid only during the call. A non-zero return from the callback
 * stops the reader: feed and finish return it.
 * The common case (no CR, no prefix, no colour) hands out pointers into the fed chunk
 * without copying.
 */
#ifndef GS_LINES_H
#define GS_LINES_H

#include <stddef.h>
#include <stdint.h>

#define GS_LINE_CUT 0x1u /* longer than max_line: the rest was dropped */

struct gs_line {
	const char *text;
	size_t len;
	uint64_t no;
	unsigned flags;
};

typedef int (*gs_lines_fn)(void *ctx, const struct gs_line *l);

struct gs_lines;

struct gs_lines *gs_lines_new(size_t max_line, gs_lines_fn fn, void *ctx);
int gs_lines_feed(struct gs_lines *r, const char *data, size_t len);
int gs_lines_finish(struct gs_lines *r);      /* hands out a last line without "\n" */
void gs_lines_free(struct gs_lines *r);
/* After a stop, the bytes of the feed that stopped the reader that come after the line it
 * stopped on (0 when it stopped in finish or on a line cut at the chunk's end): what was
 * fed less this is what was read, whatever the chunking. */
size_t gs_lines_unread(const struct gs_lines *r);
/* What the reader detected, for `check`: "" when nothing, else e.g. "indent 4",
 * "log prefix 'YYYY-MM-DDTHH:MM:SSZ stderr F '", "CRLF", "BOM", "fences", "ANSI" joined by ", ". */
const char *gs_lines_detected(const struct gs_lines *r);
/* When a line with a dump header but a different prefix arrives, the prefix is re-learned. */

/* For a second reader of the same input (gs_reader_between, gs_reader_take in grammar.h).
 * gs_lines_at_line_start: no partial line held, no prefix in force, not stopped: a reader
 * started here fresh reads the lines to come the same way. gs_lines_take: r goes on as rest,
 * which read the input after r's `off` lines from such a start: it takes rest's state (a
 * prefix, a partial line), numbers lines on from off, and names what either detected
 * (the prefix: rest's if it learned one); fn and ctx stay r's. rest is left with r's old
 * state, only to be freed. */
int gs_lines_at_line_start(const struct gs_lines *r);
void gs_lines_take(struct gs_lines *r, struct gs_lines *rest, uint64_t off);

#endif
