/* fetch_opts.c - see fetch_opts.h. */
#include "net/fetch_opts.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/amount.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"

void fetch_opts_init(struct fetch_opts *o)
{
	memset(o, 0, sizeof *o);
	o->timeout_ms = FETCH_DEFAULT_TIMEOUT_MS;
	o->connect_timeout_ms = FETCH_DEFAULT_CONNECT_MS;
	o->max_size = FETCH_DEFAULT_MAX_SIZE;
	o->low_speed_limit = FETCH_DEFAULT_LOW_SPEED;
	o->retry_delay_ms = 1000;
	o->max_redirects = FETCH_MAX_REDIRECTS;
	o->parallel = FETCH_DEFAULT_PARALLEL;
}

void fetch_opts_free(struct fetch_opts *o)
{
	curl_slist_free_all(o->headers);
	o->headers = NULL;
}

long fetch_low_speed_ms(const struct fetch_opts *o)
{
	long ms = o->low_speed_time_ms;

	if (ms == 0) {
		ms = FETCH_DEFAULT_LOW_TIME_MS;
		if (o->timeout_ms > 0 && ms > o->timeout_ms / 2)
			ms = o->timeout_ms / 2;
		/* under a second, none: a rule of at least a second (stall.h's step) would not
		 * end a transfer before --timeout does, only race it for the message */
		if (ms < 1000)
			return 0;
	}
	return ms < 1000 ? 1000 : ms;
}

/* header -> token ":" value; token -> 1*tchar (RFC 9110) */
const char *fetch_check_header(const char *s)
{
	static const char tchar[] = "!#$%&'*+-.^_`|~";
	const char *p;

	for (p = s; *p && *p != ':'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr(tchar, *p)))
			return "the name before ':' may hold only letters, digits and !#$%&'*+-.^_`|~";
	if (p == s)
		return "no name before ':' (want 'Name: value')";
	if (*p != ':')
		return "no ':' (want 'Name: value')";
	if (strpbrk(p, "\r\n"))
		return "a header may not contain CR or LF";
	return NULL;
}

/* The set's long names, for messages. */
static const struct {
	int opt;
	const char *name;
} names[] = {
	{ FETCH_OPT_PROFILE, "profile" },
	{ FETCH_OPT_HEADER, "header" },
	{ FETCH_OPT_TIMEOUT, "timeout" },
	{ FETCH_OPT_CONNECT_TIMEOUT, "connect-timeout" },
	{ FETCH_OPT_MAX_SIZE, "max-size" },
	{ FETCH_OPT_INSECURE, "insecure" },
	{ FETCH_OPT_CACERT, "cacert" },
	{ FETCH_OPT_PROXY, "proxy" },
	{ FETCH_OPT_NOPROXY, "noproxy" },
	{ FETCH_OPT_USER_AGENT, "user-agent" },
	{ FETCH_OPT_RETRY, "retry" },
	{ FETCH_OPT_LOW_SPEED_LIMIT, "low-speed-limit" },
	{ FETCH_OPT_LOW_SPEED_TIME, "low-speed-time" },
};

static const char *name_of(int opt)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].opt == opt)
			return names[i].name;
	return NULL;
}

static int parse_count(const char *s, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

int fetch_option(struct fetch_opts *o, int opt, const char *value, char *why, size_t whylen)
{
	const char *name = name_of(opt);
	struct curl_slist *l;
	const char *bad;
	long n;

	if (name == NULL)
		return 0;
	if (opt == FETCH_OPT_INSECURE) {
		/* once, however often it is given: one run, one warning */
		if (!o->insecure)
			warnf("--insecure: TLS certificates and host names are not verified");
		o->insecure = 1;
		return 1;
	}
	if (value == NULL) {
		snprintf(why, whylen, "--%s needs a value", name);
		return -1;
	}
	switch (opt) {
	case FETCH_OPT_PROFILE:
		if (fetch_profile_path(value, why, whylen) == NULL)
			return -1;
		o->profile = value;
		break;
	case FETCH_OPT_TIMEOUT:
	case FETCH_OPT_CONNECT_TIMEOUT:
	case FETCH_OPT_LOW_SPEED_TIME:
		if (amount_parse_duration(value, &n) != 0 || n <= 0) {
			snprintf(why, whylen, "bad --%s '%s' (a duration: 500ms, 30s, 5m, 1h)", name,
			         value);
			return -1;
		}
		if (opt == FETCH_OPT_TIMEOUT)
			o->timeout_ms = n;
		else if (opt == FETCH_OPT_CONNECT_TIMEOUT)
			o->connect_timeout_ms = n;
		else
			o->low_speed_time_ms = n;
		break;
	case FETCH_OPT_MAX_SIZE:
		if (amount_parse_size(value, &o->max_size) != 0) {
			snprintf(why, whylen, "bad --max-size '%s' (bytes, or 64k, 10M, 1G)", value);
			return -1;
		}
		o->max_size_set = 1;
		break;
	case FETCH_OPT_HEADER:
		bad = fetch_check_header(value);
		if (bad) {
			snprintf(why, whylen, "bad --header '%s': %s", value, bad);
			return -1;
		}
		l = curl_slist_append(o->headers, value);
		if (l == NULL)
			die_oom();
		o->headers = l;
		break;
	case FETCH_OPT_CACERT:
		o->cacert = value;
		break;
	case FETCH_OPT_PROXY:
		o->proxy = value;
		break;
	case FETCH_OPT_NOPROXY:
		o->noproxy = value;
		break;
	case FETCH_OPT_USER_AGENT:
		o->user_agent = value;
		break;
	case FETCH_OPT_RETRY:
		if (parse_count(value, 100, &n) != 0) {
			snprintf(why, whylen, "bad --retry '%s' (a count, 0 to 100)", value);
			return -1;
		}
		o->retry = (int)n;
		break;
	default: /* FETCH_OPT_LOW_SPEED_LIMIT */
		if (parse_count(value, LONG_MAX, &n) != 0) {
			snprintf(why, whylen, "bad --low-speed-limit '%s' (bytes per second)", value);
			return -1;
		}
		o->low_speed_limit = n;
		break;
	}
	return 1;
}
