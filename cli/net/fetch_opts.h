/* fetch_opts.h - the network options every command takes for URL sources, and `fetch`.
 *
 * One set, parsed in one place: -p/--profile, --timeout, --connect-timeout, --max-size,
 * --header, --insecure, --cacert, --proxy, --noproxy, --user-agent, --retry,
 * --low-speed-limit, --low-speed-time. Durations and sizes are read by amount.h; the check
 * of a header is pure (tests/test_fetch.c).
 */
#ifndef GS_FETCH_OPTS_H
#define GS_FETCH_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "commands/opts.h"

struct curl_slist;

#define FETCH_DEFAULT_TIMEOUT_MS  60000L
#define FETCH_DEFAULT_CONNECT_MS  5000L
#define FETCH_DEFAULT_MAX_SIZE    ((uint64_t)1 << 30)
#define FETCH_DEFAULT_LOW_SPEED   1024L   /* bytes per second ... */
#define FETCH_DEFAULT_LOW_TIME_MS 15000L  /* ... for this long is a stall */
#define FETCH_DEFAULT_PARALLEL    16
#define FETCH_MAX_REDIRECTS       5L

struct fetch_opts {
	long timeout_ms;          /* total per transfer attempt */
	long connect_timeout_ms;
	uint64_t max_size;        /* body bytes after decoding */
	int max_size_set;         /* --max-size was given: it caps files and stdin too */
	long low_speed_limit;     /* bytes per second */
	long low_speed_time_ms;   /* 0: derived from the timeout (fetch_low_speed_seconds) */
	struct curl_slist *headers; /* --header, in order */
	int insecure;
	const char *cacert;
	const char *proxy;
	const char *noproxy;
	const char *user_agent;   /* NULL: gostacks/VERSION libcurl/X */
	int retry;                /* extra attempts after a connection failure */
	long retry_delay_ms;      /* first backoff, doubled for each further attempt */
	int parallel;             /* transfers at once */
	const char *profile;      /* -p word for a bare host; NULL means goroutine */
};

void fetch_opts_init(struct fetch_opts *o);
void fetch_opts_free(struct fetch_opts *o);
/* The stall time in whole seconds (libcurl's unit): --low-speed-time, else 15 s but at
 * most half of --timeout; at least 1. */
long fetch_low_speed_seconds(const struct fetch_opts *o);

/* The set as rows of a table of options (opts.h): fetch's help lists them; every command
 * takes them with source_take_options. -H is fetch's own: other commands take --header. */
#define FETCH_URL_ROW(name, metavar, help) \
	{ name, 0, OPTS_REQUIRED, 0, metavar, help, OPTS_URL }
#define FETCH_URL_OPTIONS \
	{ "profile", 'p', OPTS_REQUIRED, 'p', "WORD", \
	  "for a bare host:port or URL: goroutine (goroutine?debug=2,\n" \
	  "the default), goroutine1 (goroutine?debug=1), heap, allocs,\n" \
	  "mutex, block, threadcreate (WORD?debug=1)", OPTS_URL }, \
	FETCH_URL_ROW("timeout", "DUR", \
	              "total time of one transfer (default 60s); DUR is 500ms, 30s,\n" \
	              "5m, 1h or a number of seconds"), \
	FETCH_URL_ROW("connect-timeout", "DUR", "time to connect (default 5s)"), \
	FETCH_URL_ROW("max-size", "SIZE", \
	              "largest input (64k, 10M): a reply, counted as it arrives\n" \
	              "(default 1G), and a file or stdin (default no cap)"), \
	{ "header", 'H', OPTS_REQUIRED, 'H', "'N: V'", "an extra request header (repeatable)", \
	  OPTS_URL }, \
	{ "insecure", 0, OPTS_NONE, 0, NULL, "do not verify TLS certificates (warns once)", \
	  OPTS_URL }, \
	FETCH_URL_ROW("cacert", "FILE", "CA certificates to verify the server with"), \
	FETCH_URL_ROW("proxy", "URL", \
	              "proxy to use (default: http_proxy, HTTPS_PROXY, ALL_PROXY)"), \
	FETCH_URL_ROW("noproxy", "LIST", \
	              "hosts reached without the proxy (default: NO_PROXY)"), \
	FETCH_URL_ROW("user-agent", "TEXT", "default gostacks/VERSION libcurl/VERSION"), \
	FETCH_URL_ROW("retry", "N", \
	              "retry a failed connection N times, waiting 1s, 2s, 4s...\n" \
	              "(never after an HTTP reply such as 404)"), \
	FETCH_URL_ROW("low-speed-limit", "B", \
	              "a transfer under B bytes/s (default 1024) ..."), \
	FETCH_URL_ROW("low-speed-time", "DUR", \
	              "... for this long is stalled and stopped (default 15s, at\n" \
	              "most half of --timeout)")

/* By long name without dashes ("timeout", "header", "profile", ...): 1 when it takes a
 * value, 0 for a flag (insecure), -1 when the name is not one of the set. */
int fetch_opt_takes_value(const char *name);
/* Sets one option (value NULL for a flag). 0, or -1 with why filled. Strings are kept by
 * pointer: value must outlive o. */
int fetch_opt_set(struct fetch_opts *o, const char *name, const char *value, char *why,
                  size_t whylen);

/* "Name: value": a token name, a colon, no CR or LF anywhere. NULL when good, else why. */
const char *fetch_check_header(const char *s);

#endif
