/* paste.h - what a dump goes through on its way into a ticket or a log, undone line by line:
 * the shapes that tell a line a terminal or chat client wrapped from the piece that goes
 * on below it, characters an editor re-typed, and the text of a structured log entry.
 * Internal to libgostacks: the line reader (lines.c) asks these as it goes; they hold no
 * state and look at nothing but the text they are given.
 */
#ifndef GS_PASTE_H
#define GS_PASTE_H

#include <stddef.h>

#include "buf.h"

/* The lines a wrap is undone for: a goroutine dump's. */
enum paste_shape {
	PASTE_NONE = 0,
	PASTE_HEADER,     /* "goroutine N [...]:" */
	PASTE_FUNC,       /* "main.f(0x1, {0x2, 0x3})" */
	PASTE_FILE,       /* "\t/app/main.go:12 +0x1d", indented or not */
	PASTE_CREATED     /* "created by main.main in goroutine 1" */
};

/* A line's shape: *whole set when s[0..n) is all of such a line, clear when it is only its
 * start (what a wrap leaves on the line it cut); PASTE_NONE when it is neither. */
enum paste_shape paste_shape(const char *s, size_t n, int *whole);

/* Whether s[0..n) reads as a whole line of some input the grammar knows (a dump's, a
 * profile's, a crash report's): such a line is not a wrap's leftover. */
int paste_known(const char *s, size_t n);

/* A wrap narrower than this is not undone: a line that wide is rarely cut. */
#define PASTE_WRAP_MIN 40

/* The columns s[0..n) fills on a terminal from column col (a log prefix stripped from it):
 * a tab to the next multiple of 8, a UTF-8 character one column. A line a wrap cut is as
 * wide as the wrap (or narrower by less than a tab), or ends in a blank (a wrap at a word). */
size_t paste_columns(const char *s, size_t n, size_t col);

/* How line b goes on after line a when a wrap cut them apart, or -1 when it does not: 0
 * when the two are joined as they are, 1 when a blank goes between them (a wrap at a word
 * whose blank a copy dropped: "go:12" "+0x1d", "0x1," "0x2)"). ab is the join's buffer
 * (its content on return: a + [blank] + b; the caller keeps it or not). a's shape and
 * whether it is whole are what paste_shape said of it. -2 when memory ran out. */
int paste_join(const char *a, size_t an, enum paste_shape shape, int whole, const char *b,
               size_t bn, struct gs_buf *ab);

/* Characters a word processor, wiki or chat client put in place of what Go printed, read as
 * ASCII: "…" as "...", U+00A0 and the other fixed-width spaces as " ", curly quotes as
 * straight ones, zero-width spaces dropped. 1 with the line in out when any was there, 0
 * when none (out untouched), -1 when memory ran out. */
int paste_retype(const char *s, size_t n, struct gs_buf *out);

/* A structured log entry: one JSON object a line, the dump's text in a string member.
 *   entry = "{" { member "," } member "}"   with a member "log" (Docker's json-file driver:
 *           one line of output a member, "\n" at its end unless the line went on in the
 *           next entry), or "msg" / "message" (JSON loggers: any text, whole)
 * PASTE_JSON_LOG or PASTE_JSON_MSG with the member's text, unescaped, in out; 0 when the
 * line is no such entry (out's content is then undefined); -1 when memory ran out. */
enum { PASTE_JSON_LOG = 1, PASTE_JSON_MSG = 2 };
int paste_json_text(const char *s, size_t n, struct gs_buf *out);

#endif
