/* source.c - see source.h. */
#include "input/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/caps.h"
#include "net/fetch_target.h"
#include "outputs/msg.h"
#include "parser.h"
#include "input/split.h"
#include "input/stream.h"

int source_exists(const char *s)
{
	struct stat st;

	return strcmp(s, "-") == 0 || stat(s, &st) == 0 || fetch_is_url(s) ||
	       fetch_is_hostport(s) || fetch_is_hostport_path(s);
}

/* The parser of one source, made when the reader opens it (stream.h). */
struct parse_to {
	struct caps *caps;
	struct gs_model *m;
	const char *name;
	struct gs_parser *p;
};

static void parse_begin(void *ctx, const char *url)
{
	struct parse_to *t = ctx;
	enum gs_kind hint;

	caps_model(t->caps, t->m);
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

int source_read(struct source_opts *o, struct gs_model *m, const char *name,
                struct source_info *info)
{
	struct parse_to t = { &o->caps, m, name, NULL };
	struct stream_to to = { parse_bytes, parse_begin, &t, 0 };
	const char *d;
	int rc;

	memset(info, 0, sizeof *info);
	rc = split_read(o, m, name, &t.p); /* a large plain file: two threads */
	rc = rc == 0 ? stream_source(o, name, &to) : rc < 0 ? -1 : 0;
	info->gzip = to.gzip;
	if (t.p) {
		gs_parser_finish(t.p);
		info->parsed = 1;
		info->source = gs_parser_source(t.p);
		/* nothing at all: said so, rather than "no dump found" */
		if (rc == 0 && info->source < m->nsources && m->sources[info->source].bytes == 0)
			gs_model_diag(m, GS_ERROR, info->source, 0, NULL, 0, "empty");
		d = gs_parser_detected(t.p);
		snprintf(info->detected, sizeof info->detected, "%s", d ? d : "");
		gs_parser_free(t.p);
	}
	return rc;
}

int source_read_all(struct source_opts *o, struct gs_model *m, char *const *names, int n,
                    char ***detected)
{
	struct source_info info;
	char **det = NULL;
	uint32_t cap = 0;
	int i, failed = 0;

	for (i = 0; i < n; i++) {
		if (source_read(o, m, names[i], &info) != 0)
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
