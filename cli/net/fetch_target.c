/* fetch_target.c - see fetch_target.h. URLs are taken apart with libcurl's URL API, the
 * same parser the transfer uses, so a name and a request never disagree about a host. */
#include "net/fetch_target.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "outputs/msg.h"

const char *fetch_profile_path(const char *word, char *why, size_t whylen)
{
	const struct gs_kind_row *k = gs_kind_find(word, 1);
	char words[256];

	if (k)
		return k->fetch_path;
	gs_kind_fetch_words(words, sizeof words);
	snprintf(why, whylen, "unknown profile '%s' (%s)", word, words);
	return NULL;
}

int fetch_is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

int fetch_is_hostport_path(const char *s)
{
	const char *slash = strchr(s, '/');
	char head[256];

	if (slash == NULL || slash == s || (size_t)(slash - s) >= sizeof head)
		return 0;
	memcpy(head, s, (size_t)(slash - s));
	head[slash - s] = '\0';
	return fetch_is_hostport(head);
}

int fetch_is_hostport(const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *p;

	if (colon == NULL || colon == s || colon[1] == '\0')
		return 0;
	for (p = s; p < colon; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
			return 0;
	for (p = colon + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* A target's scheme, in any case: libcurl takes HTTP:// too. */
static int has_http_scheme(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* Takes a URL apart; NULL when libcurl cannot parse it. */
static CURLU *url_parse(const char *url)
{
	CURLU *u = curl_url();

	if (u == NULL)
		die_oom();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	return u;
}

/* A part of u, or "" when absent; free with curl_free unless it is the static "". */
static char *url_part(CURLU *u, CURLUPart what, unsigned flags)
{
	static char none[] = "";
	char *s = NULL;

	if (curl_url_get(u, what, &s, flags) != CURLUE_OK || s == NULL)
		return none;
	return s;
}

static void part_free(char *s)
{
	if (s && *s)
		curl_free(s);
}

static int is_index_path(const char *path)
{
	return strcmp(path, "/debug/pprof") == 0 || strcmp(path, "/debug/pprof/") == 0;
}

static int is_bare_path(const char *path)
{
	return *path == '\0' || strcmp(path, "/") == 0 || is_index_path(path);
}

/* "debug=" among the query's parameters */
static int query_has_debug(const char *query)
{
	const char *p = query;

	while (p && *p) {
		if (strncmp(p, "debug=", 6) == 0)
			return 1;
		p = strchr(p, '&');
		if (p)
			p++;
	}
	return 0;
}

/* The query a profile's path asks with (its kind row's: "debug=2" for goroutine, the
 * first row of the path), NULL for a path no kind is fetched from. */
static const char *default_query(const char *path)
{
	const struct gs_kind_row *k;
	const char *q;
	int i;

	for (i = 0; i < GS_NKINDS; i++) {
		k = gs_kind(i);
		if (k->fetch_path == NULL || (q = strchr(k->fetch_path, '?')) == NULL)
			continue;
		if (strlen(path) == (size_t)(q - k->fetch_path) &&
		    memcmp(path, k->fetch_path, (size_t)(q - k->fetch_path)) == 0)
			return q + 1;
	}
	return NULL;
}

/* why = the index page refused, with the profiles it offers */
static void refuse_index(const char *target, char *why, size_t whylen)
{
	char words[256];

	gs_kind_fetch_words(words, sizeof words);
	snprintf(why, whylen, "'%.80s' is the index page, not a profile; it offers %s "
	         "(-p WORD, or /debug/pprof/WORD?debug=1; goroutine?debug=2)", target, words);
}

int fetch_target_url(const char *target, const char *profile, struct gs_buf *url, char *why,
                     size_t whylen)
{
	const char *ppath = fetch_profile_path(profile ? profile : "goroutine", why, whylen);
	const char *q, *dq;
	char *path, *query, *full;
	struct gs_buf with_scheme = XBUF_INIT;
	int rc = 0;
	CURLU *u;

	gs_buf_reset(url);
	if (ppath == NULL)
		return -1;
	if (strstr(target, "://") && !has_http_scheme(target)) {
		snprintf(why, whylen, "'%s': only http:// and https:// URLs are fetched", target);
		return -1;
	}
	if (!has_http_scheme(target)) {
		if (fetch_is_hostport(target)) {
			if (gs_buf_addf(url, "http://%s%s", target, ppath) != 0)
				die_oom();
			return 0;
		}
		if (!fetch_is_hostport_path(target)) {
			snprintf(why, whylen, "'%s' is neither an http(s) URL nor host:port", target);
			return -1;
		}
		/* host:port/path as wget and curl take it: http:// */
		gs_buf_addf(&with_scheme, "http://%s", target);
	} else {
		gs_buf_adds(&with_scheme, target);
	}
	u = url_parse(with_scheme.data);
	if (u == NULL) {
		snprintf(why, whylen, "'%s' is not a valid URL", target);
		gs_buf_release(&with_scheme);
		return -1;
	}
	path = url_part(u, CURLUPART_PATH, 0);
	query = url_part(u, CURLUPART_QUERY, 0);
	if (is_index_path(path) && *query == '\0' && profile == NULL) {
		/* the index lists profiles: which one was meant is the user's to say */
		refuse_index(target, why, whylen);
		rc = -1;
	} else if (is_bare_path(path) && *query == '\0') {
		q = strchr(ppath, '?');
		full = NULL;
		if (curl_url_set(u, CURLUPART_PATH, NULL, 0) != CURLUE_OK ||
		    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
		    curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK || full == NULL)
			die_oom();
		/* libcurl gives "scheme://host[:port]/"; the profile path replaces the slash */
		if (gs_buf_add(url, full, strlen(full) - (full[strlen(full) - 1] == '/')) != 0 ||
		    gs_buf_add(url, ppath, (size_t)(q - ppath)) != 0 || gs_buf_adds(url, q) != 0)
			die_oom();
		curl_free(full);
	} else if (!query_has_debug(query) && (dq = default_query(path)) != NULL) {
		/* without ?debug= a profile is protobuf (debug=0): ask for its text */
		gs_buf_adds(url, with_scheme.data);
		if (url->len && url->data[url->len - 1] == '?')
			url->data[--url->len] = '\0';
		gs_buf_addf(url, "%s%s", *query ? "&" : (strchr(with_scheme.data, '?') ? "" : "?"), dq);
		rc = 1;
	} else {
		gs_buf_adds(url, with_scheme.data);
	}
	part_free(path);
	part_free(query);
	curl_url_cleanup(u);
	gs_buf_release(&with_scheme);
	if (rc < 0)
		gs_buf_reset(url);
	return rc;
}

/* Letters, digits, '.', '_' and '-' stay; anything else becomes '-'. */
static void add_safe(struct gs_buf *out, const char *s, size_t n)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			c = '-';
		if (gs_buf_addch(out, c) != 0)
			die_oom();
	}
}

static int query_has(const char *query, const char *kv)
{
	size_t n = strlen(kv);
	const char *p = query;

	while (p && *p) {
		if (strncmp(p, kv, n) == 0 && (p[n] == '\0' || p[n] == '&'))
			return 1;
		p = strchr(p, '&');
		if (p)
			p++;
	}
	return 0;
}

void fetch_url_profile(const char *url, struct gs_buf *word)
{
	static const char prefix[] = "/debug/pprof/";
	CURLU *u = url_parse(url);
	char *path, *query;
	const char *name, *slash;

	gs_buf_reset(word);
	if (u == NULL) {
		if (gs_buf_adds(word, "profile") != 0)
			die_oom();
		return;
	}
	path = url_part(u, CURLUPART_PATH, 0);
	query = url_part(u, CURLUPART_QUERY, 0);
	name = NULL;
	if (strncmp(path, prefix, sizeof prefix - 1) == 0 &&
	    gs_kind_find(path + sizeof prefix - 1, 1) != NULL)
		name = gs_kind_find(path + sizeof prefix - 1, 1)->fetch_word;
	if (name && strcmp(name, "goroutine") == 0 && query_has(query, "debug=1"))
		name = "goroutine1";
	if (name) {
		if (gs_buf_adds(word, name) != 0)
			die_oom();
	} else {
		slash = strrchr(path, '/');
		name = slash ? slash + 1 : path;
		if (*name)
			add_safe(word, name, strlen(name));
		else if (gs_buf_adds(word, "profile") != 0)
			die_oom();
	}
	part_free(path);
	part_free(query);
	curl_url_cleanup(u);
}

enum gs_kind fetch_url_kind(const char *url)
{
	CURLU *u = url_parse(url);
	enum gs_kind kind = GS_KIND_UNKNOWN;
	char *path;
	size_t n;

	if (u == NULL)
		return kind;
	path = url_part(u, CURLUPART_PATH, 0);
	n = strlen(path);
	if (n >= 5 && strcmp(path + n - 5, "/heap") == 0)
		kind = GS_KIND_HEAP;
	else if (n >= 7 && strcmp(path + n - 7, "/allocs") == 0)
		kind = GS_KIND_ALLOCS;
	part_free(path);
	curl_url_cleanup(u);
	return kind;
}

int fetch_file_name(const char *url, const char *profile, time_t t, struct gs_buf *out)
{
	CURLU *u = url_parse(url);
	char *host, *port;
	const char *h;
	size_t hn;
	char stamp[32];
	struct tm tm;

	gs_buf_reset(out);
	if (u == NULL)
		return -1;
	host = url_part(u, CURLUPART_HOST, 0);
	port = url_part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	if (*host == '\0' || gmtime_r(&t, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0) {
		part_free(host);
		part_free(port);
		curl_url_cleanup(u);
		return -1;
	}
	h = host;
	hn = strlen(host);
	if (hn >= 2 && host[0] == '[' && host[hn - 1] == ']') { /* IPv6 literal */
		h++;
		hn -= 2;
	}
	add_safe(out, h, hn);
	if (gs_buf_addch(out, '_') != 0)
		die_oom();
	add_safe(out, port, strlen(port));
	if (gs_buf_addch(out, '.') != 0)
		die_oom();
	add_safe(out, profile, strlen(profile));
	if (gs_buf_addf(out, ".%s.txt", stamp) != 0)
		die_oom();
	part_free(host);
	part_free(port);
	curl_url_cleanup(u);
	return 0;
}

void fetch_targets_add(struct fetch_targets *t, const char *target)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = xstrdup(target);
}

void fetch_targets_free(struct fetch_targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof *t);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* line -> blank* [target blank*] ["#" comment] */
int fetch_targets_parse(struct fetch_targets *t, const char *text, size_t len,
                        const char *file, char *why, size_t whylen)
{
	struct gs_buf target = XBUF_INIT, url = XBUF_INIT;
	const char *p = text, *end = text + len, *nl, *s, *e, *c;
	char err[256];
	unsigned long lineno = 0;
	int rc = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		lineno++;
		s = p;
		e = nl;
		for (c = s; c < e; c++)
			if (*c == '#' && (c == s || is_blank(c[-1])))
				break;
		e = c;
		while (s < e && is_blank(*s))
			s++;
		while (e > s && is_blank(e[-1]))
			e--;
		p = nl + (nl < end);
		if (s == e)
			continue;
		gs_buf_reset(&target);
		if (gs_buf_add(&target, s, (size_t)(e - s)) != 0)
			die_oom();
		if (memchr(target.data, '\0', target.len) ||
		    fetch_target_url(target.data, NULL, &url, err, sizeof err) < 0) {
			snprintf(why, whylen, "%s:%lu: %s", file, lineno,
			         memchr(target.data, '\0', target.len) ? "a NUL byte" : err);
			rc = -1;
			break;
		}
		fetch_targets_add(t, target.data);
	}
	gs_buf_release(&target);
	gs_buf_release(&url);
	return rc;
}

static int starts_with_ci(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - s) >= n && strncasecmp(s, word, n) == 0;
}

const char *fetch_sniff(const char *head, size_t n)
{
	const char *s = head, *end = head + n;

	if (n == 0)
		return "an empty reply: no profile in it";
	if (n >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b)
		return "gzip data, i.e. a debug=0 (protobuf) profile, which gostacks does not read: "
		       "ask for ?debug=1 (goroutine: ?debug=2), e.g. with -p";
	if (memchr(head, '\0', n))
		return "binary data, not a text profile (a debug=0 protobuf?): "
		       "ask for ?debug=1 (goroutine: ?debug=2), e.g. with -p";
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && (is_blank(*s) || *s == '\n'))
		s++;
	if (starts_with_ci(s, end, "<!doctype html") || starts_with_ci(s, end, "<html") ||
	    starts_with_ci(s, end, "<head") || starts_with_ci(s, end, "<body") ||
	    starts_with_ci(s, end, "<!--") || starts_with_ci(s, end, "<?xml"))
		return "an HTML page (a login page, a proxy's page or the /debug/pprof/ index?): "
		       "ask for /debug/pprof/goroutine?debug=2 or "
		       "/debug/pprof/PROFILE?debug=1 (-p)";
	return NULL;
}
