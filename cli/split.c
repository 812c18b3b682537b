/* split.c - see split.h. */
#include "split.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "msg.h"
#include "source.h"

#define SPLIT_MIN ((off_t)8 << 20)  /* smaller files: a second thread does not pay */
#define SPLIT_LOOK (64 * 1024)       /* bytes searched for a header, per try ... */
#define SPLIT_TRIES 16               /* ... from where a cut is wanted on */

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

/* The offset of a line beginning with "goroutine " after a blank line, searched from `at`
 * on (SPLIT_TRIES windows), and before `before`; 0 when there is none. */
static off_t find_cut(int fd, off_t at, off_t before, char *win)
{
	const char *hit;
	ssize_t n;
	int i;

	for (i = 0; i < SPLIT_TRIES; i++, at += SPLIT_LOOK - 16) {
		n = pread(fd, win, SPLIT_LOOK, at);
		if (n <= 0)
			break;
		hit = memmem(win, (size_t)n, "\n\ngoroutine ", 12);
		if (hit)
			return at + (hit - win) + 2 < before ? at + (hit - win) + 2 : 0;
	}
	return 0;
}

/* Whether the file starts like gzip: such a file is never cut. */
static int gzipped(int fd)
{
	unsigned char magic[2];

	return pread(fd, magic, 2, 0) != 2 || (magic[0] == 0x1f && magic[1] == 0x8b);
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
	{
		char *win = xmalloc(SPLIT_LOOK);

		*cut = gzipped(*fd) ? 0 : find_cut(*fd, st.st_size / 2, st.st_size, win);
		free(win);
	}
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

/* ---- summary's reader: the file in pieces, taken by two threads as they come free ----
 *
 * Piece 0 is read by this thread into the model; every other piece by whichever thread is
 * free into a model of its own, a quarter of what is left each (at least SPLIT_PIECE), so
 * the last pieces are small and a slower CPU holds the other back by little. This thread
 * adopts the pieces in order as they are done (gs_parser_adopt chains them), or reads a
 * refused piece itself, so the models of adopted pieces are freed early. */

#define SPLIT_PIECE ((off_t)4 << 20)
#define SPLIT_PIECES 32

struct piece {
	off_t from, to;           /* to -1: to the end (the last piece) */
	size_t budget;            /* its model's byte cap (0: none) */
	struct gs_parser *p;      /* NULL for piece 0, or when it could not be made */
	struct gs_model *m;
	int bad;                  /* a read error, a short read or a stop: read it again */
	atomic_int done;
};

struct pieces {
	const char *name;
	struct piece pc[SPLIT_PIECES];
	int k;
	atomic_int next;          /* the next piece nobody took */
	int fd2;                  /* the second thread's descriptor */
	size_t max_goroutines;
};

/* Cuts before goroutine headers: k pieces of [0, size), or 1 when there is no cut. */
static int plan_pieces(struct pieces *ps, int fd, off_t size, size_t max_bytes)
{
	char *win = xmalloc(SPLIT_LOOK);
	off_t at = 0, step, cut;
	int i;

	ps->k = 0;
	if (!gzipped(fd)) {
		while (ps->k < SPLIT_PIECES - 1) {
			step = (size - at) / 4 > SPLIT_PIECE ? (size - at) / 4 : SPLIT_PIECE;
			if (size - at - step < SPLIT_PIECE)
				break;
			cut = find_cut(fd, at + step, size, win);
			if (cut == 0)
				break;
			ps->pc[ps->k].from = at;
			ps->pc[ps->k++].to = cut;
			at = cut;
		}
	}
	free(win);
	if (ps->k == 0)
		return 1;
	ps->pc[ps->k].from = at;
	ps->pc[ps->k++].to = -1;
	/* the pieces' models share half the budget by size: the run stays within 1.5 times
	 * it, and a piece that would pass its share is read by this thread instead */
	for (i = 1; i < ps->k; i++) {
		off_t len = (ps->pc[i].to < 0 ? size : ps->pc[i].to) - ps->pc[i].from;

		ps->pc[i].budget = max_bytes == 0 ? 0
		                   : (size_t)((double)max_bytes / 2 * (double)len /
		                              (double)(size - ps->pc[1].from));
		if (max_bytes && ps->pc[i].budget == 0)
			ps->pc[i].budget = 1;
	}
	return ps->k;
}

/* Reads piece i into a parser and model of its own (any thread). */
static void read_piece(struct pieces *ps, int i, int fd, char *chunk)
{
	struct piece *pc = &ps->pc[i];
	struct split_part part;

	pc->m = gs_model_new();
	pc->p = pc->m ? gs_parser_new(pc->m, ps->name) : NULL;
	if (pc->p == NULL) {
		pc->bad = 1;
	} else {
		pc->m->max_bytes = pc->budget;
		pc->m->max_goroutines = ps->max_goroutines;
		gs_parser_set_part(pc->p);
		memset(&part, 0, sizeof part);
		part.fd = fd;
		part.from = pc->from;
		part.to = pc->to;
		part.feed = feed_parser;
		part.ctx = pc->p;
		part.chunk = chunk;
		split_part_read(&part);
		pc->bad = part.err || part.stopped || (pc->to >= 0 && part.from != pc->to);
		if (pc->to < 0)
			gs_parser_finish(pc->p); /* the last piece ends the input */
	}
	atomic_store_explicit(&pc->done, 1, memory_order_release);
}

static void *second_thread(void *arg)
{
	struct pieces *ps = arg;
	char *chunk = malloc(SOURCE_CHUNK);
	int i;

	while ((i = atomic_fetch_add(&ps->next, 1)) < ps->k) {
		if (chunk == NULL) {
			atomic_store_explicit(&ps->pc[i].done, 1, memory_order_release);
			ps->pc[i].bad = 1;
			continue;
		}
		read_piece(ps, i, ps->fd2, chunk);
	}
	free(chunk);
	return NULL;
}

/* Piece i, done, into p: adopted, or read by p itself. 0, or -1 when p stopped or the
 * file could not be read (*err: errno). */
static int take_piece(struct gs_parser *p, struct piece *pc, int fd, char *chunk, int *err)
{
	struct split_part part;
	int rc = pc->bad ? 0 : gs_parser_adopt(p, pc->p);

	gs_parser_free(pc->p);
	gs_model_free(pc->m);
	pc->p = NULL;
	pc->m = NULL;
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	memset(&part, 0, sizeof part);
	part.fd = fd;
	part.from = pc->from;
	part.to = pc->to;
	part.feed = feed_parser;
	part.ctx = p;
	part.chunk = chunk;
	split_part_read(&part);
	*err = part.err;
	return part.err || part.stopped ? -1 : 0;
}

int split_read(struct gs_model *m, const char *name, struct gs_parser **out)
{
	struct pieces *ps;
	struct gs_parser *p;
	struct split_part first;
	char *chunk;
	pthread_t th;
	off_t size, cut;
	int fd, i, threaded, err = 0, stop = 0;

	*out = NULL;
	if (!split_plan(name, &fd, &size, &cut))
		return 0;
	ps = calloc(1, sizeof(*ps));
	if (ps == NULL)
		die_oom();
	caps_model(m);
	/* a descriptor of its own: two threads reading one open file at two places ran at
	 * half speed each (the kernel's per-file read state), one each at full speed */
	ps->fd2 = split_reopen(name, fd);
	if (ps->fd2 < 0 || plan_pieces(ps, fd, size, m->max_bytes) < 2) {
		if (ps->fd2 >= 0)
			close(ps->fd2);
		close(fd);
		free(ps);
		return 0;
	}
	ps->name = name;
	ps->max_goroutines = m->max_goroutines;
	atomic_init(&ps->next, 1);
	p = gs_parser_new(m, name);
	chunk = xmalloc(SOURCE_CHUNK);
	if (p == NULL)
		die_oom();
	threaded = pthread_create(&th, NULL, second_thread, ps) == 0;
	memset(&first, 0, sizeof first);
	first.fd = fd;
	first.to = threaded ? ps->pc[0].to : -1; /* no thread: one reader, as without split */
	first.feed = feed_parser;
	first.ctx = p;
	first.chunk = chunk;
	split_part_read(&first);
	err = first.err;
	stop = !threaded || first.err || first.stopped || first.from != ps->pc[0].to;
	if (stop && threaded && !first.err && !first.stopped) {
		/* the file shrank under us: read on alone, as one reader would */
		first.to = -1;
		split_part_read(&first);
		err = first.err;
	}
	if (stop)
		atomic_store(&ps->next, ps->k); /* nothing more for the second thread */
	/* adopt what is done, in order; read a piece nobody took yet */
	for (i = 1; !stop && i < ps->k;) {
		int j;

		if (atomic_load_explicit(&ps->pc[i].done, memory_order_acquire)) {
			if (take_piece(p, &ps->pc[i], fd, chunk, &err) != 0) {
				stop = 1;
				atomic_store(&ps->next, ps->k);
			}
			i++;
			continue;
		}
		j = atomic_fetch_add(&ps->next, 1);
		if (j < ps->k) {
			read_piece(ps, j, fd, chunk);
			continue;
		}
		/* the rest is the second thread's: wait for it */
		pthread_join(th, NULL);
		threaded = 0;
	}
	if (threaded)
		pthread_join(th, NULL);

	for (i = 1; i < ps->k; i++) {
		gs_parser_free(ps->pc[i].p);
		gs_model_free(ps->pc[i].m);
	}
	if (err)
		errorf("%s: %s", name, strerror(err));
	*out = p;
	free(chunk);
	close(fd);
	close(ps->fd2);
	free(ps);
	return err ? -1 : 1;
}
