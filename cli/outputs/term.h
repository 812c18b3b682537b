/* term.h - terminal decisions (colour on or off) and making dump text safe to print.
 *
 * Nothing that came from a dump reaches a terminal or a text output unescaped: control
 * bytes (< 0x20, DEL) and the UTF-8 C1 controls U+0080..U+009F come out as \xNN.
 */
#ifndef GS_TERM_H
#define GS_TERM_H

#include <stddef.h>

#include "buf.h"

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

/* "auto", "always", "never"; 0 or -1 for any other word */
int term_parse_color(const char *s, enum color_mode *out);
/* always; never; auto = fd is a tty, NO_COLOR unset (any value disables), TERM != dumb */
int term_want_color(enum color_mode mode, int fd);
int term_isatty(int fd);
/* The columns a table printed to fd may take: the terminal's (TIOCGWINSZ), else COLUMNS
 * when set (a pipe or file asked for a width), else 80 on a terminal, 0 (no limit)
 * elsewhere. */
size_t term_columns(int fd);

void term_escape(struct gs_buf *out, const char *s, size_t len);
/* The same, with '\t' kept: a dump's own lines as read (file lines start with a tab). */
void term_escape_tabs(struct gs_buf *out, const char *s, size_t len);
/* Display width of already escaped text: UTF-8 code points. */
size_t term_width(const char *s, size_t len);
/* Appends escaped text cut to max display columns with a trailing "…" (max 0: no cut).
 * Returns the display width appended. */
size_t term_cell(struct gs_buf *out, const char *s, size_t len, size_t max);
/* Cuts the text from out->data + start the same way; returns its display width. */
size_t term_cut(struct gs_buf *out, size_t start, size_t max);

#define TERM_BOLD   "\033[1m"
#define TERM_DIM    "\033[2m"
#define TERM_RED    "\033[31m"
#define TERM_GREEN  "\033[32m"
#define TERM_YELLOW "\033[33m"
#define TERM_CYAN   "\033[36m"
#define TERM_RESET  "\033[0m"

/* The colour of a goroutine state: running green, waiting on I/O, select or channels dim,
 * locks yellow, syscalls cyan, anything else none (""). */
const char *term_state_color(const char *state);

#endif
