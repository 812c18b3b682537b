/* screen.h - the whole terminal, for `watch`: the alternate screen, keys read one at a
 * time without echo (from /dev/tty), the size and its changes (SIGWINCH), a frame drawn
 * to fit, and stderr held while the screen is up.
 *
 * A message written to stderr over a redrawn table would scroll it away, so while the
 * screen is up stderr goes to memory (a memfd: no file on any disk): the caller shows its
 * last line in the status line (screen_last_message), and screen_leave writes the last
 * lines out to the real stderr, where they stay readable after the screen is gone. The
 * terminal belongs to
 * the process, so its state here is file-scope (one screen per process); screen_leave
 * also runs at exit, so no path leaves the terminal raw or on the alternate screen.
 */
#ifndef GS_SCREEN_H
#define GS_SCREEN_H

#include <stddef.h>

#include "buf.h"

#define SCREEN_RESIZED (-2) /* screen_key: the terminal changed its size */

/* Takes the terminal (stdout must be one): 0, or -1 when it cannot. */
int screen_enter(void);
/* Gives it back as it was; does nothing when the screen is not up. */
void screen_leave(void);
/* Rows and columns of the terminal (24x80 when it does not say). */
void screen_size(int *rows, int *cols);
/* Waits at most timeout_ms for a key: the key's byte, SCREEN_RESIZED, or 0 (the time
 * passed, or a signal came: the caller looks at its flags). */
int screen_key(int timeout_ms);
/* Redraws: the lines of body (text with ANSI colours, '\n' between lines), each cut to
 * the width, as many as fit above the last two rows; message (raw text, "" none) in red
 * on the row above the last, status in reverse video on the last. */
void screen_draw(const char *body, size_t len, const char *message, const char *status);
/* The last line written to stderr while the screen was up ("" none), raw, without the
 * program's name in front. */
void screen_last_message(struct gs_buf *out);
/* What was written so far is no longer news: screen_last_message says "" until the next. */
void screen_forget_messages(void);

/* Appends line (ANSI colours allowed) cut to cols display columns; the width it took. */
size_t screen_fit(struct gs_buf *out, const char *line, size_t len, size_t cols);

#endif
