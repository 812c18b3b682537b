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
	long low_speed_time_ms;   /* 0: derived from the timeout (fetch_low_speed_ms) */
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
	/* Called once a transfer's connection is up, before its request is sent; NULL (the
	 * command): nothing. The HTTP fuzz harness answers there, from the other end of a
	 * loopback connection of its own, so it runs the code a fetch runs on the fuzzer's
	 * reply. */
	void (*connected)(void *ctx);
	void *connected_ctx;
	long max_redirects;       /* FETCH_MAX_REDIRECTS; the fuzz harness 0: a redirect it
	                             followed would go wherever the fuzzer's Location said */
};

void fetch_opts_init(struct fetch_opts *o);
void fetch_opts_free(struct fetch_opts *o);
/* The stall time (stall.h: counted from the first body byte): --low-speed-time, else 15 s
 * but at most half of --timeout; at least 1 s. 0: no stall rule (not given, and half of
 * --timeout is under a second: the timeout ends a transfer first). */
long fetch_low_speed_ms(const struct fetch_opts *o);

/* getopt codes of the set. Every command's table of options has a row for each
 * (commands/input_opts.h: the spelling and the help) and hands every code to fetch_option,
 * which knows what it means. -p and fetch's -H are the letters. */
enum {
	FETCH_OPT_PROFILE = 'p',
	FETCH_OPT_HEADER = 'H',
	FETCH_OPT_TIMEOUT = 0x1100,
	FETCH_OPT_CONNECT_TIMEOUT,
	FETCH_OPT_MAX_SIZE,
	FETCH_OPT_INSECURE,
	FETCH_OPT_CACERT,
	FETCH_OPT_PROXY,
	FETCH_OPT_NOPROXY,
	FETCH_OPT_USER_AGENT,
	FETCH_OPT_RETRY,
	FETCH_OPT_LOW_SPEED_LIMIT,
	FETCH_OPT_LOW_SPEED_TIME
};

/* Sets the option of getopt code opt to arg (NULL for the flag --insecure, which warns the
 * first time it is set in o). 1 when taken, 0 when opt is not one of the set, -1 for a bad
 * or missing value with why filled (a usage error). Strings are kept by pointer: arg must
 * outlive o. */
int fetch_option(struct fetch_opts *o, int opt, const char *arg, char *why, size_t whylen);

/* "Name: value": a token name, a colon, no CR or LF anywhere. NULL when good, else why. */
const char *fetch_check_header(const char *s);

#endif
