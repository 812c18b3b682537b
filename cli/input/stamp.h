/* stamp.h - when a point of a series was taken.
 *
 * First choice: the fetch timestamp in the file name, the pattern `gostacks fetch` writes
 * (HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt, UTC): a field of the base name, between dots or
 * at its end, of the form YYYYMMDDTHHMMSSZ. It survives copies and checkouts. Else the
 * modification time of a regular file (set when the dump was saved, lost by a checkout or
 * a careless copy: the command says which one it used). Else none (stdin, URLs).
 */
#ifndef GS_STAMP_H
#define GS_STAMP_H

#include <stdint.h>

enum stamp_source { STAMP_NONE = 0, STAMP_NAME, STAMP_MTIME };

/* The time in the name, in seconds since the epoch: 0, or -1 when there is none. */
int stamp_from_name(const char *name, int64_t *t);
/* The name's time, else the file's mtime; STAMP_NONE leaves *t 0. */
enum stamp_source stamp_of(const char *name, int64_t *t);
/* "filename", "mtime", "none" */
const char *stamp_source_name(enum stamp_source s);
/* "2024-05-01T10:00:00Z" into out (at least 21 bytes). */
void stamp_format(int64_t t, char *out, unsigned long outlen);

#endif
