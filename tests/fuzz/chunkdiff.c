/* chunkdiff.c - the chunking differential: each file is parsed three times, in one feed,
 * one line per feed and one byte per feed, and the three models must render the same JSON
 * (model_json.h, with groups, sites and the dumps joined), byte for byte. The push parser
 * promises that any chunking gives the same model (parser.h); this checks it on real
 * dumps (`make test-chunks` on samples/, `make test-corpus` on the shared corpus). A
 * parser fed whole chunks reads each goroutine's body through the stack memo from the
 * first (gs_parser_memo_always; body.h), one fed a line or a byte at a time never can:
 * the memo's answers are checked against the lines' on every file.
 *
 * Then the two-reader split (gs_parser_adopt): the file is cut before lines that begin
 * with "goroutine " (all of them, or SPLITS spread over the file), the two parts read by two
 * parsers (the second going on from the first's, gs_parser_new_after, as split.c's main
 * thread's first piece does), the second merged into the first when adopt accepts, else
 * the first reads on;
 * either way the model must render as the whole read did. And the chained split: cut
 * twice, the middle part read and not finished, the last part by a parser that goes on from
 * the middle part's (gs_parser_new_after: its model seeded, its caches handed on), as a
 * thread reads its pieces; the middle part adopted or read by the first parser, then the
 * last part the same way (adopted only if the middle one was).
 *
 * Then grep's records (records.h), which follow the same grammar: every record handed out is
 * exactly one goroutine or record of the model, in order (its header's line, kind, count,
 * id, state, frames), and every header the model skipped is said to the skip callback with
 * its line, none more. And read in two parts at the split points (gs_records_adopt, or the
 * first reader reads on; the second reader starts with what the first learned of bodies,
 * gs_records_hand_on), the records are the whole read's, lines numbered alike. And read
 * as grep reads them, without their lines and frames (bodies never cut into them), the
 * records have the same text and line counts, and the text is their lines'.
 *
 *   chunkdiff FILE...     "chunkdiff: N passed, M failed (splits: A adopted, C of them
 *                         chained, R refused, S read on from another part's reader;
 *                         records: A adopted, R refused)";
 *                         exit status 1 on a failure */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model_json.h"
#include "parser.h"
#include "records.h"

enum { WHOLE, LINES, BYTES, SPLIT, CHAIN };
static const char *const how_name[] = { "whole", "line by line", "byte by byte", "split",
	                                     "chained split" };

#define SPLITS 400
static unsigned long adopted, refused, chained, seeded, rec_adopted, rec_refused;

