/* fetch.c - see fetch.h. The loop is the one curl's own tool runs for --parallel:
 * add handles while slots are free, curl_multi_perform, drain curl_multi_info_read,
 * curl_multi_poll; a failed attempt that may be retried goes back to the queue with a time
 * before which it may not start. */
#include "net/fetch.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "net/fetch_target.h"
#include "net/stall.h"
#include "outputs/msg.h"
#include "outputs/term.h"

#define FETCH_SNIFF 256     /* body bytes looked at before any is handed on */
#define POLL_MS     100     /* longest wait, so a signal is seen soon */

enum job_state { JOB_QUEUED = 0, JOB_RUNNING, JOB_DONE };

/* Why an attempt was stopped from inside the write callback. */
enum stop { STOP_NONE = 0, STOP_HTTP, STOP_TOO_BIG, STOP_NOT_PROFILE, STOP_SINK, STOP_STALL };

struct transfer {
	struct fetch_job *job;
	const struct fetch_opts *o;
	CURL *h;
	char errbuf[CURL_ERROR_SIZE];
	long status;
	uint64_t received;      /* 2xx body bytes seen, handed on or not */
	uint64_t body;          /* body bytes of any reply: the stall rule's clock */
	struct stall stall;
	char head[FETCH_SNIFF]; /* the first body bytes, until the sniff */
	size_t headlen;
	int accepted;           /* the sniff passed: bytes go straight to on_body */
	struct gs_buf errbody;     /* start of a non-2xx body */
	enum stop stop;
	const char *stop_why;   /* STOP_NOT_PROFILE: the sniff's words ... */
	struct gs_buf not_kind;    /* ... or the check of the first line's (fetch_job.check) */
};

/* Process state, not an option: a signal is delivered to the process, and a handler can
 * reach nothing else. */
static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
}

void fetch_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a wait returns early */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed terminal or ssh session: partial files go as for Ctrl-C */
	sigaction(SIGHUP, &sa, NULL);
}

int fetch_interrupted(void)
{
	return (int)caught_signal;
}

long long fetch_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int fetch_sleep_until(long long ms)
{
	struct timespec ts;
	long long left;

	for (;;) {
		if (caught_signal)
			return -1;
		left = ms - fetch_now_ms();
		if (left <= 0)
			return 0;
		if (left > POLL_MS)
			left = POLL_MS;
		ts.tv_sec = (time_t)(left / 1000);
		ts.tv_nsec = (long)(left % 1000) * 1000000;
		nanosleep(&ts, NULL);
	}
}

static int is_2xx(long status)
{
	return status >= 200 && status <= 299;
}

/* The sniff passed: hand over what was held back. complete: the body ends here. */
static int accept_head(struct transfer *t, int complete)
{
	struct fetch_job *j = t->job;

	t->stop_why = fetch_sniff(t->head, t->headlen);
	if (t->stop_why == NULL && j->check &&
	    fetch_check_profile(t->head, t->headlen, complete, j->want, &t->not_kind) != 0)
		t->stop_why = t->not_kind.data;
	if (t->stop_why) {
		t->stop = STOP_NOT_PROFILE;
		return -1;
	}
	t->accepted = 1;
	if (t->headlen == 0)
		return 0;
	j->bytes += t->headlen;
	if (j->on_body && j->on_body(j, t->head, t->headlen) != 0) {
		t->stop = STOP_SINK;
		return -1;
	}
	return 0;
}

