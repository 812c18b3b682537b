/* parser.h - libgostacks' push API: bytes in, model out. No I/O, no printing, no exit.
 *
 *   struct gs_parser *p = gs_parser_new(model, "dump.txt");
 *   gs_parser_feed(p, chunk, n);   any chunking, as many times as needed
 *   gs_parser_finish(p);           flushes the last line, closes the last dump
 *   gs_parser_free(p);
 *
 * The format is detected from the first meaningful lines and may change inside the stream
 * (a log holding a SIGQUIT dump and then a debug=1 profile yields two dumps). Everything the
 * parser could not read becomes a diagnostic in the model with its line; the rest is read.
 * feed/finish return 0, or -1 when memory or a model cap ran out (a diagnostic says which).
 */
#ifndef GS_PARSER_H
#define GS_PARSER_H

#include <stddef.h>

#include "model.h"

#define GS_MAX_LINE (1u << 20) /* longer lines are cut, with a warning */

struct gs_parser;

struct gs_parser *gs_parser_new(struct gs_model *m, const char *source_name);
int gs_parser_feed(struct gs_parser *p, const void *data, size_t len);
int gs_parser_finish(struct gs_parser *p);
void gs_parser_free(struct gs_parser *p);
uint32_t gs_parser_source(const struct gs_parser *p);  /* index into m->sources */
const char *gs_parser_detected(const struct gs_parser *p); /* normalisations applied */
/* 1 once the first 512 bytes showed binary input (one error in the model says what it
 * looks like): nothing fed after them is read, so a reader may stop (/dev/zero never ends). */
int gs_parser_binary(const struct gs_parser *p);
/* Nothing more will be fed to p for now (a part read by a thread of its own, waiting to be
 * adopted): what only speeds reading (the stack memo, the name and frame caches) is let
 * go. Fed again, p reads on, slower until its caches fill. */
void gs_parser_idle(struct gs_parser *p);
/* A parser of model m (new: nothing added) for a part of the input after from's, for a
 * thread that reads pieces one after another: m starts with from's model's strings,
 * frames and stacks (gs_model_seed), the parser with from's caches and stack memo, so that
 * the dump's stacks are not learned again; from is left idle (gs_parser_idle). Its model
 * may go into another (gs_parser_adopt) only after from's part went into that one (from
 * adopted, or its part read there), since a merge adds what dst does not hold. NULL when
 * from's model is not one to go on from (it said something, or holds profile records)
 * or memory ran out: m is then to be freed. */
struct gs_parser *gs_parser_new_after(struct gs_model *m, const char *source_name,
                                      struct gs_parser *from);
/* For tests: the stack memo reads every body from the first goroutine on, whatever the
 * dump repeats (by default it waits for stacks to repeat: build.c), so that small inputs
 * check its answers against the lines'. */
void gs_parser_memo_always(struct gs_parser *p);
/* Goroutines whose lines the stack memo read at once (a body seen before, whole in one fed
 * chunk): the model is the same either way; for tests and benchmarks. */
uint64_t gs_parser_memo_hits(const struct gs_parser *p);
/* Of those, the ones found by their text (skel.h) rather than by their key. */
uint64_t gs_parser_skel_hits(const struct gs_parser *p);
/* What the first bytes of an input look like when they are not text ("binary data", "an
 * ELF executable", "a protobuf pprof profile (debug=0)", "gzip-compressed data"), NULL for
 * text: the rule the parser applies to its first 512 bytes, for readers of their own (grep). */
const char *gs_binary_kind(const void *data, size_t n);
#define GS_BINARY_PROBE 512
/* heap?debug=1 and allocs?debug=1 print the same text: a "heap profile:" header becomes a
 * GS_KIND_ALLOCS dump when the hint says so (or, without a hint, when the source name
 * contains "allocs"), else GS_KIND_HEAP. Other kinds are ignored. Call before feeding. */
void gs_parser_set_kind_hint(struct gs_parser *p, enum gs_kind kind);

/* Readers of one input, for several threads. p (its model M) was fed the input up to a
 * line that begins with "goroutine "; rest, a parser of a model of its own, was fed
 * everything from that line on and finished, or (a part in the middle) up to a later such
 * line and not finished. When one parser, going on from p, would have read those lines
 * into what rest's model holds (p stands between two goroutines of a goroutine dump, no
 * line prefix in force, no goroutine id of rest's first dump already in p's, ...), rest's
 * model is merged into M, line numbers shifted: 1. A finished rest finishes p; after an
 * unfinished one, p stands where rest stopped and takes the next part (fed, or adopted).
 * Otherwise nothing changes and p expects rest's part of the input: 0 (feed it). A part
 * shorter than the probe of an input's first bytes (512) is probed here.
 * -1 when memory or a model cap ran out (p is finished, with a diagnostic). Either way
 * free rest and its model afterwards: its model is only read, its reader may be spent. */
int gs_parser_adopt(struct gs_parser *p, struct gs_parser *rest);

#endif