static int read_file(const char *path, struct gs_buf *b)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (gs_buf_add(b, chunk, n) != 0) {
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

/* A part of the input read by a parser of its own, as a thread reads a piece. */
struct part {
	struct gs_model *m;
	struct gs_parser *p;
	size_t at, to;
	int adopted;
};

static void part_free(struct part *pt)
{
	gs_parser_free(pt->p);
	gs_model_free(pt->m);
	pt->p = NULL;
	pt->m = NULL;
}

/* A parser for the part [at, to) into pt, one that goes on from parser after
 * (gs_parser_new_after) when after is not NULL and it can, as a thread's reader of its
 * next piece. 0, or -1 on no memory. */
static int part_new(const char *name, size_t at, size_t to, struct gs_parser *after,
                    struct part *pt)
{
	memset(pt, 0, sizeof *pt);
	pt->at = at;
	pt->to = to;
	pt->m = gs_model_new();
	if (pt->m == NULL)
		return -1;
	pt->p = after ? gs_parser_new_after(pt->m, name, after) : NULL;
	if (pt->p == NULL) {
		gs_model_free(pt->m);
		pt->m = gs_model_new();
		pt->p = pt->m ? gs_parser_new(pt->m, name) : NULL;
	} else {
		seeded++;
	}
	if (pt->p == NULL)
		return -1;
	gs_parser_memo_always(pt->p);
	return 0;
}

/* pt's part read (the last part finished). */
static void part_read(const struct gs_buf *text, struct part *pt)
{
	gs_parser_feed(pt->p, text->data + pt->at, pt->to - pt->at);
	if (pt->to == text->len)
		gs_parser_finish(pt->p);
}

/* pt offered to p, taken only when `may` (a part gone on from another is taken only after
 * that one was: split.c); else p reads its text itself. */
static void part_offer(struct gs_parser *p, const struct gs_buf *text, struct part *pt, int may)
{
	int rc = may ? gs_parser_adopt(p, pt->p) : 0;

	pt->adopted = rc == 1;
	if (rc == 0) {
		refused++;
		gs_parser_feed(p, text->data + pt->at, pt->to - pt->at);
	} else if (rc == 1) {
		adopted++;
		chained += pt->to < text->len;
	}
}

static int render(const char *name, const struct gs_buf *text, int how, size_t at, size_t at2,
                  struct gs_buf *out)
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
	if (how != LINES && how != BYTES)
		gs_parser_memo_always(p); /* whole chunks: bodies through the memo, from the first */
	if (how == SPLIT || how == CHAIN) {
		/* the chain's last part goes on from the middle one's reader, made when that
		 * one was read and before it was offered and freed, as split.c does; a split's
		 * from the first parser's, as split.c's main thread's first piece */
		struct part mid = { 0 }, last = { 0 };
		int rc = 0, took = 1;

		gs_parser_feed(p, text->data, at);
		if (how == CHAIN && (rc = part_new(name, at, at2, NULL, &mid)) == 0) {
			part_read(text, &mid);
			rc = part_new(name, at2, text->len, mid.p, &last);
			part_offer(p, text, &mid, 1);
			took = mid.adopted;
			part_free(&mid);
		} else if (how == SPLIT) {
			rc = part_new(name, at, text->len, p, &last);
		}
		if (rc == 0) {
			part_read(text, &last);
			part_offer(p, text, &last, took);
		}
		part_free(&mid);
		part_free(&last);
		if (rc != 0) {
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
	gs_buf_adds(out, gs_parser_detected(p));
	gs_buf_addch(out, '\n');
	gs_parser_free(p);
	model_json(m, out);
	gs_buf_addch(out, '\n');
	if (model_json_analyses(m, 0, out) != 0) {
		gs_model_free(m);
		return -1;
	}
	gs_model_free(m);
	return 0;
}

/* ---- grep's records against the model ---- */

/* The model's goroutines and records in input order: the debug=2 and count-profile ones are
 * goroutines, the heap and contention ones samples; both arrays are in line order. */
struct expect {
	const struct gs_model *m;
	size_t g, s;              /* the next goroutine, the next sample */
	size_t records, skips, bad;
	char why[200];
};

static int agree_frames(struct expect *x, const struct gs_record *r, uint32_t stack)
{
	const struct gs_model *m = x->m;
	const struct gs_stack *st = &m->stacks[stack];
	size_t i;

	if (r->flags & GS_RECORD_CUT)
		return 1; /* the record lost lines past its cap; the model kept them */
	if (st->len != r->nframes)
		return 0;
	for (i = 0; i < r->nframes; i++) {
		const struct gs_frame *f = &m->frames[gs_stack_frames(m, stack)[i]];
		const struct gs_record_frame *rf = &r->frames[i];
		const char *func = gs_str(m, f->func), *file = gs_str(m, f->file);

		if (strlen(func) != rf->func_len || memcmp(func, rf->func, rf->func_len) != 0)
			return 0;
		if (rf->file && (f->line != rf->line || strlen(file) != rf->file_len ||
		                 memcmp(file, rf->file, rf->file_len) != 0))
			return 0;
	}
	return 1;
}

static int expect_record(void *ctx, const struct gs_record *r)
{
	struct expect *x = ctx;
	const struct gs_model *m = x->m;
	const struct gs_goroutine *g = x->g < m->ngoroutines ? &m->goroutines[x->g] : NULL;
	const struct gs_sample *sm = x->s < m->nsamples ? &m->samples[x->s] : NULL;
	uint64_t no = r->lines[0].no;
	int ok;

	x->records++;
	if (g && (!sm || g->line < sm->line)) {
		x->g++;
		ok = g->line == no && g->count == r->count && g->id == r->id &&
		     (r->kind == GS_KIND_GOROUTINE) == (m->dumps[g->dump].kind == GS_KIND_GOROUTINE) &&
		     (r->state == NULL || (strlen(gs_str(m, g->state)) == r->state_len &&
		                           memcmp(gs_str(m, g->state), r->state, r->state_len) == 0)) &&
		     agree_frames(x, r, g->stack);
	} else if (sm) {
		x->s++;
		ok = sm->line == no && r->count == 0 && agree_frames(x, r, sm->stack);
	} else {
		ok = 0;
	}
	if (!ok && x->bad++ == 0)
		snprintf(x->why, sizeof x->why, "record at line %llu is not the model's next",
		         (unsigned long long)no);
	return 0;
}

static void expect_skip(void *ctx, uint64_t line, const char *why, const char *near,
                        size_t near_len)
{
	struct expect *x = ctx;
	const struct gs_model *m = x->m;
	size_t i;

	(void)near;
	(void)near_len;
	x->skips++;
	/* the model says the same, at the same line (unless its diagnostics ran over) */
	if (m->diags_dropped)
		return;
	for (i = 0; i < m->ndiags; i++)
		if (m->diags[i].line == line && strcmp(gs_str(m, m->diags[i].message), why) == 0)
			return;
	if (x->bad++ == 0)
		snprintf(x->why, sizeof x->why, "line %llu skipped, but the model does not say '%s'",
		         (unsigned long long)line, why);
}

/* 0 when the records are the model's; else prints why. */
static int records_agree(const char *path, const struct gs_buf *text)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p = m ? gs_parser_new(m, path) : NULL;
	struct gs_records *r;
	struct expect x;
	uint64_t skipped = 0;
	uint32_t d;
	int rc = 0;

	if (p == NULL) {
		gs_model_free(m);
		return -1;
	}
	gs_parser_feed(p, text->data, text->len);
	gs_parser_finish(p);
	gs_parser_free(p);
	memset(&x, 0, sizeof x);
	x.m = m;
	r = gs_records_new(expect_record, &x);
	if (r == NULL) {
		gs_model_free(m);
		return -1;
	}
	gs_records_on_skip(r, expect_skip, &x);
	if (gs_records_feed(r, text->data, text->len) != 0 || gs_records_finish(r) != 0)
		snprintf(x.why, sizeof x.why, "the records reader stopped"), x.bad++;
	gs_records_free(r);
	for (d = 0; d < m->ndumps; d++)
		skipped += m->dumps[d].skipped;
	if (x.bad == 0 && (x.g != m->ngoroutines || x.s != m->nsamples))
		snprintf(x.why, sizeof x.why, "%zu records for %zu goroutines and %zu records",
		         x.records, m->ngoroutines, m->nsamples), x.bad++;
	if (x.bad == 0 && x.skips != skipped)
		snprintf(x.why, sizeof x.why, "%zu skipped headers said, the model skipped %llu",
		         x.skips, (unsigned long long)skipped), x.bad++;
	/* the model's budget stopped it: what it holds is a prefix; nothing to compare */
	if (x.bad && !m->over_budget) {
		printf("FAIL %s: records: %s\n", path, x.why);
		rc = 1;
	}
	gs_model_free(m);
	return rc;
}

/* Every record as text, its lines numbered in the input (a piece's reader numbers from its
 * own first line: off is the lines before it), so two reads compare with one memcmp. */
struct rec_out {
	struct gs_buf *out;
	uint64_t off;
};

static int record_text(void *ctx, const struct gs_record *r)
{
	struct rec_out *o = ctx;
	size_t i;

	gs_buf_addf(o->out, "%d %u %llu %llu %zu\n", (int)r->kind, r->flags,
	         (unsigned long long)r->count, (unsigned long long)r->id, r->nframes);
	for (i = 0; i < r->nlines; i++) {
		gs_buf_addf(o->out, "%llu ", (unsigned long long)(o->off + r->lines[i].no));
		gs_buf_add(o->out, r->lines[i].text, r->lines[i].len);
		gs_buf_addch(o->out, '\n');
	}
	return 0;
}

static void skip_text(void *ctx, uint64_t line, const char *why, const char *near,
                      size_t near_len)
{
	struct rec_out *o = ctx;

	gs_buf_addf(o->out, "skip %llu %s\n", (unsigned long long)(o->off + line), why);
	(void)near;
	(void)near_len;
}

static uint64_t lines_before(const struct gs_buf *text, size_t at)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < at; i++)
		n += text->data[i] == '\n';
	return n;
}

