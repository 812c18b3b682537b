/* records.h - goroutines and profile records streamed one at a time, with no model.
 *
 *   struct gs_records *r = gs_records_new(fn, ctx);
 *   gs_records_feed(r, chunk, n);   any chunking, as many times as needed
 *   gs_records_finish(r);           the last record is handed out here
 *   gs_records_free(r);
 *
 * The bytes go through the same normalising line reader as the parser (lines.h: CRLF, BOM,
 * indentation, log prefixes, ANSI colour removed) and the same grammar (grammar.h): the
 * records are the goroutines and records the parser builds, cut where it cuts them, and
 * each is handed, whole, to the callback:
 *   - a goroutine of a dump: its header, function and file lines, "created by" and its
 *     file line, elision and ancestor lines, up to the blank line that ends it;
 *   - a record of a debug=1 profile (goroutine, threadcreate, heap/allocs, mutex/block):
 *     its "N @ 0x..." line, "# labels:" and "#\t0x... FUNC+0x.. FILE:LINE" lines.
 * Headers and frames are read with the parser's own splitters (gs_gor_header_parse,
 * gs_gor_fileline_split, gs_prof_frame_split), so a record reads like the model's goroutine.
 * A goroutine's body of plain lines whole in a fed chunk is taken at once (gs_body_lines,
 * body.h): its text copied in one step, cut into lines and frames as the grammar's events
 * would have added them when the record is handed out, and only for a caller that reads
 * them. A body printed before (the same text but for its arguments and its parent's id) is
 * recognised by its text (skel.h) without a check of its lines.
 * Thread stacks ("goroutine 0 [idle]:"), preambles and trailers belong to no record. A
 * goroutine or record header the grammar cannot read is no record either: it is skipped,
 * as the parser skips it, and said to the skip callback with its line. Memory is one
 * record at a time, capped at GS_RECORD_MAX_BYTES (its text and the bookkeeping of its
 * lines): a stream of any size is read in constant memory (grep).
 * No I/O, no regex.
 */
#ifndef GS_RECORDS_H
#define GS_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define GS_RECORD_MAX_BYTES ((size_t)4 << 20)
#define GS_RECORD_CUT 0x1u /* longer than GS_RECORD_MAX_BYTES: its later lines were dropped */

struct gs_record_line {
	const char *text;  /* normalised: no "\n", no "\r", prefixes removed */
	size_t len;
	uint64_t no;       /* line number in the input */
};

struct gs_record_frame {
	const char *func;  /* without arguments or "+0x" offset */
	size_t func_len;
	const char *file;  /* NULL when no FILE:LINE was read */
	size_t file_len;
	uint32_t line;
};

struct gs_record {
	enum gs_kind kind;     /* GS_KIND_GOROUTINE for a dump's goroutine, else the profile's
	                          (a "heap profile:" is GS_KIND_HEAP) */
	unsigned flags;        /* GS_RECORD_* */
	const struct gs_record_line *lines; /* header first; NULL: gs_records_without_lines */
	size_t nlines;
	const char *text;      /* the lines, each followed by "\n": lines[i].text points in it */
	size_t text_len;
	const struct gs_record_frame *frames; /* the stack, leaf first ("created by" is not in it);
	                                         NULL: gs_records_without_frames */
	size_t nframes;
	uint64_t count;        /* goroutines it stands for: 1 for a dump's goroutine, N of a
	                          count record "N @", 0 for heap and contention records */
	/* dump goroutines only (kind GS_KIND_GOROUTINE): */
	uint64_t id;
	const char *state;     /* without " (leaked)", " (scan)", " (durable)" */
	size_t state_len;
	uint32_t gflags;       /* GS_G_WAIT, GS_G_LOCKED, GS_G_SCAN, GS_G_SYNCTEST, GS_G_LEAKED,
	                          GS_G_DURABLE; a goroutineleak record: GS_G_LEAKED */
	uint32_t wait;         /* minutes, valid with GS_G_WAIT */
	/* labels as printed ("{...}" of the header or of "# labels:"), NULL when none;
	 * gs_labels_canon reads them */
	const char *labels;
	size_t labels_len;
};

/* A non-zero return stops the reader: feed and finish return it. */
typedef int (*gs_record_fn)(void *ctx, const struct gs_record *rec);

struct gs_records;

struct gs_records *gs_records_new(gs_record_fn fn, void *ctx);
/* 0, the callback's non-zero code, or -1 when memory ran out. */
int gs_records_feed(struct gs_records *r, const void *data, size_t len);
int gs_records_finish(struct gs_records *r);
void gs_records_free(struct gs_records *r);
/* A header that could not be read, at line `line`: why (static text) and the text it is
 * about (near, valid during the call, at most 60 bytes). The parser says the same warning
 * and counts the goroutine or record as skipped. */
typedef void (*gs_record_skip_fn)(void *ctx, uint64_t line, const char *why, const char *near,
                                  size_t near_len);
/* The skipped headers go to fn(ctx) (none is said before this is called). */
void gs_records_on_skip(struct gs_records *r, gs_record_skip_fn fn, void *ctx);
/* For a caller that reads a record's text and not its lines or frames, the work of cutting
 * it into them is saved: records are handed out with lines NULL (nlines still counts them,
 * text holds them) or with frames NULL and nframes 0. Call before feeding. */
void gs_records_without_lines(struct gs_records *r);
void gs_records_without_frames(struct gs_records *r);
/* Nothing more will be fed to r for now (a piece read by a thread of its own, waiting to be
 * adopted): the bodies it learned (skel.h) are let go. Fed again, it reads on the same,
 * slower until it learns them again. */
void gs_records_idle(struct gs_records *r);
/* What `from` learned of bodies goes to `to` (another reader, of this input or another):
 * it finds them at once; from is left as after gs_records_idle. The records are the same
 * either way. */
void gs_records_hand_on(struct gs_records *to, struct gs_records *from);
/* Bodies recognised by their text so far (for tests). */
uint64_t gs_records_skel_hits(const struct gs_records *r);
/* Readers of one input, for several threads (grep's). r was fed the input up to a line that
 * begins with "goroutine "; rest, a reader of its own, was fed everything from that line
 * on (finished or not). When r stands between two records there (no record open, no line
 * prefix in force, not in a profile), rest handed out the records r would have: r goes on
 * where rest stopped, with its own callbacks, lines numbered on: 1. Otherwise nothing
 * changes and r expects rest's part of the input: 0 (feed it). Either way free rest. */
int gs_records_adopt(struct gs_records *r, struct gs_records *rest);

#endif
