/* fetch_save.h - a reply saved atomically, for `fetch` and `watch -o`.
 *
 * The body is written to DIR/.NAME.XXXXXX as it streams in (the same directory, so the
 * rename cannot cross devices) and renamed to DIR/NAME when the transfer was complete and
 * looked like a profile; a failed, cut or interrupted transfer leaves nothing. An existing
 * file is never replaced without force: the caller checks before the transfer
 * (fetch_save_exists) and the rename checks again, unable to clobber (renameat2
 * RENAME_NOREPLACE, or link + unlink where that is not supported).
 */
#ifndef GS_FETCH_SAVE_H
#define GS_FETCH_SAVE_H

#include <sys/types.h>

#include "net/fetch.h"

struct fetch_save {
	char *path;     /* DIR/NAME */
	char *tmp;      /* DIR/.NAME.XXXXXX once the first byte came */
	int fd;
};

/* DIR/NAME made by fetch_file_name (fetch_target.h) for url and time t. */
void fetch_save_init(struct fetch_save *s, const char *dir, const char *url, time_t t);
/* Distinct URLs have distinct names, but http and https on one port, or two logins, may
 * not: when one of the n earlier saves of the round has s's path, s becomes NAME-2.txt
 * (NAME-3.txt, ...), never the earlier one's file. */
void fetch_save_unique(struct fetch_save *s, const struct fetch_save *earlier, size_t n);
void fetch_save_free(struct fetch_save *s);
/* Whether s->path exists already (lstat: a dangling link counts). */
int fetch_save_exists(const struct fetch_save *s);
/* The job's on_body (fetch.h), j->ud being the struct fetch_save. */
int fetch_save_body(struct fetch_job *j, const char *data, size_t len);
/* After the transfer: a good reply into place with mode (0 returned), else the temporary
 * removed and -1; a reply that could not be placed clears j->ok and fills j->why. */
int fetch_save_finish(struct fetch_save *s, struct fetch_job *j, mode_t mode, int force);

/* The directory to save in, made when missing: 0, or -1 after the message. */
int fetch_save_dir(const char *dir);
/* 0666 less the umask: what a file made by open(2) would get. */
mode_t fetch_save_mode(void);

#endif
