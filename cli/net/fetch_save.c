/* fetch_save.c - see fetch_save.h. */
#include "net/fetch_save.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/fetch_target.h"
#include "outputs/msg.h"

static char *join_path(const char *dir, const char *name)
{
	struct gs_buf b = XBUF_INIT;

	if (strcmp(dir, ".") == 0)
		gs_buf_adds(&b, name);
	else
		gs_buf_addf(&b, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return gs_buf_detach(&b, NULL);
}

void fetch_save_init(struct fetch_save *s, const char *dir, const char *url, time_t t)
{
	struct gs_buf name = XBUF_INIT;

	if (fetch_file_name(url, t, &name) != 0)
		die_oom(); /* the URL was checked when the targets were read */
	s->path = join_path(dir, name.data);
	s->tmp = NULL;
	s->fd = -1;
	gs_buf_release(&name);
}

void fetch_save_unique(struct fetch_save *s, const struct fetch_save *earlier, size_t n)
{
	struct gs_buf alt = XBUF_INIT;
	size_t j, base = strlen(s->path), k = 2;

	if (base > 4 && strcmp(s->path + base - 4, ".txt") == 0)
		base -= 4;
	for (j = 0; j < n; j++) {
		if (strcmp(earlier[j].path, s->path) != 0)
			continue;
		gs_buf_reset(&alt);
		gs_buf_add(&alt, s->path, base);
		gs_buf_addf(&alt, "-%zu.txt", k++);
		free(s->path);
		s->path = gs_buf_detach(&alt, NULL);
		j = (size_t)-1; /* from the first again: the new name may be taken too */
	}
	gs_buf_release(&alt);
}

void fetch_save_free(struct fetch_save *s)
{
	if (s->fd >= 0)
		close(s->fd);
	if (s->tmp)
		unlink(s->tmp);
	free(s->path);
	free(s->tmp);
	memset(s, 0, sizeof *s);
	s->fd = -1;
}

int fetch_save_exists(const struct fetch_save *s)
{
	struct stat sb;

	return lstat(s->path, &sb) == 0;
}

int fetch_save_body(struct fetch_job *j, const char *data, size_t len)
{
	struct fetch_save *s = j->ud;
	struct gs_buf tmp = XBUF_INIT;
	const char *slash;
	ssize_t w;

	if (s->fd < 0) {
		slash = strrchr(s->path, '/');
		slash = slash ? slash + 1 : s->path;
		gs_buf_add(&tmp, s->path, (size_t)(slash - s->path));
		gs_buf_addf(&tmp, ".%s.XXXXXX", slash);
		s->fd = mkstemp(tmp.data);
		if (s->fd < 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", tmp.data, strerror(errno));
			gs_buf_release(&tmp);
			return -1;
		}
		s->tmp = gs_buf_detach(&tmp, NULL);
	}
	while (len > 0) {
		w = write(s->fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", s->tmp, strerror(errno));
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Into place without replacing anything: RENAME_NOREPLACE, or link + unlink on file
 * systems without it. 0, or -1 with errno (EEXIST: somebody else's file is there). */
static int place_noreplace(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
	if (link(tmp, path) != 0)
		return -1;
	unlink(tmp);
	return 0;
}

int fetch_save_finish(struct fetch_save *s, struct fetch_job *j, mode_t mode, int force)
{
	int rc;

	if (j->ok && s->fd < 0)
		j->ok = 0; /* cannot happen: a profile has bytes */
	if (j->ok) {
		rc = fchmod(s->fd, mode) == 0 && fsync(s->fd) == 0 ? 0 : -1;
		if (close(s->fd) != 0)
			rc = -1;
		s->fd = -1;
		if (rc != 0) {
			snprintf(j->why, sizeof j->why, "%s: %s", s->tmp, strerror(errno));
			j->ok = 0;
		} else if (force ? rename(s->tmp, s->path) : place_noreplace(s->tmp, s->path)) {
			if (errno == EEXIST)
				snprintf(j->why, sizeof j->why,
				         "%s appeared during the transfer; kept it (--force replaces)",
				         s->path);
			else
				snprintf(j->why, sizeof j->why, "%s: %s", s->path, strerror(errno));
			j->ok = 0;
		}
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->tmp && !j->ok)
		unlink(s->tmp);
	free(s->tmp);
	s->tmp = NULL;
	return j->ok ? 0 : -1;
}

int fetch_save_dir(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		errorf_at(dir, "not a directory");
		return -1;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		errorf_at(dir, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

mode_t fetch_save_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}
