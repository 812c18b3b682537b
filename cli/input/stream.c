/* stream.c - see stream.h. */
#include "input/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "input/caps.h"
#include "input/split.h"
#include "net/fetch.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"

/* Hands n bytes on within --max-size. 1 when the reading must stop (the consumer said so,
 * or the cap was reached: *over set), 0 to go on. */
struct feed {
	struct stream_to *to;
	uint64_t max, total;
	int over;
};

static int hand_on(struct feed *f, const char *data, size_t n)
{
	if (f->max && n > f->max - f->total) {
		/* --max-size: what fits is read, then the source stops with an error */
		f->over = 1;
		n = (size_t)(f->max - f->total);
	}
	f->total += n;
	if (n && f->to->bytes(f->to->ctx, data, n) != 0)
		return 1;
	return f->over;
}

static ssize_t read_some(int fd, char *b, size_t n)
{
	ssize_t r;

	do
		r = read(fd, b, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* ---- gzip ----
 *
 * The inflated bytes go out through a zout: buf[0..len) of room cap, handed on by flush,
 * which gives the next buffer (1: the consumer said stop); what is in it also goes before
 * each read. Inflating takes about as long as reading what comes out, so with a second CPU
 * a regular file's is done on a thread of its own (zring) and the two overlap;
 * GOSTACKS_THREADS=1, and a pipe (gunzip_source), keep it on this one. Either way an error
 * is said after the bytes decoded before it were read, naming the source. */
#define ZOUT_WHY 256

struct zout {
	char *buf;
	size_t cap, len;
	int (*flush)(struct zout *z);
	void *ctx;
	char why[ZOUT_WHY];      /* gunzip's error, said by gunzip_source */
};

/* gzip members one after another, as gzread reads them: text after the last member that
 * is not another member is ignored. in holds inlen bytes already read (STREAM_CHUNK room).
 * 0, or -1 with zo->why set; a stop of flush ends it with 0. */
static int gunzip(int fd, char *in, size_t inlen, struct zout *zo)
{
	z_stream z;
	ssize_t n;
	int zr, rc = 0, ended = 0;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK) {
		snprintf(zo->why, sizeof zo->why, "out of memory");
		return -1;
	}
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)inlen;
	for (;;) {
		if (z.avail_in < 2 && (z.avail_in == 0 || ended)) {
			/* more input: a member goes on, or the next one's magic is split. What is
			 * out goes on first: a pipe's writer may wait for the reader's answer */
			if (zo->len > 0 && zo->flush(zo))
				break;
			memmove(in, z.next_in, z.avail_in);
			n = read_some(fd, in + z.avail_in, STREAM_CHUNK - z.avail_in);
			if (n < 0) {
				snprintf(zo->why, sizeof zo->why, "%s", strerror(errno));
				rc = -1;
				break;
			}
			z.next_in = (unsigned char *)in;
			z.avail_in += (unsigned)n;
			if (n == 0 && (ended || z.avail_in == 0)) {
				if (!ended) {
					snprintf(zo->why, sizeof zo->why,
					         "the gzip data ends early (a cut file?): read up to there");
					rc = -1;
				}
				break;
			}
		}
		if (ended) {
			if (z.avail_in < 2 || (unsigned char)z.next_in[0] != 0x1f ||
			    (unsigned char)z.next_in[1] != 0x8b)
				break; /* not another member: ignored, as gzread does */
			inflateReset(&z);
			ended = 0;
		}
		z.next_out = (unsigned char *)zo->buf + zo->len;
		z.avail_out = (unsigned)(zo->cap - zo->len);
		zr = inflate(&z, Z_NO_FLUSH);
		zo->len = zo->cap - z.avail_out;
		/* what was decoded is read before an error is said: a bad CRC is found after
		 * the member's last bytes came out, and they are the dump's end */
		if (zo->len == zo->cap && zo->flush(zo))
			break;
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			snprintf(zo->why, sizeof zo->why, "%s: read up to there",
			         z.msg ? z.msg : "gzip data error");
			rc = -1;
			break;
		}
		ended = zr == Z_STREAM_END;
	}
	if (zo->len > 0 && zo->flush(zo))
		rc = 0; /* the reader stopped before an error: nothing to say */
	inflateEnd(&z);
	return rc;
}

