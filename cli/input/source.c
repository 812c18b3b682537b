/* source.c - see source.h. */
#include "input/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/caps.h"
#include "net/fetch.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"
#include "parser.h"
#include "input/split.h"
#include "input/stream.h"

int source_exists(const char *s)
{
	struct stat st;

	return strcmp(s, "-") == 0 || stat(s, &st) == 0 || fetch_is_url(s) ||
	       fetch_is_hostport(s);
}

/* The network options of URL sources, shared by every command (source_take_options);
 * stream.c fetches with them. */
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

/* The parser of one source, made when the reader opens it (stream.h). */
struct parse_to {
	struct gs_model *m;
	const char *name;
	struct gs_parser *p;
};

static void parse_begin(void *ctx, const char *url)
{
	struct parse_to *t = ctx;
	enum gs_kind hint;

	caps_model(t->m);
	t->p = gs_parser_new(t->m, t->name);
	if (t->p == NULL)
		die_oom();
	hint = url ? fetch_url_kind(url) : GS_KIND_UNKNOWN;
	if (hint != GS_KIND_UNKNOWN)
		gs_parser_set_kind_hint(t->p, hint);
}

/* A model cap stops the reading: the parser left a diagnostic. */
static int parse_bytes(void *ctx, const void *data, size_t len)
{
	struct parse_to *t = ctx;

	return gs_parser_feed(t->p, data, len) != 0;
}

int source_read(struct gs_model *m, const char *name, struct source_info *info)
{
	struct parse_to t = { m, name, NULL };
	struct stream_to to = { parse_bytes, parse_begin, &t, 0 };
	const char *d;
	int rc;

	memset(info, 0, sizeof *info);
	rc = split_read(m, name, &t.p); /* a large plain file: two threads */
	rc = rc == 0 ? stream_source(name, &to) : rc < 0 ? -1 : 0;
	info->gzip = to.gzip;
	if (t.p) {
		gs_parser_finish(t.p);
		info->parsed = 1;
		info->source = gs_parser_source(t.p);
		d = gs_parser_detected(t.p);
		snprintf(info->detected, sizeof info->detected, "%s", d ? d : "");
		gs_parser_free(t.p);
	}
	return rc;
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
