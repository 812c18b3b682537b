/* fetch.h - HTTP(S) transfers for URL sources and `gostacks fetch`: one libcurl multi
 * handle, many transfers at once, every body handed to the caller as it arrives.
 *
 * The policy is here, in one place: http and https only, on redirects too (at most 5);
 * connect and total timeouts and a stall limit counted from the first body byte (stall.h);
 * a size cap counted in the write callback
 * (libcurl 7.88 enforces CURLOPT_MAXFILESIZE_LARGE only when a Content-Length is sent);
 * the HTTP status checked by us (a non-2xx body is never handed on, its start goes into
 * the message); a sniff of the first bytes, so an HTML page or a gzip/protobuf (debug=0)
 * profile is named instead of being parsed or saved; retries with exponential backoff
 * for connection failures only. Proxies come from libcurl's environment variables
 * (http_proxy, HTTPS_PROXY, ALL_PROXY, NO_PROXY) unless --proxy/--noproxy say otherwise.
 * cli/curl_dl.c loads libcurl and runs curl_global_init on first use.
 */
#ifndef GS_FETCH_H
#define GS_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "kind.h"
#include "net/fetch_opts.h"

#define FETCH_ERRBODY 200   /* bytes of a non-2xx body kept for the message */
#define FETCH_WHY     512

/* One transfer. The caller fills url, label, on_body and ud; fetch_run the rest. */
struct fetch_job {
	const char *url;
	const char *label;        /* for messages: the target as the user wrote it */
	/* The 2xx body in order, after the sniff; -1 stops the transfer (the callback
	 * fills why). Never called for a non-2xx reply or a body that is not a profile. */
	int (*on_body)(struct fetch_job *j, const char *data, size_t len);
	void *ud;
	/* fetch's saves: the body is handed on only when its first line is the header of a
	 * profile of kind want (GS_KIND_UNKNOWN: any kind; fetch_check_profile) */
	int check;
	enum gs_kind want;

	int started;              /* the job ran (on_done is called for it) */
	int ok;                   /* a complete 2xx reply that looked like a profile */
	int interrupted;          /* stopped by SIGINT or SIGTERM */
	long status;              /* HTTP status of the last attempt, 0 when none */
	uint64_t bytes;           /* body bytes handed to on_body */
	int attempts;
	char why[FETCH_WHY];      /* the failure, when !ok */
	/* engine state */
	int state;
	long long not_before_ms;
};

/* Runs every job, at most o->parallel at once. A handle is added only when a slot is
 * free, so a queued job's timeout does not run while it waits. on_done (may be NULL) is
 * called once for each job that started, in completion order. When a signal arrives, the
 * running transfers are aborted (interrupted = 1, on_done called) and queued ones never
 * start. Returns the number of jobs not ok. */
size_t fetch_run(const struct fetch_opts *o, struct fetch_job *jobs, size_t n,
                 void (*on_done)(struct fetch_job *j, void *ctx), void *ctx);

/* The wait before the next attempt after `attempts` failed ones: first_ms, doubled for
 * each further one, never more than FETCH_MAX_BACKOFF_MS (--retry 100 waited 2^20 s). */
#define FETCH_MAX_BACKOFF_MS 30000L
long fetch_backoff_ms(long first_ms, int attempts);

/* SIGINT, SIGTERM and SIGHUP set a flag that fetch_run and fetch_sleep_until check. */
void fetch_catch_signals(void);
int fetch_interrupted(void); /* the signal number, or 0 */
long long fetch_now_ms(void); /* monotonic */
/* Sleeps until fetch_now_ms() >= ms; 0, or -1 when a signal came first. */
int fetch_sleep_until(long long ms);

#endif
