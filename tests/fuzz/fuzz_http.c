/* fuzz_http.c - an HTTP reply from the fuzzer through the code `gostacks fetch` runs:
 * libcurl's reading of the status line, the headers (chunked, gzip, Content-Length) and
 * the body, then fetch.c's write callback (status, size cap, the sniff, the check of the
 * first line against the profile asked for) and, for a reply taken, the parser.
 *
 * No network beyond the loopback: libcurl connects to a listener of our own on 127.0.0.1
 * (the connection completes in its backlog), and fetch_opts.connected, called before the
 * request is sent, accepts it and writes the reply, then shuts that end for writing. An
 * input is two control bytes, then the reply as sent on the wire:
 *   byte 0  bits 0-2 the -p word asked for (its kind is what the first line must be; 7: a
 *           path of no kind, any profile taken); bit 3 fetch's check off (a URL source's
 *           path: the sniff only)
 *   byte 1  the size cap: 1 GiB, 64 bytes, 4 KiB or 100 KiB
 * The oracle: a reply taken is no larger than the cap, its first line passes the check,
 * and it parses; one refused has a reason. libcurl must be installed (it is loaded with
 * dlopen, as the command loads it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/fetch.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"
#include "parser.h"

static const char *const words[] = { "goroutine", "goroutine1", "heap", "allocs", "mutex",
                                     "block", "threadcreate", NULL };
static const uint64_t caps[] = { (uint64_t)1 << 30, 64, 4096, 100 << 10 };

struct server {
	int listener, fd;
	const uint8_t *reply;
	size_t len;
};

/* The transfer's connection is up: take it and answer with the whole reply. */
static void answer(void *ctx)
{
	struct server *sv = ctx;
	size_t off;
	ssize_t w;

	if (sv->fd >= 0)
		return; /* a second connection (none is followed): nobody answers */
	sv->fd = accept(sv->listener, NULL, NULL);
	if (sv->fd < 0)
		abort();
	/* a fuzz input (16 KiB at most) fits the socket's buffers */
	for (off = 0; off < sv->len; off += (size_t)w) {
		w = write(sv->fd, sv->reply + off, sv->len - off);
		if (w <= 0)
			return; /* libcurl hung up early */
	}
	shutdown(sv->fd, SHUT_WR);
}

static int collect(struct fetch_job *j, const char *data, size_t len)
{
	return gs_buf_add(j->ud, data, len) != 0 ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null_err;
	static int listener = -1;
	static struct sockaddr_in at;
	socklen_t atlen = sizeof at;
	struct fetch_opts o;
	struct fetch_job job;
	struct server sv;
	struct gs_buf body = GS_BUF_INIT, url = GS_BUF_INIT, why = GS_BUF_INIT;
	const char *word;
	char host[32], err[256];
	FILE *keep;

	if (size < 2)
		return 0;
	if (null_err == NULL)
		null_err = fopen("/dev/null", "w");
	if (listener < 0) {
		memset(&at, 0, sizeof at);
		at.sin_family = AF_INET;
		at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (listener < 0 || bind(listener, (struct sockaddr *)&at, sizeof at) != 0 ||
		    listen(listener, 4) != 0 ||
		    getsockname(listener, (struct sockaddr *)&at, &atlen) != 0)
			abort();
	}
	word = words[data[0] & 7];
	sv.listener = listener;
	sv.fd = -1;
	sv.reply = data + 2;
	sv.len = size - 2;
	snprintf(host, sizeof host, "127.0.0.1:%u", (unsigned)ntohs(at.sin_port));

	fetch_opts_init(&o);
	o.max_size = caps[data[1] & 3];
	o.timeout_ms = 5000;
	o.parallel = 1;
	o.connected = answer;
	o.connected_ctx = &sv;
	/* nothing leaves the loopback: no redirect is followed (its Location is the fuzzer's)
	 * and no proxy from the environment is used */
	o.max_redirects = 0;
	o.noproxy = "*";
	if (word) {
		if (fetch_target_url(host, word, &url, err, sizeof err) != 0)
			abort();
	} else if (gs_buf_addf(&url, "http://%s/app/status?debug=1", host) != 0) {
		abort();
	}
	memset(&job, 0, sizeof job);
	job.url = url.data;
	job.label = "fuzz";
	job.on_body = collect;
	job.ud = &body;
	job.check = !(data[0] & 8);
	job.want = word ? gs_kind_find(word, 1)->kind : GS_KIND_UNKNOWN;

	keep = stderr;
	stderr = null_err;
	fetch_run(&o, &job, 1, NULL, NULL);
	stderr = keep;
	if (sv.fd >= 0)
		close(sv.fd);

	if (job.ok) {
		struct gs_model *m = gs_model_new();
		struct gs_parser *p;

		if (body.len > o.max_size)
			abort(); /* the cap let more through */
		/* what fetch looked at: the first 256 bytes, or the whole of a shorter body */
		if (job.check && fetch_check_profile(body.data, body.len < 256 ? body.len : 256,
		                                     body.len < 256, job.want, &why) != 0)
			abort(); /* taken, but its first line is not the profile asked for */
		if (m == NULL)
			abort();
		p = gs_parser_new(m, "fuzz");
		if (p) {
			gs_parser_feed(p, body.data, body.len);
			gs_parser_finish(p);
			gs_parser_free(p);
		}
		gs_model_free(m);
	} else if (job.why[0] == '\0') {
		abort(); /* refused without a reason */
	}
	fetch_opts_free(&o);
	gs_buf_release(&body);
	gs_buf_release(&url);
	gs_buf_release(&why);
	return 0;
}