/* Pieces of up to CURL_MAX_WRITE_SIZE, decoded, not NUL-terminated, not line-aligned. */
static size_t on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct transfer *t = ud;
	struct fetch_job *j = t->job;
	size_t n = size * nmemb, take;

	t->body += n;
	if (t->status == 0)
		curl_easy_getinfo(t->h, CURLINFO_RESPONSE_CODE, &t->status);
	if (!is_2xx(t->status)) {
		take = FETCH_ERRBODY - t->errbody.len;
		if (take > n)
			take = n;
		if (gs_buf_add(&t->errbody, ptr, take) != 0)
			die_oom();
		if (t->errbody.len >= FETCH_ERRBODY) {
			t->stop = STOP_HTTP; /* enough for the message */
			return CURL_WRITEFUNC_ERROR;
		}
		return n;
	}
	/* counted here: 7.88 does not enforce MAXFILESIZE on chunked replies */
	t->received += n;
	if (t->received > t->o->max_size) {
		t->stop = STOP_TOO_BIG;
		return CURL_WRITEFUNC_ERROR;
	}
	if (!t->accepted) {
		take = sizeof t->head - t->headlen;
		if (take > n)
			take = n;
		memcpy(t->head + t->headlen, ptr, take);
		t->headlen += take;
		if (t->headlen < sizeof t->head)
			return n;
		if (accept_head(t, 0) != 0)
			return CURL_WRITEFUNC_ERROR;
		ptr += take;
		n -= take;
		if (n == 0)
			return size * nmemb;
	}
	j->bytes += n;
	if (j->on_body && j->on_body(j, ptr, n) != 0) {
		t->stop = STOP_SINK;
		return CURL_WRITEFUNC_ERROR;
	}
	return size * nmemb;
}

/* libcurl calls it often while bytes flow and about once a second while none do. */
static int on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
	struct transfer *t = ud;

	if (!stall_check(&t->stall, fetch_now_ms(), t->body))
		return 0;
	t->stop = STOP_STALL;
	return 1;
}

/* fetch_opts.connected: the connection is up, the request not yet sent */
static int on_connected(void *ud, char *conn_primary_ip, char *conn_local_ip, int conn_primary_port,
                        int conn_local_port)
{
	const struct transfer *t = ud;

	(void)conn_primary_ip;
	(void)conn_local_ip;
	(void)conn_primary_port;
	(void)conn_local_port;
	t->o->connected(t->o->connected_ctx);
	return CURL_PREREQFUNC_OK;
}

static void set_options(struct transfer *t, const char *agent)
{
	const struct fetch_opts *o = t->o;
	CURL *h = t->h;

	curl_easy_setopt(h, CURLOPT_URL, t->job->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, t);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, o->max_redirects);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	/* the stall rule is ours (stall.h): libcurl's LOW_SPEED_* would count the wait for
	 * the first byte, which a big process may take long over */
	stall_init(&t->stall, o->low_speed_limit, fetch_low_speed_ms(o));
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, t);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_FAILONERROR, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent ? o->user_agent : agent);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, t);
	if (o->headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, o->headers);
	if (o->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (o->cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, o->cacert);
	if (o->proxy)
		curl_easy_setopt(h, CURLOPT_PROXY, o->proxy);
	if (o->noproxy)
		curl_easy_setopt(h, CURLOPT_NOPROXY, o->noproxy);
	if (o->connected) {
		curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_connected);
		curl_easy_setopt(h, CURLOPT_PREREQDATA, t);
	}
}

static struct transfer *transfer_start(CURLM *multi, const struct fetch_opts *o,
                                       struct fetch_job *j, const char *agent)
{
	struct transfer *t = xcalloc(1, sizeof *t);

	t->job = j;
	t->o = o;
	xbuf_init(&t->errbody);
	xbuf_init(&t->not_kind);
	t->h = curl_easy_init();
	if (t->h == NULL)
		die_oom();
	set_options(t, agent);
	j->state = JOB_RUNNING;
	j->started = 1;
	j->attempts++;
	j->status = 0;
	j->why[0] = '\0';
	if (curl_multi_add_handle(multi, t->h) != CURLM_OK)
		die_oom();
	return t;
}

static void transfer_free(CURLM *multi, struct transfer *t)
{
	curl_multi_remove_handle(multi, t->h);
	curl_easy_cleanup(t->h);
	gs_buf_release(&t->errbody);
	gs_buf_release(&t->not_kind);
	free(t);
}

long fetch_backoff_ms(long first_ms, int attempts)
{
	long ms = first_ms > 0 ? first_ms : 0;
	int i;

	for (i = 1; i < attempts && ms < FETCH_MAX_BACKOFF_MS; i++)
		ms *= 2;
	return ms < FETCH_MAX_BACKOFF_MS ? ms : FETCH_MAX_BACKOFF_MS;
}

/* Connection failures before any reply: worth another attempt. */
static int retryable(CURLcode rc, const struct transfer *t)
{
	if (t->status != 0 || t->received != 0 || t->stop != STOP_NONE)
		return 0;
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_OPERATION_TIMEDOUT:
		return 1;
	default:
		return 0;
	}
}