/* On this thread: the buffer handed on when full, and before each read. */
static int flush_here(struct zout *zo)
{
	int stop = hand_on(zo->ctx, zo->buf, zo->len);

	zo->len = 0;
	return stop;
}

/* The inflating thread fills the ring's buffers in turn; this one reads them in turn.
 * `put` counts the buffers filled, `got` those read: buffer put % ZRING is the
 * inflater's while put - got < ZRING, buffer got % ZRING this thread's while got < put. */
#define ZRING 4
#define ZRING_BUF ((size_t)128 * 1024)

struct zring {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *buf[ZRING];
	size_t len[ZRING];
	unsigned long put, got;
	int done, stop, rc;
	int fd;
	char *in;
	size_t inlen;
	struct zout zo;
};

static int flush_ring(struct zout *zo)
{
	struct zring *r = zo->ctx;
	int stop;

	pthread_mutex_lock(&r->mu);
	r->len[r->put % ZRING] = zo->len;
	r->put++;
	pthread_cond_broadcast(&r->cv);
	while (r->put - r->got == ZRING && !r->stop)
		pthread_cond_wait(&r->cv, &r->mu);
	stop = r->stop;
	pthread_mutex_unlock(&r->mu);
	zo->buf = r->buf[r->put % ZRING];
	zo->len = 0;
	return stop;
}

static void *inflater(void *arg)
{
	struct zring *r = arg;
	int rc = gunzip(r->fd, r->in, r->inlen, &r->zo);

	pthread_mutex_lock(&r->mu);
	r->rc = rc;
	r->done = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* As gunzip, the error into why; 1: no thread could be had, nothing read. A stop of the
 * reader is 0 whatever the inflater met after it. */
static int gunzip_ring(int fd, char *in, size_t inlen, struct feed *f, char *why)
{
	struct zring r;
	pthread_t th;
	size_t n;
	int i, stop = 0;

	memset(&r, 0, sizeof r);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	for (i = 0; i < ZRING; i++)
		r.buf[i] = xmalloc(ZRING_BUF);
	r.fd = fd;
	r.in = in;
	r.inlen = inlen;
	r.zo.buf = r.buf[0];
	r.zo.cap = ZRING_BUF;
	r.zo.flush = flush_ring;
	r.zo.ctx = &r;
	if (pthread_create(&th, NULL, inflater, &r) != 0) {
		r.rc = 1;
		goto out;
	}
	pthread_mutex_lock(&r.mu);
	for (;;) {
		while (r.got == r.put && !r.done)
			pthread_cond_wait(&r.cv, &r.mu);
		if (r.got == r.put)
			break; /* done, all read */
		n = r.len[r.got % ZRING];
		pthread_mutex_unlock(&r.mu);
		stop = hand_on(f, r.buf[r.got % ZRING], n);
		pthread_mutex_lock(&r.mu);
		r.got++;
		r.stop = stop;
		pthread_cond_broadcast(&r.cv);
		if (stop)
			break;
	}
	pthread_mutex_unlock(&r.mu);
	pthread_join(th, NULL);
	memcpy(why, r.zo.why, ZOUT_WHY);
out:
	for (i = 0; i < ZRING; i++)
		free(r.buf[i]);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
	return stop ? 0 : r.rc;
}

/* A regular file only gets the thread: its reads end. On a pipe the inflater could wait in
 * read() for a writer that never writes again after the reader stopped (grep -l), and
 * the stop would wait for it. */
static int gunzip_source(const char *name, int fd, char *in, size_t inlen, struct feed *f)
{
	struct zout zo;
	struct stat st;
	int asked, rc = 1;

	memset(&zo, 0, sizeof zo);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && split_threads(&asked) > 1)
		rc = gunzip_ring(fd, in, inlen, f, zo.why);
	if (rc == 1) { /* on this thread */
		zo.buf = xmalloc(STREAM_CHUNK);
		zo.cap = STREAM_CHUNK;
		zo.flush = flush_here;
		zo.ctx = f;
		rc = gunzip(fd, in, inlen, &zo);
		free(zo.buf);
	}
	if (rc < 0)
		errorf_at(name, "%s", zo.why);
	return rc;
}

