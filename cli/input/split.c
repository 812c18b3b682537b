/* split.c - see split.h. */
#include "input/split.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/caps.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"

/* Smaller files are read on one thread unless GOSTACKS_THREADS asks for more. A second
 * thread costs a model per piece: its pages (a 10 MiB dump: 767 page faults on two threads,
 * 428 on one) and caches learned again (8% more instructions), against a gain of about
 * 0.28 ms per MiB (quiet 2-CPU VM: 1 GiB in 0.389 s on two threads, 0.675 s on one); on
 * that machine a 10 MB dump took 27 ms on two threads and 26 ms on one. */
#define SPLIT_MIN ((off_t)64 << 20)
#define SPLIT_MIN_ASKED ((off_t)8 << 20) /* GOSTACKS_THREADS=N, N > 1: from here */
/* The smallest piece: an eighth of the file, within these. A thread's first piece learns the
 * dump's stacks (the stack memo, the skel, the frames: about 10 ms for 1,000 stacks on the
 * VM above, where the parse runs at ~2.5 ms a MiB), its later ones go on from it (seed_make)
 * unless their stacks did not repeat. Large pieces leave a thread idle at the end: a third
 * of a 100 MB dump of distinct stacks (nothing to learn) took 1.2 times the 4 MiB pieces'
 * time, an eighth 1.04, where a dump of 1,000 stacks took 0.72 and 0.80 (before pieces went
 * on from each other). */
#define SPLIT_PIECE_LEAST ((off_t)4 << 20)
#define SPLIT_PIECE_MOST ((off_t)32 << 20)
#define SPLIT_LOOK (64 * 1024)         /* bytes searched for a header, per try ... */
#define SPLIT_TRIES 16                 /* ... from where a cut is wanted on */