/* The first line of a non-2xx body, escaped. */
static void errbody_line(const struct gs_buf *body, struct gs_buf *out)
{
	size_t i;

	for (i = 0; i < body->len && body->data[i] != '\n' && body->data[i] != '\r'; i++)
		;
	term_escape(out, body->data, i);
}

/* A 404 for a profile only newer servers have: why says which do, not only "Unknown
 * profile" (pprof's answer for a name it does not know). */
static void not_served(struct fetch_job *j)
{
	struct gs_buf word = XBUF_INIT;
	const struct gs_kind_row *k;
	size_t n = strlen(j->why);

	fetch_url_profile(j->url, &word);
	k = gs_kind_find(word.data, 1);
	if (k && k->served_by)
		snprintf(j->why + n, sizeof j->why - n, ": this server has no %s profile: %s",
		         k->name, k->served_by);
	gs_buf_release(&word);
}

/* Sets j->ok or j->why from a finished attempt. */
static void judge(struct transfer *t, CURLcode rc)
{
	struct fetch_job *j = t->job;
	struct gs_buf line = XBUF_INIT;
	char *eff = NULL;
	long redirects = 0;

	curl_easy_getinfo(t->h, CURLINFO_RESPONSE_CODE, &t->status);
	j->status = t->status;
	if (rc == CURLE_OK && is_2xx(t->status) && !t->accepted)
		accept_head(t, 1); /* a reply shorter than the sniff */
	if (t->stop == STOP_TOO_BIG || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(j->why, sizeof j->why,
		         "the reply is larger than --max-size (%llu bytes); stopped",
		         (unsigned long long)t->o->max_size);
	} else if (t->stop == STOP_NOT_PROFILE && t->stop_why == t->not_kind.data) {
		snprintf(j->why, sizeof j->why, "%s; nothing saved", t->stop_why);
	} else if (t->stop == STOP_NOT_PROFILE) {
		snprintf(j->why, sizeof j->why, "not a profile: %s", t->stop_why);
	} else if (t->stop == STOP_STALL) {
		snprintf(j->why, sizeof j->why,
		         "stalled: under %ld bytes/s for %.3g s after the reply began "
		         "(--low-speed-limit, --low-speed-time)", t->o->low_speed_limit,
		         (double)fetch_low_speed_ms(t->o) / 1000);
	} else if (t->stop == STOP_SINK) {
		if (j->why[0] == '\0')
			snprintf(j->why, sizeof j->why, "the body could not be taken");
	} else if (t->stop == STOP_HTTP || (rc == CURLE_OK && !is_2xx(t->status))) {
		errbody_line(&t->errbody, &line);
		snprintf(j->why, sizeof j->why, "HTTP status %ld%s%s", t->status,
		         line.len ? ": " : "", line.data);
		if (t->status == 404)
			not_served(j);
	} else if (rc != CURLE_OK) {
		curl_easy_getinfo(t->h, CURLINFO_REDIRECT_COUNT, &redirects);
		curl_easy_getinfo(t->h, CURLINFO_EFFECTIVE_URL, &eff);
		if (rc == CURLE_UNSUPPORTED_PROTOCOL && redirects > 0 && eff) {
			term_escape(&line, eff, strlen(eff));
			snprintf(j->why, sizeof j->why,
			         "refused a redirect to '%s': only http and https are followed",
			         line.data);
		} else if (rc == CURLE_TOO_MANY_REDIRECTS) {
			snprintf(j->why, sizeof j->why, "more than %ld redirects", t->o->max_redirects);
		} else if (rc == CURLE_OPERATION_TIMEDOUT) {
			snprintf(j->why, sizeof j->why, "%s (--timeout %.3gs, --connect-timeout %.3gs)",
			         t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc),
			         (double)t->o->timeout_ms / 1000, (double)t->o->connect_timeout_ms / 1000);
		} else {
			snprintf(j->why, sizeof j->why, "%s",
			         t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		}
	} else {
		j->ok = 1;
	}
	gs_buf_release(&line);
}

static void note_attempts(struct fetch_job *j)
{
	size_t len = strlen(j->why);

	snprintf(j->why + len, sizeof j->why - len, " (%d attempts)", j->attempts);
}

