/* fetch_opts.h - the network options every command takes for URL sources, and `fetch`.
 *
 * One set, parsed in one place: -p/--profile, --timeout, --connect-timeout, --max-size,
 * --header, --insecure, --cacert, --proxy, --noproxy, --user-agent, --retry,
 * --low-speed-limit, --low-speed-time. The parsers of durations, sizes and headers are
 * pure (tests/test_fetch.c).
 */
#ifndef GS_FETCH_OPTS_H
#define GS_FETCH_OPTS_H

#include <stddef.h>
#include <stdint.h>

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

/* By long name without dashes ("timeout", "header", "profile", ...): 1 when it takes a
 * value, 0 for a flag (insecure), -1 when the name is not one of the set. */
int fetch_opt_takes_value(const char *name);
/* Sets one option (value NULL for a flag). 0, or -1 with why filled. Strings are kept by
 * pointer: value must outlive o. */
int fetch_opt_set(struct fetch_opts *o, const char *name, const char *value, char *why,
                  size_t whylen);

/* "500ms", "30s", "5m", "1h", "1m30s", "1.5s"; a bare number is seconds. 0 or -1. */
int fetch_parse_duration(const char *s, long *ms);
/* "1048576", "64k", "10M", "1G", "1GiB", "512KB" (powers of 1024). 0 or -1. */
int fetch_parse_size(const char *s, uint64_t *bytes);
/* "Name: value": a token name, a colon, no CR or LF anywhere. NULL when good, else why. */
const char *fetch_check_header(const char *s);

#endif