/* The records of text read as grep reads a large file: the first reader up to `at`, a
 * reader of its own from there up to at2 (not finished), adopted or read by the first,
 * which then reads on to the end (at == at2 == text->len: read whole). */
static void records_read(const struct gs_buf *text, size_t at, size_t at2, struct gs_buf *out)
{
	struct rec_out mine = { out, 0 };
	struct gs_records *r = gs_records_new(record_text, &mine), *rest;

	gs_records_on_skip(r, skip_text, &mine);
	gs_records_feed(r, text->data, at);
	if (at < at2) {
		struct gs_buf held = GS_BUF_INIT;
		struct rec_out theirs = { &held, lines_before(text, at) };

		rest = gs_records_new(record_text, &theirs);
		gs_records_on_skip(rest, skip_text, &theirs);
		gs_records_hand_on(rest, r); /* what r learned of bodies, as grep's threads do */
		gs_records_feed(rest, text->data + at, at2 - at);
		if (gs_records_adopt(r, rest)) {
			gs_buf_add(out, held.data, held.len);
			rec_adopted++;
		} else {
			gs_records_feed(r, text->data + at, at2 - at);
			rec_refused++;
		}
		gs_records_free(rest);
		gs_buf_release(&held);
	}
	gs_records_feed(r, text->data + at2, text->len - at2);
	gs_records_finish(r);
	gs_records_free(r);
}