/* What waits on a queued job to start: 0 now, >0 ms, <0 never (none queued). */
static long long next_start(struct fetch_job *jobs, size_t n, long long now)
{
	long long best = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (jobs[i].state != JOB_QUEUED)
			continue;
		if (jobs[i].not_before_ms <= now)
			return 0;
		if (best < 0 || jobs[i].not_before_ms - now < best)
			best = jobs[i].not_before_ms - now;
	}
	return best;
}

static void finish(struct fetch_job *j, void (*on_done)(struct fetch_job *, void *), void *ctx)
{
	j->state = JOB_DONE;
	if (on_done)
		on_done(j, ctx);
}

size_t fetch_run(const struct fetch_opts *o, struct fetch_job *jobs, size_t n,
                 void (*on_done)(struct fetch_job *j, void *ctx), void *ctx)
{
	CURLM *multi;
	CURLMsg *msg;
	struct transfer *t, **active;
	char agent[128];
	size_t i, nactive = 0, next = 0, failed = 0, slots;
	int left, running;
	long long now, wait;

	slots = o->parallel > 0 ? (size_t)o->parallel : 1;
	snprintf(agent, sizeof agent, "gostacks/%s libcurl/%s", GS_VERSION,
	         curl_version_info(CURLVERSION_NOW)->version);
	multi = curl_multi_init();
	if (multi == NULL)
		die_oom();
	curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)slots);
	active = xcalloc(slots, sizeof *active);
	for (i = 0; i < n; i++) {
		jobs[i].state = JOB_QUEUED;
		jobs[i].not_before_ms = 0;
	}
	for (;;) {
		if (caught_signal)
			break;
		/* top up: start queued jobs while slots are free */
		now = fetch_now_ms();
		while (nactive < slots) {
			for (i = next; i < n; i++)
				if (jobs[i].state == JOB_QUEUED && jobs[i].not_before_ms <= now)
					break;
			if (i == n) {
				for (i = 0; i < next; i++)
					if (jobs[i].state == JOB_QUEUED && jobs[i].not_before_ms <= now)
						break;
				if (i == next)
					break;
			}
			next = i + 1;
			active[nactive++] = transfer_start(multi, o, &jobs[i], agent);
		}
		wait = next_start(jobs, n, now);
		if (nactive == 0 && wait < 0)
			break;
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			for (i = 0; i < nactive && active[i] != t; i++)
				;
			active[i] = active[--nactive];
			judge(t, msg->data.result);
			if (!t->job->ok && t->job->attempts <= o->retry &&
			    retryable(msg->data.result, t)) {
				t->job->state = JOB_QUEUED;
				t->job->not_before_ms = fetch_now_ms() +
					fetch_backoff_ms(o->retry_delay_ms, t->job->attempts);
			} else {
				if (!t->job->ok)
					failed++;
				if (!t->job->ok && t->job->attempts > 1)
					note_attempts(t->job);
				finish(t->job, on_done, ctx);
			}
			transfer_free(multi, t);
		}
		if (nactive < slots && next_start(jobs, n, fetch_now_ms()) == 0)
			continue; /* a slot came free: fill it before waiting */
		wait = next_start(jobs, n, fetch_now_ms());
		if (nactive == 0 && wait < 0)
			break; /* all done: no last wait of POLL_MS */
		if (nactive == 0 && wait > 0) {
			fetch_sleep_until(fetch_now_ms() + (wait < POLL_MS ? wait : POLL_MS));
			continue;
		}
		curl_multi_poll(multi, NULL, 0, POLL_MS, NULL);
	}
	/* interrupted: abort what runs; what is queued never starts */
	for (i = 0; i < nactive; i++) {
		t = active[i];
		t->job->interrupted = 1;
		snprintf(t->job->why, sizeof t->job->why, "interrupted");
		failed++;
		finish(t->job, on_done, ctx);
		transfer_free(multi, t);
	}
	for (i = 0; i < n; i++) {
		if (jobs[i].state != JOB_QUEUED)
			continue;
		jobs[i].state = JOB_DONE;
		jobs[i].interrupted = 1;
		snprintf(jobs[i].why, sizeof jobs[i].why, "not started: interrupted");
		failed++;
		if (jobs[i].started)
			finish(&jobs[i], on_done, ctx);
	}
	free(active);
	curl_multi_cleanup(multi);
	return failed;
}
