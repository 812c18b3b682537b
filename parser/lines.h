/* lines.h - the normalising line reader: bytes in any chunking, lines out.
 *
 * gs_lines_feed() accepts any split of the input; a partial last line is carried to the
 * next feed. Each complete line is handed to the callback without its "\n", with:
 *  - a trailing "\r" removed (CRLF);
 *  - a UTF-8 BOM removed from the first line;
 *  - a structured log entry, once one holds a dump header, read as its text's lines: a
 *    JSON object a line whose "log" (Docker's json-file driver), "msg" or "message" member
 *    holds the output (paste.h); its lines carry the entry's number and GS_LINE_ENTRY;
 *  - characters an editor re-typed read as ASCII ("…" as "...", U+00A0 as " ", curly quotes
 *    as straight ones: paste_retype), GS_LINE_RETYPED on the first such line;
 *  - markdown fence lines (``` or ~~~, with or without an info string) dropped;
 *  - once a dump header is seen (gs_header_kind in grammar.h: "goroutine N [...]:",
 *    "goroutine profile:", "heap profile:", "--- mutex:", ...) after some
 *    leading text, that text is the prefix: an indentation (all blanks) is stripped from
 *    every following line that starts with it (blanks only up to its width); a log prefix
 *    (`2024-05-01T10:00:00Z stderr F `, `I0501 10:00:00.000 123 x.go:1] `) is stripped from
 *    every following line whose start has the same shape (digit runs may differ, in length
 *    too); a line that is the prefix alone, its last blank trimmed, is a blank line;
 *  - ANSI colour sequences (ESC [ ... letter) removed;
 *  - a goroutine-dump line that a terminal or chat client wrapped (40 columns or more, or at
 *    a blank) joined with the pieces below it (paste_join): one line, GS_LINE_JOINED, `no`
 *    the first piece's number and `last` the last one's;
 *  - a dump pasted newest line first (a reversed log export: a goroutine's header below its
 *    frames) handed out in Go's order, each goroutine from its header down; its lines keep
 *    their numbers, so these go down inside a goroutine (GS_LINE_MOVED on each: a reader
 *    that counts lines takes the highest); GS_LINE_REVERSED on the first header;
 *  - a line longer than max_line is cut to max_line bytes and flagged GS_LINE_CUT.
 * Lines are numbered from 1 in input order (but for the reversed dump above); dropped lines
 * still count. A line is held only while the next one may continue it or while a reversed
 * dump's goroutine waits for its header (both bounded: GS_LINES_BLOCK_MAX).
 * The callback's text is valid only during the call. A non-zero return from the callback
 * stops the reader: feed and finish return it.
 * The common case (no CR, no prefix, no colour, nothing re-typed) hands out pointers into the
 * fed chunk without copying, but for the chunk's last line when it may go on in the next.
 */
#ifndef GS_LINES_H
#define GS_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"

#define GS_LINE_CUT 0x1u      /* longer than max_line: the rest was dropped */
#define GS_LINE_JOINED 0x2u   /* lines no to last, cut apart by a wrap, read as one */
#define GS_LINE_RETYPED 0x4u  /* the first line with characters re-typed to ASCII */
#define GS_LINE_REVERSED 0x8u /* the first header of a dump read bottom-up */
#define GS_LINE_MOVED 0x10u   /* a reversed dump's line: a line below it went out before it */
#define GS_LINE_ENTRY 0x20u   /* a line of a structured log entry: its lines share a number */

/* A reversed dump's goroutine, or the text before the first header, held at most this long */
#define GS_LINES_BLOCK_MAX ((size_t)4 << 20)

struct gs_line {
	const char *text;
	size_t len;
	uint64_t no;
	uint64_t last;            /* with GS_LINE_JOINED: the last line it was read from */
	unsigned flags;
};

typedef int (*gs_lines_fn)(void *ctx, const struct gs_line *l);

/* A goroutine's body at once. When nothing is in force (no prefix, no colour, ...) and the
 * short way has just handed out a line that ends in ':' and starts with 'g' (a goroutine's
 * header), the reader may offer the callback the lines after it: s is the byte after the
 * header's "\n", lim where the lines taken, each with its "\n", and the line after them must
 * end (no ESC and not the chunk's last line before it), no the header's number. The callback
 * takes lines the short way would hand out untouched (gs_lines_plain, or "created by" with a
 * tab-indented line after it), none longer than max_line: it returns how many, their bytes
 * ("\n"s included) in *used, and the reader numbers them as read and goes on after them.
 * 0: none taken, the lines go one by one. Stopping is not its to do: the line after the
 * lines it took goes out the usual way. */
