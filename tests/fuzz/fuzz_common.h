/* fuzz_common.h - what every harness of tests/fuzz/ shares: the control bytes, the chunked
 * feeding, the oracle (chunked and whole parses must render the same JSON).
 *
 * An input is two control bytes, then the text:
 *   byte 0  bits 0-2  how the text is cut into feeds (FZ_CHUNK_*)
 *           bits 3-4  the harness's variant (count: goroutine/threadcreate header, ...)
 *           bits 5-7  which key sets group the dumps, pretty or compact JSON
 *   byte 1  seed of the chunk lengths
 * Inputs shorter than two bytes are ignored. tests/fuzz/README.md says why.
 */
#ifndef GS_FUZZ_COMMON_H
#define GS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum {
	FZ_CHUNK_WHOLE = 0,  /* one feed */
	FZ_CHUNK_BYTES,      /* one byte per feed */
	FZ_CHUNK_SMALL,      /* 1..16 bytes */
	FZ_CHUNK_MEDIUM,     /* 1..600 bytes: crosses the parser's 512-byte probe */
	FZ_CHUNK_LINES,      /* up to and including each "\n" */
	FZ_CHUNK_HALVES,     /* two feeds, cut at seed * size / 256 */
	FZ_CHUNK_LARGE,      /* 1..65536 bytes */
	FZ_CHUNK_EMPTY       /* 0..3 bytes: empty feeds too */
};

struct fz_input {
	unsigned mode;       /* FZ_CHUNK_* */
	unsigned variant;    /* 0..3 */
	unsigned analyses;   /* 0..7 */
	unsigned seed;
	const uint8_t *text;
	size_t len;
};

/* 0, or -1 when the input is too short. */
int fz_input(const uint8_t *data, size_t size, struct fz_input *in);

/* Calls feed(ctx, piece, n) over text cut as mode and seed say; stops at the first non-zero
 * return and returns it. */
typedef int (*fz_feed_fn)(void *ctx, const char *data, size_t len);
int fz_chunks(const char *text, size_t len, unsigned mode, unsigned seed, fz_feed_fn feed,
              void *ctx);

/* head (a header of the harness's format, may be "") then the input's text, through
 * gs_parser into a model, then model_json and model_json_analyses. The same text is parsed
 * again in one feed and must render the same bytes: a difference aborts (a chunking bug).
 * kind_hint: GS_KIND_HEAP / GS_KIND_ALLOCS for the parser, anything else for none. */
void fz_parse_and_check(const char *head, const struct fz_input *in, int kind_hint);

/* Aborts with both texts on stderr when a and b differ (what: which oracle). */
void fz_same(const char *what, const struct gs_buf *a, const struct gs_buf *b);

#endif
