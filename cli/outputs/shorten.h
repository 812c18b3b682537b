/* shorten.h - a table cell made to fit a terminal's column without losing what it says.
 *
 * A cell of code is a function, then what follows its first blank: "pkg/path.Func
 * dir/file.go:123 (2 stacks)". The part after the blank (file:line and any remark) is
 * never cut: it is what a reader pastes into show --where or an editor. The function
 * gives up its package path's middle elements first ("github.com/…/internal.Handler"),
 * then its own middle; text without a blank is cut in the middle the same way.
 */
#ifndef GS_SHORTEN_H
#define GS_SHORTEN_H

#include <stddef.h>

#include "buf.h"

/* Shortens the escaped text out->data[start..out->len) to at most max display columns
 * where it can (never below its kept part); returns its display width. */
size_t shorten_cell(struct gs_buf *out, size_t start, size_t max);
/* The narrowest a cell can be made: its kept part, one column of function and "…". */
size_t shorten_floor(const char *s, size_t len);

#endif