typedef size_t (*gs_lines_body_fn)(void *ctx, const char *s, const char *lim, size_t max_line,
                                   uint64_t no, size_t *used);

/* The lines a clean dump is made of: a frame's file line ("\t/path/x.go:12 +0x1d"), a
 * function line ("main.f(0x1, ...)") and the "#" lines of a debug=1 profile. Neither can be
 * a header (every header ends in ':' or a digit), a fence or carry a learned prefix, so
 * with no prefix in force the short way hands them out untouched. A tab-indented paste
 * ("\tgoroutine 1 [running]:", "\t\t/path..."), an indented line, a fence ("```go (x)") and a
 * line ending in "\r" take the full path, and so does a function line not followed by a
 * tab-indented one (next: the next line, up to end; next == end: not known): a wrap may have
 * cut it after a receiver ("main.(*T)" ".M(0x1)"). n >= 2. By table: this runs on every line. */
enum { GS_PLAIN_PAREN = 0, GS_PLAIN_HASH, GS_PLAIN_TAB, GS_PLAIN_NOT };
static inline int gs_lines_plain(const char *s, size_t n, const char *next, const char *end)
{
	static const unsigned char first[256] = {
		['#'] = GS_PLAIN_HASH, ['\t'] = GS_PLAIN_TAB, [' '] = GS_PLAIN_NOT,
		['`'] = GS_PLAIN_NOT, ['~'] = GS_PLAIN_NOT,
	};
	unsigned c = first[(unsigned char)s[0]];
	char last = s[n - 1];

	if (c == GS_PLAIN_PAREN) /* a function line, its file line next: "main.(*T)" not cut, */
		return last == ')' && next < end && *next == '\t' &&
		       (signed char)s[n - 2] >= 0; /* and "(...)" not re-typed "(…)" */
	if (c == GS_PLAIN_TAB) /* a file line, not an indented header, paste or fence */
		return last != '\r' && !scan_is_blank(s[1]) && s[1] != 'g' && s[1] != '`' &&
		       s[1] != '~';
	return c == GS_PLAIN_HASH && last != '\r'; /* a debug=1 frame, label or MemStats line */
}

struct gs_lines;

struct gs_lines *gs_lines_new(size_t max_line, gs_lines_fn fn, void *ctx);
int gs_lines_feed(struct gs_lines *r, const char *data, size_t len);
int gs_lines_finish(struct gs_lines *r);      /* hands out a last line without "\n" */
/* Bodies go to fn too (gs_lines_body_fn), with the lines' ctx. */
void gs_lines_set_body(struct gs_lines *r, gs_lines_body_fn fn);
void gs_lines_free(struct gs_lines *r);
/* After a stop, the bytes of the feed that stopped the reader that come after the line it
 * stopped on (0 when it stopped in finish or on a line cut at the chunk's end): what was
 * fed less this is what was read, whatever the chunking. */
size_t gs_lines_unread(const struct gs_lines *r);
/* What the reader detected, for `check`: "" when nothing, else e.g. "indent 4",
 * "log prefix 'YYYY-MM-DDTHH:MM:SSZ stderr F '", "CRLF", "BOM", "fences", "ANSI",
 * "JSON log entries", "re-typed characters", "wrapped lines", "newest line first" joined by
 * ", ". */
const char *gs_lines_detected(const struct gs_lines *r);
/* When a line with a dump header but a different prefix arrives, the prefix is re-learned. */

/* For a second reader of the same input (gs_reader_between, gs_reader_take in grammar.h).
 * gs_lines_at_line_start: no partial line held, no line held back, no prefix in force, no
 * log entries read, the order of the dump known, not stopped: a reader started here fresh
 * reads the lines to come the same way. gs_lines_apart: rest, read from such a start, flagged
 * lines a note of one reader would not have: GS_LINE_RETYPED where r said it too (one reader
 * says it once), or GS_LINE_JOINED (the note names the line it went on in, numbered from
 * rest's start): the two readers' notes cannot be put together as one reader's.
 * gs_lines_take: r goes on as rest, which read the input after r's `off` lines from such a
 * start: it takes rest's state (a prefix, a partial line, a held line), numbers lines on
 * from off, and names what either detected (the prefix: rest's if it learned one); fn and
 * ctx stay r's. rest is left with r's old state, only to be freed. */
int gs_lines_at_line_start(const struct gs_lines *r);
int gs_lines_apart(const struct gs_lines *r, const struct gs_lines *rest);
void gs_lines_take(struct gs_lines *r, struct gs_lines *rest, uint64_t off);

#endif
