/* split.c - see split.h. */
#include "split.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "msg.h"
#include "source.h"

#define SPLIT_MIN ((off_t)8 << 20)  /* smaller files: a second thread does not pay */
#define SPLIT_LOOK (64 * 1024)       /* bytes searched for a header, per try ... */
#define SPLIT_TRIES 16               /* ... starting at the middle */

void split_part_read(struct split_part *p)
{
	ssize_t n;
	size_t want;

	for (;;) {
		want = SOURCE_CHUNK;
		if (p->to >= 0 && (off_t)want > p->to - p->from)
			want = (size_t)(p->to - p->from);
		if (want == 0)
			break;
		n = pread(p->fd, p->chunk, want, p->from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			p->err = errno;
		if (n <= 0)
			break;
		p->from += n;
		if (p->feed(p->ctx, p->chunk, (size_t)n) != 0) {
			p->stopped = 1;
			break;
		}
	}
}

static int feed_parser(void *ctx, const void *data, size_t len)
{
	return gs_parser_feed(ctx, data, len);
}

static void *read_rest(void *arg)
{
	struct split_part *r = arg;

	split_part_read(r);
	gs_parser_finish(r->ctx);
	return NULL;
}

/* The offset of a line beginning with "goroutine " after a blank line, near the middle of
 * the file; 0 when there is none (or the file is gzip-compressed). */
static off_t find_cut(int fd, off_t size)
{
	char *win = xmalloc(SPLIT_LOOK);
	unsigned char magic[2];
	off_t at = size / 2, cut = 0;
	const char *hit;
	ssize_t n;
	int i;

	if (pread(fd, magic, 2, 0) != 2 || (magic[0] == 0x1f && magic[1] == 0x8b)) {
		free(win);
		return 0;
	}
	for (i = 0; i < SPLIT_TRIES && cut == 0; i++, at += SPLIT_LOOK - 16) {
		n = pread(fd, win, SPLIT_LOOK, at);
		if (n <= 0)
			break;
		hit = memmem(win, (size_t)n, "\n\ngoroutine ", 12);
		if (hit)
			cut = at + (hit - win) + 2;
	}
	free(win);
	return cut;
}

static int threads_off(void)
{
	const char *v = getenv("GOSTACKS_THREADS");

	return v != NULL && strcmp(v, "1") == 0;
}

int split_plan(const char *name, int *fd, off_t *size, off_t *cut)
{
	struct stat st;
	uint64_t max = caps_file_max();

	if (threads_off() || strcmp(name, "-") == 0 || source_is_url(name) ||
	    stat(name, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < SPLIT_MIN ||
	    (max && (uint64_t)st.st_size > max))
		return 0;
	*fd = open(name, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return 0; /* the reader will say why */
	*cut = find_cut(*fd, st.st_size);
	if (*cut == 0) {
		close(*fd);
		return 0;
	}
	*size = st.st_size;
	return 1;
}

int split_reopen(const char *name, int fd)
{
	struct stat a, b;
	int fd2 = open(name, O_RDONLY | O_CLOEXEC);

	if (fd2 >= 0 && (fstat(fd, &a) != 0 || fstat(fd2, &b) != 0 || a.st_dev != b.st_dev ||
	                 a.st_ino != b.st_ino)) {
		close(fd2);
		return -1; /* renamed over between the two opens */
	}
	return fd2;
}

int split_read(struct gs_model *m, const char *name, struct gs_parser **out)
{
	struct split_part first, rest;
	struct gs_parser *p1, *p2;
	struct gs_model *m2;
	pthread_t th;
	off_t size, cut;
	int fd, fd2, rc;

	*out = NULL;
	if (!split_plan(name, &fd, &size, &cut))
		return 0;
	/* a descriptor of its own: two threads reading one open file at two places ran at
	 * half speed each (the kernel's per-file read state), one each at full speed */
	fd2 = split_reopen(name, fd);
	if (fd2 < 0) {
		close(fd);
		return 0;
	}
	caps_model(m);
	m2 = gs_model_new();
	if (m2 == NULL)
		die_oom();
	caps_model(m2);
	/* the two models live side by side: the second gets half the budget, so a run stays
	 * within 1.5 times GOSTACKS_MAX_MEMORY; past it the first thread reads on alone */
	m2->max_bytes = m->max_bytes / 2;
	memset(&first, 0, sizeof first);
	memset(&rest, 0, sizeof rest);
	first.fd = fd;
	rest.fd = fd2;
	first.to = cut;
	rest.from = cut;
	rest.to = -1;
	p1 = gs_parser_new(m, name);
	p2 = gs_parser_new(m2, name);
	if (p1 == NULL || p2 == NULL)
		die_oom();
	first.feed = rest.feed = feed_parser;
	first.ctx = p1;
	rest.ctx = p2;
	first.chunk = xmalloc(SOURCE_CHUNK);
	rest.chunk = xmalloc(SOURCE_CHUNK);
	if (pthread_create(&th, NULL, read_rest, &rest) != 0) {
		/* no thread: one reader, as without split */
		first.to = -1;
		split_part_read(&first);
	} else {
		split_part_read(&first);
		/* while the second thread may still read: room for its goroutines too (by the
		 * bytes it has, plus a tenth), so that the merge does not take the page faults */
		if (first.from == cut && !first.stopped)
			(void)gs_model_reserve_goroutines(m, m->ngoroutines +
			                                         (size_t)((double)m->ngoroutines * 1.1 *
			                                                  (double)(size - cut) /
			                                                  (double)cut));
		pthread_join(th, NULL);
		rc = first.err || first.stopped || rest.err || first.from != cut
		             ? 0 : gs_parser_adopt(p1, p2);
		gs_model_goroutines_settle(m);
		if (rc == 0 && first.err == 0) {
			first.to = -1;
			split_part_read(&first);
		}
	}
	if (first.err)
		errorf("%s: %s", name, strerror(first.err));
	*out = p1;
	gs_parser_free(p2);
	gs_model_free(m2);
	free(first.chunk);
	free(rest.chunk);
	close(fd);
	close(rest.fd);
	return first.err ? -1 : 1;
}
