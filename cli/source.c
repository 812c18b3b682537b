/* source.c - see source.h. */
#include "source.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "msg.h"
#include "parser.h"
#include "term.h"

int source_is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

int source_is_hostport(const char *s)
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

int source_exists(const char *s)
{
	struct stat st;

	return strcmp(s, "-") == 0 || stat(s, &st) == 0 || source_is_url(s) ||
	       source_is_hostport(s);
}

static void finish_info(struct gs_parser *p, struct source_info *info)
{
	const char *d;

	gs_parser_finish(p);
	info->parsed = 1;
	info->source = gs_parser_source(p);
	d = gs_parser_detected(p);
	snprintf(info->detected, sizeof info->detected, "%s", d ? d : "");
	gs_parser_free(p);
}

/* Files and stdin: one path through gzread, plain or compressed. */
static int read_fd(struct gs_model *m, const char *name, int fd, struct source_info *info)
{
	gzFile gz;
	struct gs_parser *p;
	char *chunk;
	int n, rc = 0, errnum;
	const char *why;

	gz = gzdopen(fd, "rb");
	if (gz == NULL) {
		close(fd);
		die_oom();
	}
	gzbuffer(gz, SOURCE_CHUNK);
	p = gs_parser_new(m, name);
	if (p == NULL) {
		gzclose(gz);
		die_oom();
	}
	chunk = xmalloc(SOURCE_CHUNK);
	for (;;) {
		n = gzread(gz, chunk, SOURCE_CHUNK);
		if (n <= 0)
			break;
		if (gs_parser_feed(p, chunk, (size_t)n) != 0)
			break; /* a model cap: the parser left a diagnostic */
	}
	if (n < 0) {
		why = gzerror(gz, &errnum);
		errorf("%s: %s", name, errnum == Z_ERRNO ? strerror(errno) : why);
		rc = -1;
	}
	info->gzip = !gzdirect(gz);
	gzclose(gz);
	free(chunk);
	finish_info(p, info);
	return rc;
}

static int read_path(struct gs_model *m, const char *name, struct source_info *info)
{
	struct stat st;
	int fd;

	if (strcmp(name, "-") == 0) {
		/* gzclose closes its descriptor: keep fd 0 open for anyone after us */
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			errorf("stdin: %s", strerror(errno));
			return -1;
		}
		return read_fd(m, name, fd, info);
	}
	fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errorf("%s: %s", name, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errorf("%s: is a directory", name);
		close(fd);
		return -1;
	}
	return read_fd(m, name, fd, info);
}

struct http_read {
	struct gs_model *m;
	const char *name;
	CURL *h;
	struct gs_parser *p;
	struct buf errbody;    /* start of a non-2xx body */
	uint64_t bytes;
	int too_big, feed_failed;
};

/* libcurl hands over the body in pieces of up to 16 KiB: a 2xx body goes straight to the
 * parser, the start of any other body is kept for the error message. */
static size_t http_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct http_read *r = ud;
	size_t n = size * nmemb;
	long code = 0;

	curl_easy_getinfo(r->h, CURLINFO_RESPONSE_CODE, &code);
	if (code < 200 || code > 299) {
		if (r->errbody.len < SOURCE_ERRBODY)
			buf_add(&r->errbody, ptr,
			        n < SOURCE_ERRBODY - r->errbody.len ? n : SOURCE_ERRBODY - r->errbody.len);
		return n;
	}
	r->bytes += n;
	if (r->bytes > SOURCE_HTTP_MAX) {
		r->too_big = 1;
		return 0;
	}
	if (r->p == NULL) {
		r->p = gs_parser_new(r->m, r->name);
		if (r->p == NULL)
			die_oom();
	}
	if (gs_parser_feed(r->p, ptr, n) != 0) {
		r->feed_failed = 1;
		return 0;
	}
	return n;
}

static int read_url(struct gs_model *m, const char *name, const char *url,
                    struct source_info *info)
{
	struct http_read r;
	char errbuf[CURL_ERROR_SIZE];
	char agent[128];
	CURLcode rc;
	long code = 0;
	int ret = 0;
	size_t i;

