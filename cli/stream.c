/* stream.c - see stream.h. */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "caps.h"
#include "fetch.h"
#include "fetch_target.h"
#include "msg.h"
#include "source.h"

static int stream_fd(const char *name, int fd, struct stream_to *to)
{
	gzFile gz = gzdopen(fd, "rb");
	char *chunk;
	int n, rc = 0, errnum, over = 0;
	const char *why;
	uint64_t max = caps_file_max(), total = 0;

	if (gz == NULL) {
		close(fd);
		die_oom();
	}
	gzbuffer(gz, SOURCE_CHUNK);
	if (to->begin)
		to->begin(to->ctx, NULL);
	chunk = xmalloc(SOURCE_CHUNK);
	for (;;) {
		n = gzread(gz, chunk, SOURCE_CHUNK);
		if (n > 0 && max && (uint64_t)n > max - total) {
			/* --max-size: what fits is read, then the source stops with an error */
			over = 1;
			n = (int)(max - total);
		}
		total += (uint64_t)(n > 0 ? n : 0);
		if (n <= 0 || to->bytes(to->ctx, chunk, (size_t)n) != 0 || over)
			break;
	}
	if (over) {
		errorf("%s: larger than --max-size (%llu bytes): read up to there", name,
		       (unsigned long long)max);
		rc = -1;
	} else if (n < 0) {
		why = gzerror(gz, &errnum);
		errorf("%s: %s", name, errnum == Z_ERRNO ? strerror(errno) : why);
		rc = -1;
	}
	to->gzip = !gzdirect(gz);
	gzclose(gz);
	free(chunk);
	return rc;
}

static int stream_path(const char *name, struct stream_to *to)
{
	struct stat st;
	int fd;

	if (strcmp(name, "-") == 0) {
		/* gzclose closes its descriptor: keep fd 0 open for anyone after us */
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			errorf("stdin: %s", strerror(errno));
			return -1;
		}
		return stream_fd(name, fd, to);
	}
	fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errorf("%s: %s", name, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errorf("%s: is a directory", name);
		close(fd);
		return -1;
	}
	return stream_fd(name, fd, to);
}

struct url_stream {
	struct stream_to *to;
	const char *url;
	int begun, stopped;
};

/* The 2xx body, after the sniff, in libcurl's pieces. */
static int url_body(struct fetch_job *j, const char *data, size_t len)
{
	struct url_stream *u = j->ud;

	if (!u->begun && u->to->begin)
		u->to->begin(u->to->ctx, u->url);
	u->begun = 1;
	if (u->to->bytes(u->to->ctx, data, len) != 0) {
		u->stopped = 1;
		snprintf(j->why, sizeof j->why, "stopped");
		return -1;
	}
	return 0;
}

static int stream_url(const char *name, struct stream_to *to)
{
	struct fetch_opts *o = source_fetch_opts();
	struct url_stream u;
	struct fetch_job job;
	struct buf url = BUF_INIT;
	char why[256];
	int rc = 0;

	if (fetch_target_url(name, o->profile, &url, why, sizeof why) != 0) {
		errorf("%s", why);
		buf_release(&url);
		return -1;
	}
	memset(&u, 0, sizeof u);
	u.to = to;
	u.url = url.data;
	memset(&job, 0, sizeof job);
	job.url = url.data;
	job.label = name;
	job.on_body = url_body;
	job.ud = &u;
	fetch_run(o, &job, 1, NULL, NULL);
	if (!job.ok && !u.stopped) {
		if (strcmp(name, url.data) == 0)
			errorf("%s: %s", name, job.why);
		else
			errorf("%s (%s): %s", name, url.data, job.why);
		rc = -1;
	}
	buf_release(&url);
	return rc;
}

int stream_source(const char *name, struct stream_to *to)
{
	struct stat st;

	to->gzip = 0;
	if (source_is_url(name))
		return stream_url(name, to);
	if (strcmp(name, "-") != 0 && source_is_hostport(name) && stat(name, &st) != 0)
		return stream_url(name, to);
	return stream_path(name, to);
}
