/* fuzz_lines.c - the normalising line reader (parser/lines.h) alone: CRLF, BOM, fences,
 * indentation and log prefixes, ANSI colour, the line length cap. The variant picks the
 * cap (small caps reach the cut paths with small inputs). Every line is checked against
 * the contract of lines.h and written out; the chunked and the whole read must agree. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct out {
	struct gs_buf text;
	size_t max_line;
	uint64_t last_no;
	uint64_t stop_at;    /* the callback stops the reader at this line (0: never) */
};

static int on_line(void *ctx, const struct gs_line *l)
{
	struct out *o = ctx;
	char num[32];
	int n;

	/* lines.h: at most max_line bytes, no "\n", numbered in input order but for a reversed
	 * dump (its header and moved lines) and a log entry's lines (one number) */
	if (l->len > o->max_line || memchr(l->text, '\n', l->len) != NULL)
		abort();
	if (!(l->flags & (GS_LINE_MOVED | GS_LINE_REVERSED)) &&
	    ((l->flags & GS_LINE_ENTRY) ? l->no < o->last_no : l->no <= o->last_no))
		abort();
	if (l->no > o->last_no)
		o->last_no = l->no;
	n = snprintf(num, sizeof num, "%llu %u ", (unsigned long long)l->no, l->flags);
	gs_buf_add(&o->text, num, (size_t)n);
	gs_jw_escape(&o->text, l->text, l->len);
	gs_buf_addch(&o->text, '\n');
	return l->no == o->stop_at ? 7 : 0;
}

static int lines_feed_fn(void *ctx, const char *data, size_t len)
{
	return gs_lines_feed(ctx, data, len);
}

static void read_lines(const struct fz_input *in, unsigned mode, size_t max_line,
                       struct gs_buf *result)
{
	struct out o;
	struct gs_lines *r;
	int rc;
	char num[32];
	int n;

	memset(&o, 0, sizeof o);
	gs_buf_init(&o.text, 0);
	o.max_line = max_line ? max_line : ((size_t)1 << 20);
	o.stop_at = in->analyses == 7 ? 1 + in->seed % 32 : 0;
	r = gs_lines_new(max_line, on_line, &o);
	if (r == NULL)
		return;
	rc = fz_chunks((const char *)in->text, in->len, mode, in->seed, lines_feed_fn, r);
	if (rc == 0)
		rc = gs_lines_finish(r);
	/* a stopped reader keeps answering with the callback's code */
	if (rc != 0 && (gs_lines_feed(r, "x\n", 2) != rc || gs_lines_finish(r) != rc))
		abort();
	n = snprintf(num, sizeof num, "rc %d\n", rc);
	gs_buf_add(&o.text, num, (size_t)n);
	gs_buf_adds(&o.text, gs_lines_detected(r));
	gs_lines_free(r);
	gs_buf_add(result, o.text.data, o.text.len);
	gs_buf_release(&o.text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t caps[4] = { 0, 8, 64, 300 };
	struct fz_input in;
	struct gs_buf a = GS_BUF_INIT, b = GS_BUF_INIT;

	if (fz_input(data, size, &in) != 0)
		return 0;
	read_lines(&in, in.mode, caps[in.variant], &a);
	if (in.mode != FZ_CHUNK_WHOLE) {
		read_lines(&in, FZ_CHUNK_WHOLE, caps[in.variant], &b);
		fz_same("lines: chunked vs whole", &a, &b);
	}
	gs_buf_release(&a);
	gs_buf_release(&b);
	return 0;
}