	memset(&r, 0, sizeof r);
	buf_init(&r.errbody, 0);
	r.m = m;
	r.name = name;
	r.h = curl_easy_init();
	if (r.h == NULL)
		die_oom();
	errbuf[0] = '\0';
	snprintf(agent, sizeof agent, "gostacks/%s libcurl/%s", GS_VERSION,
	         curl_version_info(CURLVERSION_NOW)->version);
	curl_easy_setopt(r.h, CURLOPT_URL, url);
	curl_easy_setopt(r.h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r.h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r.h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(r.h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(r.h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(r.h, CURLOPT_TIMEOUT_MS, 60000L);
	curl_easy_setopt(r.h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r.h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(r.h, CURLOPT_USERAGENT, agent);
	curl_easy_setopt(r.h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(r.h, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(r.h, CURLOPT_WRITEDATA, &r);
	rc = curl_easy_perform(r.h);
	curl_easy_getinfo(r.h, CURLINFO_RESPONSE_CODE, &code);
	if (r.too_big) {
		errorf("%s: response larger than %llu bytes", name,
		       (unsigned long long)SOURCE_HTTP_MAX);
		ret = -1;
	} else if (r.feed_failed) {
		ret = 0; /* the parser's diagnostic says what ran out */
	} else if (rc != CURLE_OK) {
		errorf("%s: %s", name, errbuf[0] ? errbuf : curl_easy_strerror(rc));
		ret = -1;
	} else if (code < 200 || code > 299) {
		struct buf msg = BUF_INIT;

		/* the first line of the body is usually the whole story ("404 page not found") */
		for (i = 0; i < r.errbody.len && r.errbody.data[i] != '\n'; i++)
			;
		term_escape(&msg, r.errbody.data, i);
		errorf("%s: HTTP status %ld%s%s", name, code, msg.len ? ": " : "", msg.data);
		buf_release(&msg);
		ret = -1;
	}
	if (r.p == NULL && ret == 0) {
		/* an empty 2xx body still counts as a source (with nothing in it) */
		r.p = gs_parser_new(m, name);
		if (r.p == NULL)
			die_oom();
	}
	if (r.p)
		finish_info(r.p, info);
	buf_release(&r.errbody);
	curl_easy_cleanup(r.h);
	return ret;
}

int source_read(struct gs_model *m, const char *name, struct source_info *info)
{
	struct stat st;
	struct buf url = BUF_INIT;
	int rc;

	memset(info, 0, sizeof *info);
	if (source_is_url(name))
		return read_url(m, name, name, info);
	if (strcmp(name, "-") != 0 && source_is_hostport(name) && stat(name, &st) != 0) {
		if (buf_addf(&url, "http://%s/debug/pprof/goroutine?debug=2", name) != 0)
			die_oom();
		rc = read_url(m, name, url.data, info);
		buf_release(&url);
		return rc;
	}
	return read_path(m, name, info);
}

int source_read_all(struct gs_model *m, char *const *names, int n, char ***detected)
{
	struct source_info info;
	char **det = NULL;
	uint32_t cap = 0;
	int i, failed = 0;

	for (i = 0; i < n; i++) {
		if (source_read(m, names[i], &info) != 0)
			failed++;
		if (!info.parsed || detected == NULL)
			continue;
		if (info.source >= cap) {
			uint32_t old = cap;

			cap = info.source + 8;
			det = xrealloc(det, cap * sizeof *det);
			memset(det + old, 0, (cap - old) * sizeof *det);
		}
		det[info.source] = xstrdup(info.detected);
	}
	if (detected) {
		/* one slot per model source, even for those no parser reported */
		if (cap < m->nsources) {
			det = xrealloc(det, (m->nsources + 1) * sizeof *det);
			memset(det + cap, 0, (m->nsources + 1 - cap) * sizeof *det);
		}
		*detected = det;
	}
	return failed;
}

void source_free_detected(char **detected, uint32_t n)
{
	uint32_t i;

	if (detected == NULL)
		return;
	for (i = 0; i < n; i++)
		free(detected[i]);
	free(detected);
}
