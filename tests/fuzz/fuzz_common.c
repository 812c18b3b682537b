/* fuzz_common.c - see fuzz_common.h. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_json.h"
#include "parser.h"

int fz_input(const uint8_t *data, size_t size, struct fz_input *in)
{
	if (size < 2)
		return -1;
	in->mode = data[0] & 7u;
	in->variant = (data[0] >> 3) & 3u;
	in->analyses = (unsigned)data[0] >> 5;
	in->seed = data[1];
	in->text = data + 2;
	in->len = size - 2;
	return 0;
}

/* xorshift32: chunk lengths from the seed, the same on every run */
static unsigned next_rand(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return (unsigned)x;
}

static size_t next_len(unsigned mode, uint32_t *st, const char *p, size_t left, size_t len,
                       unsigned seed)
{
	const char *nl;

	switch (mode) {
	case FZ_CHUNK_BYTES:
		return 1;
	case FZ_CHUNK_SMALL:
		return 1 + next_rand(st) % 16;
	case FZ_CHUNK_MEDIUM:
		return 1 + next_rand(st) % 600;
	case FZ_CHUNK_LINES:
		nl = memchr(p, '\n', left);
		return nl ? (size_t)(nl - p) + 1 : left;
	case FZ_CHUNK_HALVES:
		/* the state is a flag here: the first (maybe empty) piece, then the rest */
		if (*st) {
			*st = 0;
			return len * seed / 256;
		}
		return left;
	case FZ_CHUNK_LARGE:
		return 1 + next_rand(st) % 65536;
	case FZ_CHUNK_EMPTY:
		return next_rand(st) % 4;
	default:
		return left;
	}
}

int fz_chunks(const char *text, size_t len, unsigned mode, unsigned seed, fz_feed_fn feed,
              void *ctx)
{
	uint32_t st = 0x9e3779b9u ^ (seed * 0x01000193u);
	size_t off = 0, n;
	int rc;

	if (st == 0)
		st = 1;
	while (off < len) {
		n = next_len(mode, &st, text + off, len - off, len, seed);
		if (n > len - off)
			n = len - off;
		rc = feed(ctx, text + off, n);
		if (rc)
			return rc;
		off += n;
	}
	return 0;
}

void fz_same(const char *what, const struct gs_buf *a, const struct gs_buf *b)
{
	size_t i = 0;

	if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
		return;
	while (i < a->len && i < b->len && a->data[i] == b->data[i])
		i++;
	fprintf(stderr, "%s: outputs differ at byte %zu\n--- chunked\n%s\n--- whole\n%s\n", what, i,
	        a->data, b->data);
	abort();
}

static int parser_feed(void *ctx, const char *data, size_t len)
{
	/* -1 is a model cap or no memory: the parser keeps a diagnostic and stops */
	return gs_parser_feed(ctx, data, len) != 0;
}

/* Parses text into a fresh model and renders it; out gets the JSON. */
static void parse_render(const char *text, size_t len, unsigned mode, unsigned seed,
                         int kind_hint, unsigned analyses, struct gs_buf *out)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	const char *det;

	if (m == NULL)
		return;
	p = gs_parser_new(m, "fuzz");
	if (p == NULL) {
		gs_model_free(m);
		return;
	}
	if (kind_hint == GS_KIND_HEAP || kind_hint == GS_KIND_ALLOCS)
		gs_parser_set_kind_hint(p, (enum gs_kind)kind_hint);
	/* every body through the stack memo from the first goroutine (body.h): the whole read
	 * takes them at once, a read in small chunks line by line, and the two must agree */
	gs_parser_memo_always(p);
	fz_chunks(text, len, mode, seed, parser_feed, p);
	gs_parser_finish(p);
	det = gs_parser_detected(p);
	gs_buf_adds(out, det);
	gs_buf_addch(out, '\n');
	gs_parser_free(p);
	model_json(m, out);
	gs_buf_addch(out, '\n');
	model_json_analyses(m, analyses, out);
	gs_model_free(m);
}

void fz_parse_and_check(const char *head, const struct fz_input *in, int kind_hint)
{
	struct gs_buf text = GS_BUF_INIT, a = GS_BUF_INIT, b = GS_BUF_INIT;

	if (gs_buf_adds(&text, head) != 0 || gs_buf_add(&text, in->text, in->len) != 0) {
		gs_buf_release(&text);
		return;
	}
	parse_render(text.data, text.len, in->mode, in->seed, kind_hint, in->analyses, &a);
	if (in->mode != FZ_CHUNK_WHOLE) {
		parse_render(text.data, text.len, FZ_CHUNK_WHOLE, 0, kind_hint, in->analyses, &b);
		fz_same("chunked vs whole parse", &a, &b);
	}
	gs_buf_release(&text);
	gs_buf_release(&a);
	gs_buf_release(&b);
}
