/* msg.c - see msg.h. */
#include "outputs/msg.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "outputs/term.h"

/* Process state, not an option: the name every message starts with, argv[0]'s. */
static const char *prog = "gostacks";

void msg_set_prog(const char *name)
{
	const char *slash = strrchr(name, '/');

	prog = slash ? slash + 1 : name;
}

const char *msg_prog(void)
{
	return prog;
}

/* Process state: whether stderr (one terminal line) holds a progress line to clear. */
static int progress_shown;

void progress_clear(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

void progressf(const char *fmt, ...)
{
	va_list ap;

	if (!term_isatty(2))
		return;
	fputs("\r", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);
	fflush(stderr);
	progress_shown = 1;
}

static void vmsg(const char *level, const char *fmt, va_list ap)
{
	progress_clear();
	fflush(stdout);
	fprintf(stderr, "%s: %s", prog, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
}

void warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void notef(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("note: ", fmt, ap);
	va_end(ap);
}

void infof(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void usagef(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("error: ", fmt, ap); /* one shape for every message: PROG: [WHERE: ]LEVEL: TEXT */
	va_end(ap);
	if (cmd)
		fprintf(stderr, "Try '%s %s --help' for more information.\n", prog, cmd);
	else
		fprintf(stderr, "Try '%s --help' for more information.\n", prog);
}

static void vmsg_at(const char *source, enum gs_level level, const char *fmt, va_list ap)
{
	char text[1024];
	int n;

	progress_clear();
	fflush(stdout);
	n = vsnprintf(text, sizeof text, fmt, ap);
	if (n < 0)
		n = 0;
	msg_print_diag(source, 0, level, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1,
	               NULL, 0);
}

void errorf_at(const char *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_at(source, GS_ERROR, fmt, ap);
	va_end(ap);
}

void notef_at(const char *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg_at(source, GS_NOTE, fmt, ap);
	va_end(ap);
}

void die_oom(void)
{
	fprintf(stderr, "%s: error: out of memory\n", prog);
	exit(EXIT_INPUT);
}

void xbuf_init(struct gs_buf *b)
{
	gs_buf_init(b, 0);
	b->fail = die_oom;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		die_oom();
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);

	memcpy(p, s, n);
	return p;
}

static const char *level_name(enum gs_level l)
{
	switch (l) {
	case GS_NOTE: return "note";
	case GS_WARNING: return "warning";
	case GS_ERROR: return "error";
	}
	return "error";
}

void msg_print_diag(const char *source, uint64_t line, enum gs_level level, const char *message,
                    size_t msglen, const char *near, size_t nearlen)
{
	struct gs_buf b = GS_BUF_INIT;

	gs_buf_addf(&b, "%s: ", prog);
	term_escape(&b, source, strlen(source));
	if (line)
		gs_buf_addf(&b, ":%" PRIu64, line);
	gs_buf_addf(&b, ": %s: ", level_name(level));
	term_escape(&b, message, msglen);
	if (nearlen) {
		gs_buf_adds(&b, " near '");
		term_escape(&b, near, nearlen);
		gs_buf_addch(&b, '\'');
	}
	gs_buf_addch(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	gs_buf_release(&b);
}

size_t msg_print_diags(const struct gs_model *m)
{
	size_t i;

	fflush(stdout);
	for (i = 0; i < m->ndiags; i++) {
		const struct gs_diag *d = &m->diags[i];
		const char *name = d->source < m->nsources ? gs_str(m, m->sources[d->source].name) : "?";

		msg_print_diag(name, d->line, d->level, gs_str(m, d->message),
		               gs_intern_len(m->strings, d->message), gs_str(m, d->near),
		               d->near ? gs_intern_len(m->strings, d->near) : 0);
	}
	if (m->diags_dropped)
		fprintf(stderr, "%s: %zu more diagnostics not shown\n", prog, m->diags_dropped);
	return m->ndiags;
}

int msg_exit_code(const struct gs_model *m, int had_error, int strict)
{
	if (had_error || m->worst >= GS_ERROR)
		return EXIT_INPUT;
	if (strict && m->worst >= GS_WARNING)
		return EXIT_INPUT;
	return EXIT_OK;
}