int split_read_piece(const struct split_plan *pl, int i, int fd, stream_fn feed, void *ctx,
                     char *chunk, int *err)
{
	off_t from = pl->at[i], to = i + 1 < pl->k ? pl->at[i + 1] : -1;
	size_t want;
	ssize_t n;

	*err = 0;
	for (;;) {
		want = to >= 0 && (off_t)STREAM_CHUNK > to - from ? (size_t)(to - from) : STREAM_CHUNK;
		if (want == 0)
			return 0;
		n = pread(fd, chunk, want, from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			*err = errno;
		if (n < 0)
			return -1;
		if (n == 0)
			return to >= 0; /* the file ended before the piece did */
		from += n;
		if (feed(ctx, chunk, (size_t)n) != 0)
			return -1;
	}
}

/* ---- the plan ---- */

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

/* A quarter of what is left per piece, at least an eighth of the file within
 * SPLIT_PIECE_LEAST .. SPLIT_PIECE_MOST: k pieces, or 1. */
static int plan_cuts(int fd, struct split_plan *pl)
{
	char *win = xmalloc(SPLIT_LOOK);
	off_t step, cut, least = pl->size / 8;

	if (least < SPLIT_PIECE_LEAST)
		least = SPLIT_PIECE_LEAST;
	if (least > SPLIT_PIECE_MOST)
		least = SPLIT_PIECE_MOST;
	pl->at[0] = 0;
	pl->k = 1;
	while (pl->k < SPLIT_PIECES) {
		off_t at = pl->at[pl->k - 1];

		step = (pl->size - at) / 4 > least ? (pl->size - at) / 4 : least;
		if (pl->size - at - step < least)
			break;
		cut = find_cut(fd, at + step, pl->size, win);
		if (cut == 0)
			break;
		pl->at[pl->k++] = cut;
	}
	free(win);
	return pl->k;
}

double split_share(const struct split_plan *pl, int i)
{
	off_t end = i + 1 < pl->k ? pl->at[i + 1] : pl->size;

	return (double)(end - pl->at[i]) / (double)(pl->size - pl->at[1]);
}

int split_threads(int *asked)
{
	const char *v = getenv("GOSTACKS_THREADS");
	char *end;
	long n, cpus;

	*asked = 0;
	if (v != NULL && *v != '\0') {
		n = strtol(v, &end, 10);
		if (*end == '\0' && n >= 1) {
			*asked = 1;
			return n > SPLIT_THREADS ? SPLIT_THREADS : (int)n;
		}
	}
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		cpus = 1;
	return cpus > SPLIT_THREADS ? SPLIT_THREADS : (int)cpus;
}

int split_plan(const struct source_opts *o, const char *name, int *fd, struct split_plan *pl)
{
	struct stat st;
	uint64_t max = caps_file_max(&o->net);
	int asked, threads = split_threads(&asked);

	if (threads < 2 || strcmp(name, "-") == 0 || fetch_is_url(name) ||
	    stat(name, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < (asked ? SPLIT_MIN_ASKED : SPLIT_MIN) ||
	    (max && (uint64_t)st.st_size > max))
		return 0;
	pl->threads = threads;
	*fd = open(name, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return 0; /* the reader will say why */
	pl->size = st.st_size;
	if (gzipped(*fd) || plan_cuts(*fd, pl) < 2) {
		close(*fd);
		return 0;
	}
	return 1;
}

/* A second descriptor of the same file (same device and inode), -1 when it cannot be had:
 * two threads pread()ing one open file at two places ran at half speed each (the kernel's
 * per-file read state), one each at full speed. */
static int reopen(const char *name, int fd)
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

/* ---- the run ---- */

struct run {
	const struct split_plan *pl;
	const struct split_ops *ops;
	atomic_int next;                 /* the next piece nobody took */
	atomic_int done[SPLIT_PIECES];
};

/* a helper thread: who (1 ..) and the descriptor of its own */
struct helper {
	struct run *r;
	int who, fd;
	pthread_t th;
};

static void run_piece(struct run *r, int i, int who, int fd, char *chunk)
{
	r->ops->read(r->ops->ctx, i, who, fd, chunk);
	atomic_store_explicit(&r->done[i], 1, memory_order_release);
}

static void *helper_thread(void *arg)
{
	struct helper *h = arg;
	struct run *r = h->r;
	char *chunk = xmalloc(STREAM_CHUNK);
	int i;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->pl->k)
		run_piece(r, i, h->who, h->fd, chunk);
	free(chunk);
	return NULL;
}

/* Joins the helpers still running; 0 after. */
static int join_helpers(struct helper *h, int n)
{
	int t;

	for (t = 0; t < n; t++) {
		pthread_join(h[t].th, NULL);
		close(h[t].fd);
	}
	return 0;
}

void split_run(const char *name, int fd, const struct split_plan *pl, const struct split_ops *ops)
{
	struct run r;
	struct helper h[SPLIT_THREADS];
	char *chunk = xmalloc(STREAM_CHUNK);
	int i, j, rc, threaded = 0, stop = 0, refused = 0, unread;

	memset(&r, 0, sizeof r);
	r.pl = pl;
	r.ops = ops;
	atomic_init(&r.next, 1);
	for (i = 0; i < SPLIT_PIECES; i++)
		atomic_init(&r.done[i], 0);
	/* threaded: the helpers started, each with a descriptor of its own */
	while (threaded + 1 < pl->threads) {
		h[threaded].r = &r;
		h[threaded].who = threaded + 1;
		h[threaded].fd = reopen(name, fd);
		if (h[threaded].fd < 0)
			break;
		if (pthread_create(&h[threaded].th, NULL, helper_thread, &h[threaded]) != 0) {
			close(h[threaded].fd);
			break;
		}
		threaded++;
	}
	/* take what is done, in order; read a piece nobody took yet. Pieces from `unread` on
	 * are never handed out: the main reader reads them (all of them without a thread). */
	unread = threaded ? pl->k : 1;
	for (i = 0; !stop && i < pl->k;) {
		int read = i > 0 && i < unread;

		if (!read || atomic_load_explicit(&r.done[i], memory_order_acquire)) {
			rc = ops->take(ops->ctx, i, read, fd, chunk);
			if (read)
				refused = rc == 1 ? refused + 1 : 0;
			stop = rc < 0;
			/* two refused in a row: the input is not what pieces suit (profiles, one
			 * dump after another, a log prefix); the main reader goes on alone, rather
			 * than the threads reading pieces it reads again */
			if ((stop || refused == 2) && unread == pl->k) {
				j = atomic_exchange(&r.next, pl->k);
				unread = j < i + 1 ? i + 1 : j < pl->k ? j : pl->k;
			}
			i++;
		} else if ((j = atomic_fetch_add(&r.next, 1)) < pl->k) {
			run_piece(&r, j, 0, fd, chunk);
		} else if (threaded) {
			/* the rest is the helpers': wait for them */
			threaded = join_helpers(h, threaded);
		} else {
			stop = 1; /* not reached: every piece handed out is done once joined */
		}
	}
	join_helpers(h, threaded);
	close(fd);
	free(chunk);
}

/* ---- summary's pieces: a parser and model each, adopted by the main parser ---- */

struct sum_piece {
	struct gs_parser *p;
	struct gs_model *m;
	int bad;             /* a read error, a short read or a stop: read it again */
	int after;           /* the piece whose reader it went on from (gs_parser_new_after),
	                        -1 none: adopted only if that one was */
	int adopted;
};

/* What a thread's reader learned, for its next piece: a parser gone on from its last
 * piece's, made when that piece was read (its caches go before the main reader takes it);
 * the main thread's first piece goes on from the main parser, which then only adopts.
 * Only from a reader whose bodies went at once (the dump repeats its stacks) and whose
 * strings, frames and stacks are small: else a piece learns afresh. */
#define SEED_HITS 256
#define SEED_MAX_MEM ((size_t)8 << 20)
struct sum_seed {
	struct gs_parser *p;
	struct gs_model *m;
	int from;                    /* the piece it went on from, -1: the main parser */
};

struct sum {
	const char *name;
	const struct split_plan *pl;
	struct gs_parser *p;         /* the main parser, of the caller's model m */
	struct gs_model *m;
	size_t max_bytes;            /* the caller's model's caps */
	size_t max_goroutines;
	int note_skipped;
	int fold_repeats;
	int err;                     /* errno of a read of the main parser */
	struct sum_piece pc[SPLIT_PIECES];
	struct sum_seed seed[SPLIT_THREADS]; /* per thread (who) */
	int main_gone_on;            /* the main parser's caches went to a piece's reader */
};

static int feed_parser(void *ctx, const void *data, size_t len)
{
	return gs_parser_feed(ctx, data, len);
}

/* The pieces' models share half the budget by size: the run stays within 1.5 times it,
 * and a piece that would pass its share is read by the main parser instead. */
static size_t piece_budget(const struct sum *s, int i)
{
	size_t b = (size_t)((double)s->max_bytes / 2 * split_share(s->pl, i));

	return s->max_bytes == 0 ? 0 : b ? b : 1;
}

static void seed_drop(struct sum_seed *sd)
{
	gs_parser_free(sd->p);
	gs_model_free(sd->m);
	sd->p = NULL;
	sd->m = NULL;
}

/* Thread who's seed, gone on from parser p of model m (piece i's; -1: the main parser). */
static void seed_make(struct sum *s, int who, struct gs_parser *p, struct gs_model *m, int i)
{
	struct sum_seed *sd = &s->seed[who];

	if (gs_parser_memo_hits(p) < SEED_HITS || gs_model_tables_mem(m) > SEED_MAX_MEM ||
	    (sd->m = gs_model_new()) == NULL)
		return;
	sd->p = gs_parser_new_after(sd->m, s->name, p);
	sd->from = i;
	if (sd->p == NULL)
		seed_drop(sd);
}

static void sum_read(void *ctx, int i, int who, int fd, char *chunk)
{
	struct sum *s = ctx;
	struct sum_piece *pc = &s->pc[i];
	struct sum_seed *sd = &s->seed[who];
	size_t budget = piece_budget(s, i);
	int err;

	pc->after = -1;
	if (who == 0 && sd->p == NULL && !s->main_gone_on) {
		s->main_gone_on = 1;
		seed_make(s, 0, s->p, s->m, -1);
	}
	if (sd->p && (budget == 0 || gs_model_tables_mem(sd->m) <= budget / 2)) {
		pc->m = sd->m;
		pc->p = sd->p;
		pc->after = sd->from;
		sd->m = NULL;
		sd->p = NULL;
	} else {
		seed_drop(sd);
		pc->m = gs_model_new();
		pc->p = pc->m ? gs_parser_new(pc->m, s->name) : NULL;
	}
	if (pc->p == NULL) {
		pc->bad = 1;
		return;
	}
	pc->m->max_bytes = budget;
	pc->m->max_goroutines = s->max_goroutines;
	pc->m->note_skipped = s->note_skipped;
	pc->m->fold_repeats = s->fold_repeats;
	pc->bad = split_read_piece(s->pl, i, fd, feed_parser, pc->p, chunk, &err);
	if (i == s->pl->k - 1)
		gs_parser_finish(pc->p); /* the last piece ends the input */
	else if (!pc->bad)
		seed_make(s, who, pc->p, pc->m, i);
	gs_parser_idle(pc->p);       /* it waits for the main reader: its caches go */
}

static void sum_drop(struct sum_piece *pc)
{
	gs_parser_free(pc->p);
	gs_model_free(pc->m);
	pc->p = NULL;
	pc->m = NULL;
}

static int sum_take(void *ctx, int i, int read, int fd, char *chunk)
{
	struct sum *s = ctx;
	struct sum_piece *pc = &s->pc[i];
	int rc = pc->bad || !read || (pc->after >= 0 && !s->pc[pc->after].adopted) ?
	         0 : gs_parser_adopt(s->p, pc->p);

	pc->adopted = rc == 1;
	sum_drop(pc);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return split_read_piece(s->pl, i, fd, feed_parser, s->p, chunk, &s->err) != 0 ? -1 : 1;
}

int split_read(struct source_opts *o, struct gs_model *m, const char *name,
               struct gs_parser **out)
{
	struct split_plan pl;
	struct split_ops ops;
	struct sum *s;
	int fd, i, err;

	*out = NULL;
	if (!split_plan(o, name, &fd, &pl))
		return 0;
	s = xcalloc(1, sizeof(*s));
	caps_model(&o->caps, m);
	s->name = name;
	s->pl = &pl;
	s->max_bytes = m->max_bytes;
	s->max_goroutines = m->max_goroutines;
	s->note_skipped = m->note_skipped;
	s->fold_repeats = m->fold_repeats;
	s->m = m;
	s->p = gs_parser_new(m, name);
	if (s->p == NULL)
		die_oom();
	ops.ctx = s;
	ops.read = sum_read;
	ops.take = sum_take;
	split_run(name, fd, &pl, &ops);
	for (i = 1; i < pl.k; i++)
		sum_drop(&s->pc[i]);
	for (i = 0; i < SPLIT_THREADS; i++)
		seed_drop(&s->seed[i]);
	err = s->err;
	if (err)
		errorf_at(name, "%s", strerror(err));
	*out = s->p;
	free(s);
	return err ? -1 : 1;
}
