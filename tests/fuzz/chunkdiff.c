/* chunkdiff.c - the chunking differential: each file is parsed three times, in one feed,
 * one line per feed and one byte per feed, and the three models must render the same JSON
 * (model_json.h, with groups, sites and the dumps joined), byte for byte. The push parser
 * promises that any chunking gives the same model (parser.h); this checks it on real
 * dumps (`make test-chunks` on samples/, `make test-corpus` on the shared corpus).
 *
 * Then the two-reader split (gs_parser_adopt): the file is cut before lines that begin
 * with "goroutine " (all of them, or SPLITS spread over the file), the two parts read by two
 * parsers, the second merged into the first when adopt accepts, else the first reads on;
 * either way the model must render as the whole read did. And the chained split: cut
 * twice, the middle part read and not finished, adopted or read by the
 * first parser, then the last part the same way.
 *
 *   chunkdiff FILE...     "chunkdiff: N passed, M failed (splits: A adopted, C of them
 *                         chained, R refused)";
 *                         exit status 1 on a failure */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model_json.h"
#include "parser.h"

enum { WHOLE, LINES, BYTES, SPLIT, CHAIN };
static const char *const how_name[] = { "whole", "line by line", "byte by byte", "split",
	                                     "chained split" };

#define SPLITS 400
static unsigned long adopted, refused, chained;

static int read_file(const char *path, struct buf *b)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_add(b, chunk, n) != 0) {
			fclose(f);
			fprintf(stderr, "%s: out of memory\n", path);
			return -1;
		}
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* The part [at, to) (to = the end: the last part, finished) read by a parser of its own,
 * offered to p. 0, or -1 on no memory. */
static int split_at(struct gs_parser *p, const char *name, const struct buf *text, size_t at,
                    size_t to)
{
	struct gs_model *m2 = gs_model_new();
	struct gs_parser *rest = m2 ? gs_parser_new(m2, name) : NULL;
	int rc = -1;

	if (rest != NULL) {
		gs_parser_feed(rest, text->data + at, to - at);
		if (to == text->len)
			gs_parser_finish(rest);
		rc = gs_parser_adopt(p, rest);
		if (rc == 0) {
			refused++;
			gs_parser_feed(p, text->data + at, to - at);
		} else if (rc == 1) {
			adopted++;
			chained += to < text->len;
		}
		rc = 0;
	}
	gs_parser_free(rest);
	gs_model_free(m2);
	return rc;
}

static int render(const char *name, const struct buf *text, int how, size_t at, size_t at2,
                  struct buf *out)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p;
	size_t off = 0, n;
	const char *nl;

	if (m == NULL)
		return -1;
	p = gs_parser_new(m, name);
	if (p == NULL) {
		gs_model_free(m);
		return -1;
	}
	if (how == SPLIT || how == CHAIN) {
		gs_parser_feed(p, text->data, at);
		if ((how == CHAIN && split_at(p, name, text, at, at2) != 0) ||
		    split_at(p, name, text, how == CHAIN ? at2 : at, text->len) != 0) {
			gs_parser_free(p);
			gs_model_free(m);
			return -1;
		}
		off = text->len;
	}
	while (off < text->len) {
		if (how == WHOLE) {
			n = text->len;
		} else if (how == BYTES) {
			n = 1;
		} else {
			nl = memchr(text->data + off, '\n', text->len - off);
			n = nl ? (size_t)(nl - (text->data + off)) + 1 : text->len - off;
		}
		if (gs_parser_feed(p, text->data + off, n) != 0)
			break;
		off += n;
	}
	gs_parser_finish(p);
	buf_adds(out, gs_parser_detected(p));
	buf_addch(out, '\n');
	gs_parser_free(p);
	model_json(m, out);
	buf_addch(out, '\n');
	if (model_json_analyses(m, 0, out) != 0) {
		gs_model_free(m);
		return -1;
	}
	gs_model_free(m);
	return 0;
}

/* Offsets of lines that begin with "goroutine ", up to SPLITS of them spread evenly. */
static size_t split_points(const struct buf *text, size_t *at)
{
	size_t n = 0, seen = 0, i, step;
	const char *p = text->data, *end = text->data + text->len, *hit;

	while ((hit = memmem(p, (size_t)(end - p), "\ngoroutine ", 11)) != NULL) {
		seen++;
		p = hit + 1;
	}
	step = seen > SPLITS ? seen / SPLITS + 1 : 1;
	for (p = text->data, i = 0; n < SPLITS && (hit = memmem(p, (size_t)(end - p),
	                                                        "\ngoroutine ", 11)) != NULL; i++) {
		if (i % step == 0)
			at[n++] = (size_t)(hit + 1 - text->data);
		p = hit + 1;
	}
	return n;
}

/* Prints where a and b part, with some text around it. */
static void show_difference(const char *path, int how, const struct buf *a, const struct buf *b)
{
	size_t i = 0, from;

	while (i < a->len && i < b->len && a->data[i] == b->data[i])
		i++;
	from = i > 60 ? i - 60 : 0;
	printf("FAIL %s: %s differs from whole at byte %zu\n  whole: %.*s\n  %s: %.*s\n", path,
	       how_name[how], i, (int)((a->len - from) < 160 ? a->len - from : 160), a->data + from,
	       how_name[how], (int)((b->len - from) < 160 ? b->len - from : 160), b->data + from);
}

/* The second cut of chained split k: a later split point, near or far. */
static size_t second_cut(const size_t *at, size_t nat, size_t k)
{
	return at[k + 1 + (k * 7) % (nat - k - 1)];
}

int main(int argc, char **argv)
{
	int i, how, pass = 0, fail = 0;
	size_t at[SPLITS] = { 0 }, nat, k, cases;

	for (i = 1; i < argc; i++) {
		struct buf text = BUF_INIT, out[5] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
		int ok = read_file(argv[i], &text) == 0;

		nat = ok ? split_points(&text, at) : 0;
		for (how = WHOLE, k = 0; ok && how <= CHAIN;) {
			size_t at2;

			cases = how == SPLIT ? nat : how == CHAIN ? (nat > 1 ? nat - 1 : 0) : 1;
			if (k >= cases) {
				how++;
				k = 0;
				continue;
			}
			at2 = how == CHAIN ? second_cut(at, nat, k) : 0;
			buf_reset(&out[how]);
			if (render(argv[i], &text, how, at[k], at2, &out[how]) != 0) {
				printf("FAIL %s: out of memory\n", argv[i]);
				ok = 0;
			} else if (how != WHOLE && (out[how].len != out[WHOLE].len ||
			                            memcmp(out[how].data, out[WHOLE].data, out[how].len) != 0)) {
				if (how == SPLIT)
					printf("at byte %zu: ", at[k]);
				if (how == CHAIN)
					printf("at bytes %zu and %zu: ", at[k], at2);
				show_difference(argv[i], how, &out[WHOLE], &out[how]);
				ok = 0;
			}
			k++;
		}
		if (ok)
			pass++;
		else
			fail++;
		buf_release(&text);
		for (how = WHOLE; how <= CHAIN; how++)
			buf_release(&out[how]);
	}
	printf("chunkdiff: %d passed, %d failed (splits: %lu adopted, %lu of them chained, "
	       "%lu refused)\n", pass, fail, adopted, chained, refused);
	return fail ? 1 : 0;
}