/* Plain input is read with read() into one buffer and handed on from there; gzip (its
 * magic in the first bytes) goes through inflate. */
static int stream_fd(const struct source_opts *o, const char *name, int fd,
                     struct stream_to *to)
{
	struct feed f = { to, caps_file_max(&o->net), 0, 0 };
	char *chunk = xmalloc(STREAM_CHUNK);
	size_t have = 0;
	ssize_t n = 1;
	int rc = 0;

	if (to->begin)
		to->begin(to->ctx, NULL);
	while (have < 2 && (n = read_some(fd, chunk + have, STREAM_CHUNK - have)) > 0)
		have += (size_t)n;
	if (have >= 2 && (unsigned char)chunk[0] == 0x1f && (unsigned char)chunk[1] == 0x8b) {
		to->gzip = 1;
		rc = gunzip_source(name, fd, chunk, have, &f);
	} else if (n >= 0 && !hand_on(&f, chunk, have)) {
		while ((n = read_some(fd, chunk, STREAM_CHUNK)) > 0)
			if (hand_on(&f, chunk, (size_t)n))
				break;
	}
	if (n < 0) {
		errorf_at(name, "%s", strerror(errno));
		rc = -1;
	} else if (f.over) {
		errorf_at(name, "larger than --max-size (%llu bytes): read up to there",
		       (unsigned long long)f.max);
		rc = -1;
	}
	close(fd);
	free(chunk);
	return rc;
}

static int stream_path(const struct source_opts *o, const char *name, struct stream_to *to)
{
	struct stat st;
	int fd;

	if (strcmp(name, "-") == 0) {
		/* stream_fd closes its descriptor: keep fd 0 open for anyone after us */
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			errorf("stdin: %s", strerror(errno));
			return -1;
		}
		return stream_fd(o, name, fd, to);
	}
	fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errorf_at(name, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errorf_at(name, "is a directory");
		close(fd);
		return -1;
	}
	return stream_fd(o, name, fd, to);
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

static int stream_url(const struct fetch_opts *o, const char *name, struct stream_to *to)
{
	struct url_stream u;
	struct fetch_job job;
	struct gs_buf url = XBUF_INIT;
	char why[256];
	int rc = 0;

	rc = fetch_target_url(name, o->profile, &url, why, sizeof why);
	if (rc < 0) {
		errorf("%s", why);
		gs_buf_release(&url);
		return -1;
	}
	if (rc > 0)
		notef_at(name, "no ?debug= in the URL: asking for %s", url.data);
	rc = 0;
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
			errorf_at(name, "%s", job.why);
		else
			errorf_at(name, "%s (%s)", job.why, url.data);
		rc = -1;
	}
	gs_buf_release(&url);
	return rc;
}

int stream_source(const struct source_opts *o, const char *name, struct stream_to *to)
{
	struct stat st;

	to->gzip = 0;
	if (fetch_is_url(name))
		return stream_url(&o->net, name, to);
	if (strcmp(name, "-") != 0 && (fetch_is_hostport(name) || fetch_is_hostport_path(name)) &&
	    stat(name, &st) != 0)
		return stream_url(&o->net, name, to);
	return stream_path(o, name, to);
}
