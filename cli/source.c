/* source.c - see source.h. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "fetch.h"
#include "fetch_target.h"
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

/* URL sources: options shared by every command (source_take_options), one transfer through
 * the fetch engine, the body fed to the parser as it arrives. */
static struct fetch_opts net_opts;
static int net_opts_ready;

struct fetch_opts *source_fetch_opts(void)
{
	if (!net_opts_ready) {
		fetch_opts_init(&net_opts);
		net_opts_ready = 1;
	}
	return &net_opts;
}

/* Long options by name, plus -p; "--" ends the options. */
int source_take_options(int *argc, char **argv, char *why, size_t whylen)
{
	struct fetch_opts *o = source_fetch_opts();
	const char *arg, *name, *value, *eq;
	char longname[32];
	int i, out = 1, takes;

	for (i = 1; i < *argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		value = NULL;
		if (strcmp(arg, "-p") == 0 || strncmp(arg, "-p", 2) == 0) {
			name = "profile";
			if (arg[2])
				value = arg + 2;
			takes = 1;
		} else if (strncmp(arg, "--", 2) == 0) {
			eq = strchr(arg + 2, '=');
			if (eq && (size_t)(eq - arg - 2) < sizeof longname) {
				memcpy(longname, arg + 2, (size_t)(eq - arg - 2));
				longname[eq - arg - 2] = '\0';
				value = eq + 1;
			} else {
				snprintf(longname, sizeof longname, "%s", arg + 2);
			}
			name = longname;
			takes = fetch_opt_takes_value(name);
		} else {
			takes = -1;
			name = NULL;
		}
		if (takes < 0) {
			argv[out++] = argv[i];
			continue;
		}
		if (takes == 1 && value == NULL) {
			if (i + 1 >= *argc) {
				snprintf(why, whylen, "option '%s' needs a value", arg);
				return -1;
			}
			value = argv[++i];
		} else if (takes == 0 && value) {
			snprintf(why, whylen, "option '--%s' takes no value", name);
			return -1;
		}
		if (fetch_opt_set(o, name, value, why, whylen) != 0)
			return -1;
		if (o->insecure)
			fetch_warn_insecure();
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

struct url_read {
	struct gs_model *m;
	const char *name;
	const char *url;
	struct gs_parser *p;
	int feed_failed;
};

/* The 2xx body, after the sniff, in libcurl's pieces. */
static int url_body(struct fetch_job *j, const char *data, size_t len)
{
	struct url_read *r = j->ud;
	enum gs_kind hint;

	if (r->p == NULL) {
		r->p = gs_parser_new(r->m, r->name);
		if (r->p == NULL)
			die_oom();
		hint = fetch_url_kind(r->url);
		if (hint != GS_KIND_UNKNOWN)
			gs_parser_set_kind_hint(r->p, hint);
	}
	if (gs_parser_feed(r->p, data, len) != 0) {
		r->feed_failed = 1; /* a model cap: the parser left a diagnostic */
		snprintf(j->why, sizeof j->why, "stopped reading: the parser ran out of room");
		return -1;
	}
	return 0;
}

static int read_url(struct gs_model *m, const char *name, struct source_info *info)
{
	struct fetch_opts *o = source_fetch_opts();
	struct url_read r;
	struct fetch_job job;
	struct buf url = BUF_INIT;
	char why[256];
	int ret = 0;

	if (fetch_target_url(name, o->profile, &url, why, sizeof why) != 0) {
		errorf("%s", why);
		buf_release(&url);
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.m = m;
	r.name = name;
	r.url = url.data;
	memset(&job, 0, sizeof job);
	job.url = url.data;
	job.label = name;
	job.on_body = url_body;
	job.ud = &r;
	fetch_run(o, &job, 1, NULL, NULL);
	if (!job.ok && !r.feed_failed) {
		if (strcmp(name, url.data) == 0)
			errorf("%s: %s", name, job.why);
		else
			errorf("%s (%s): %s", name, url.data, job.why);
		ret = -1;
	}
	if (r.p)
		finish_info(r.p, info);
	buf_release(&url);
	return ret;
}

int source_read(struct gs_model *m, const char *name, struct source_info *info)
{
	struct stat st;

	memset(info, 0, sizeof *info);
	if (source_is_url(name))
		return read_url(m, name, info);
	if (strcmp(name, "-") != 0 && source_is_hostport(name) && stat(name, &st) != 0)
		return read_url(m, name, info);
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