/* Records as kind, flags, count, id, line count and text; bad: records whose lines are not
 * their text. */
struct plain {
	struct gs_buf out;
	size_t bad;
};

static int record_plain(void *ctx, const struct gs_record *r)
{
	struct plain *pl = ctx;
	struct gs_buf *out = &pl->out;
	size_t i, at = 0;
	int same = 1;

	gs_buf_addf(out, "%d %u %llu %llu %zu\n", (int)r->kind, r->flags,
	            (unsigned long long)r->count, (unsigned long long)r->id, r->nlines);
	gs_buf_add(out, r->text, r->text_len);
	for (i = 0; r->lines && i < r->nlines; i++) {
		const struct gs_record_line *l = &r->lines[i];

		same = same && at + l->len < r->text_len && r->text + at == l->text &&
		       r->text[at + l->len] == '\n';
		at += l->len + 1;
	}
	pl->bad += !same || (r->lines && at != r->text_len);
	return 0;
}

/* 0 when the records read as grep reads them are the records read whole; else prints why. */
static int records_as_grep_agree(const char *path, const struct gs_buf *text)
{
	struct plain full = { GS_BUF_INIT, 0 }, bare = { GS_BUF_INIT, 0 };
	struct gs_records *r;
	int k, rc = 0;

	for (k = 0; k < 2; k++) {
		r = gs_records_new(record_plain, k ? &bare : &full);
		if (r == NULL)
			return -1;
		if (k) {
			gs_records_without_lines(r);
			gs_records_without_frames(r);
		}
		gs_records_feed(r, text->data, text->len);
		gs_records_finish(r);
		gs_records_free(r);
	}
	if (full.bad) {
		printf("FAIL %s: %zu records' lines are not their text\n", path, full.bad);
		rc = 1;
	} else if (full.out.len != bare.out.len ||
	           memcmp(full.out.data, bare.out.data, full.out.len) != 0) {
		printf("FAIL %s: records without lines and frames differ from records with them\n",
		       path);
		rc = 1;
	}
	gs_buf_release(&full.out);
	gs_buf_release(&bare.out);
	return rc;
}

/* Offsets of lines that begin with "goroutine ", up to SPLITS of them spread evenly. */
static size_t split_points(const struct gs_buf *text, size_t *at)
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
static void show_difference(const char *path, int how, const struct gs_buf *a, const struct gs_buf *b)
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
		struct gs_buf text = GS_BUF_INIT, out[5] = { GS_BUF_INIT, GS_BUF_INIT, GS_BUF_INIT, GS_BUF_INIT, GS_BUF_INIT };
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
			gs_buf_reset(&out[how]);
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
		if (ok && records_agree(argv[i], &text) != 0)
			ok = 0;
		if (ok && records_as_grep_agree(argv[i], &text) != 0)
			ok = 0;
		for (k = 0; ok && k < nat; k++) {
			struct gs_buf whole = GS_BUF_INIT, parts = GS_BUF_INIT;

			records_read(&text, text.len, text.len, &whole);
			records_read(&text, at[k], k + 1 < nat ? second_cut(at, nat, k) : text.len,
			             &parts);
			if (whole.len != parts.len || memcmp(whole.data, parts.data, whole.len) != 0) {
				printf("at byte %zu: ", at[k]);
				printf("FAIL %s: records read in two parts differ from whole\n", argv[i]);
				ok = 0;
			}
			gs_buf_release(&whole);
			gs_buf_release(&parts);
		}
		if (ok)
			pass++;
		else
			fail++;
		gs_buf_release(&text);
		for (how = WHOLE; how <= CHAIN; how++)
			gs_buf_release(&out[how]);
	}
	printf("chunkdiff: %d passed, %d failed (splits: %lu adopted, %lu of them chained, "
	       "%lu refused, %lu read on from another part's reader; records: %lu adopted, "
	       "%lu refused)\n", pass, fail, adopted, chained, refused, seeded, rec_adopted,
	       rec_refused);
	return fail ? 1 : 0;
}
