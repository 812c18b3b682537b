/* parser.c - the push API: bytes in, model out.
 *
 * bytes -> (binary probe) -> lines.c (normalising line reader) -> grammar.h (the formats'
 * state machines: events) -> build.h (the model builder, the sink). The format can change
 * inside a stream: a log may hold a crash dump and then a profile. */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "grammar.h"
#include "merge.h"

#define PROBE GS_BINARY_PROBE

struct gs_parser {
	struct gs_model *m;
	uint32_t source;
	struct gs_reader rd;      /* lines and the grammar */
	struct gs_build b;        /* the sink: the model */
	unsigned char probe[PROBE];
	size_t nprobe;
	int probed, binary, failed;
	int finished;             /* gs_parser_finish ran, or gs_parser_adopt ended it */
};

/* heap and allocs print the same text; only the caller knows which endpoint it read. */
void gs_parser_set_kind_hint(struct gs_parser *p, enum gs_kind kind)
{
	if (kind == GS_KIND_HEAP || kind == GS_KIND_ALLOCS)
		p->b.heap_kind = kind;
}

struct gs_parser *gs_parser_new(struct gs_model *m, const char *source_name)
{
	struct gs_parser *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->m = m;
	p->source = gs_model_source(m, source_name);
	/* each line goes to the builder, which runs the grammar on it: bytes -> lines.c ->
	 * build.c (grammar_machines.h -> its events) -> the model */
	if (p->source == UINT32_MAX || gs_reader_init(&p->rd, gs_build_on_line, &p->b) != 0) {
		gs_reader_release(&p->rd);
		free(p);
		return NULL;
	}
	gs_build_init(&p->b, m, p->source, &p->rd.g);
	/* a body the builder saw before goes at once (body.h) */
	gs_lines_set_body(p->rd.lr, gs_build_on_body);
	/* a file saved from /debug/pprof/allocs is usually named so; the CLI can say better */
	p->b.heap_kind = strstr(source_name, "allocs") ? GS_KIND_ALLOCS : GS_KIND_HEAP;
	return p;
}

void gs_parser_free(struct gs_parser *p)
{
	if (p == NULL)
		return;
	gs_reader_release(&p->rd);
	gs_build_release(&p->b);
	free(p);
}

uint32_t gs_parser_source(const struct gs_parser *p)
{
	return p->source;
}

const char *gs_parser_detected(const struct gs_parser *p)
{
	return gs_lines_detected(p->rd.lr);
}

/* What a non-text input looks like, or NULL for text. Control bytes other than
 * whitespace and ESC (colour) are rare in text; a NUL never occurs. */
static const char *binary_kind(const unsigned char *b, size_t n)
{
	size_t i, ctl = 0;

	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return "gzip-compressed data";
	if (n >= 4 && memcmp(b, "\x7f" "ELF", 4) == 0)
		return "an ELF executable";
	for (i = 0; i < n; i++) {
		if (b[i] == 0)
			return b[0] == 0x0a ? "a protobuf pprof profile (debug=0)" : "binary data";
		if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != 0x1b &&
		    b[i] != '\f' && b[i] != '\v')
			ctl++;
	}
	if (ctl * 20 > n)
		return b[0] == 0x0a ? "a protobuf pprof profile (debug=0)" : "binary data";
	return NULL;
}

const char *gs_binary_kind(const void *data, size_t n)
{
	return binary_kind(data, n);
}

int gs_parser_binary(const struct gs_parser *p)
{
	return p->binary;
}

void gs_parser_idle(struct gs_parser *p)
{
	gs_build_idle(&p->b);
}

struct gs_parser *gs_parser_new_after(struct gs_model *m, const char *source_name,
                                      struct gs_parser *from)
{
	const struct gs_model *fm = from->m;
	struct gs_parser *p;

	/* a model that said nothing holds only what the input's text made */
	if (fm->nsamples || fm->nstats || fm->ndiags || fm->diags_dropped || fm->over_budget ||
	    gs_model_seed(m, fm) != 0 || (p = gs_parser_new(m, source_name)) == NULL)
		return NULL;
	gs_build_hand_on(&p->b, &from->b);
	return p;
}

void gs_parser_memo_always(struct gs_parser *p)
{
	p->b.gd.memo_always = 1;
	p->b.gd.memo_on = 1;
}

uint64_t gs_parser_memo_hits(const struct gs_parser *p)
{
	return p->b.gd.memo_hits;
}

uint64_t gs_parser_skel_hits(const struct gs_parser *p)
{
	return p->b.gd.skel_hits;
}

static int check_probe(struct gs_parser *p)
{
	const char *what = binary_kind(p->probe, p->nprobe);

	p->probed = 1;
	if (what) {
		uint32_t d = gs_model_dump(p->m, p->source, GS_KIND_BINARY, 1);

		if (d == UINT32_MAX)
			return -1;
		p->binary = 1;
		gs_model_diag(p->m, GS_ERROR, p->source, 0, NULL, 0,
		              "input is %s, not a text dump: fetch /debug/pprof/goroutine?debug=2 "
		              "(or ?debug=1 for the other profiles); a protobuf profile is read by "
		              "'go tool pprof'", what);
		return 0;
	}
	return gs_lines_feed(p->rd.lr, (const char *)p->probe, p->nprobe);
}

int gs_parser_feed(struct gs_parser *p, const void *data, size_t len)
{
	struct gs_source *src = &p->m->sources[p->source];
	const unsigned char *d = data;
	size_t take;
	int rc;

	/* a stopped parser counts what it read, up to the line it stopped on: bytes fed after
	 * it, in this feed or later ones, depend on how the input was cut (one thread or two) */
	if (p->failed)
		return -1;
	src->bytes += len;
	if (!p->probed) {
		take = PROBE - p->nprobe < len ? PROBE - p->nprobe : len;
		memcpy(p->probe + p->nprobe, d, take);
		p->nprobe += take;
		d += take;
		len -= take;
		if (p->nprobe < PROBE)
			return 0;
		if (check_probe(p) != 0) {
			src->bytes -= len + gs_lines_unread(p->rd.lr);
			p->failed = 1;
			return -1;
		}
	}
	if (p->binary || len == 0)
		return 0;
	rc = gs_lines_feed(p->rd.lr, (const char *)d, len);
	if (rc != 0) {
		src->bytes -= gs_lines_unread(p->rd.lr);
		p->failed = 1;
	}
	return rc ? -1 : 0;
}

/* The input ended: the grammar closes what is open. */
static int close_input(struct gs_parser *p)
{
	return gs_build_finish(&p->b);
}

int gs_parser_finish(struct gs_parser *p)
{
	struct gs_source *s = &p->m->sources[p->source];

	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	if (!p->failed && !p->probed && check_probe(p) != 0)
		p->failed = 1;
	if (!p->failed && !p->binary && gs_lines_finish(p->rd.lr) != 0)
		p->failed = 1;
	if (!p->failed && close_input(p) != 0)
		p->failed = 1;
	s->lines = p->b.last_no;
	if (p->failed) {
		gs_model_stopped(p->m, p->source, p->b.last_no);
		return -1;
	}
	if (!p->binary && p->m->ndumps == s->first_dump && s->bytes > 0)
		gs_model_diag(p->m, GS_ERROR, p->source, 0, NULL, 0,
		              "no goroutine dump or profile found: expected a line like "
		              "'goroutine 1 [running]:' or 'goroutine profile: total N'");
	return 0;
}

/* Would one reader, going on from p's state, have read rest's lines into what rest's
 * model holds? Its first dump, begun on rest's line 1 by a goroutine header, continues
 * p's dump when no id repeats (gs_reader_between); a second dump in rest must have been
 * begun for a reason p's state does not change (a repeated id moves the [running]
 * goroutine before it only when the dump had two). */
static int adoptable(const struct gs_parser *p, const struct gs_parser *rest)
{
	const struct gs_model *m2 = rest->m;
	const struct gs_dump *d0;
	size_t i;

	if (rest->failed || rest->binary || !rest->probed || m2->over_budget ||
	    m2->nsources != 1 || m2->ndumps == 0 || m2->nsamples || m2->nstats)
		return 0;
	d0 = &m2->dumps[0];
	if (d0->first_line != 1 || d0->first_g != 0 || (m2->ndumps > 1 && d0->ng < 2))
		return 0;
	/* gs_model_merge carries goroutine dumps; a profile's header numbers it does not */
	for (i = 0; i < m2->ndumps; i++)
		if (m2->dumps[i].kind != GS_KIND_GOROUTINE)
			return 0;
	if (p->m->max_goroutines && p->m->ngoroutines + m2->ngoroutines > p->m->max_goroutines)
		return 0;
	/* one reader's arrays are at most twice what they hold: with room for twice both
	 * models, it would not have met the memory cap either */
	if (p->m->max_bytes && (p->m->bytes + gs_intern_mem(p->m->strings) + m2->bytes +
	                        gs_intern_mem(m2->strings)) > p->m->max_bytes / 2)
		return 0;
	/* notes the second reader gave that one reader would have worded otherwise */
	if (gs_lines_apart(p->rd.lr, rest->rd.lr))
		return 0;
	return gs_reader_between(&p->rd, &rest->rd) == 2;
}

int gs_parser_adopt(struct gs_parser *p, struct gs_parser *rest)
{
	int chain = !rest->finished;
	uint64_t off = p->b.last_no, ngs;
	uint32_t into = p->b.gd.dump, last, ndumps;
	int rc;

	/* a part shorter than the probe was not handed to its lines yet; a part in the middle
	 * of an input is text or it is refused */
	if (!rest->failed && !rest->probed && check_probe(rest) != 0)
		rest->failed = 1;
	ndumps = rest->m->ndumps;
	ngs = rest->b.gd.ngs;
	if (p->failed || p->finished || p->binary || !p->probed ||
	    (chain && gs_reader_between(&rest->rd, NULL) != 2) || !adoptable(p, rest))
		return 0;
	if (chain) {
		/* what gs_parser_finish would have recorded */
		rest->m->sources[rest->source].lines = rest->b.last_no;
	} else if (close_input(p) != 0) {
		/* p ends here as if its input did: nothing is open, so this only closes the dump */
		p->failed = 1;
	}
	if (!p->failed) {
		size_t from = p->m->ngoroutines;

		rc = gs_model_merge(p->m, p->source, into, rest->m, off);
		if (rc == -1)
			return 0;
		if (rc != 0)
			p->failed = 1;
		else
			gs_build_fold_from(&p->b, from);
	}
	/* p goes on from where rest stopped (its line reader: what it detected is p's too) */
	if (!p->failed && gs_reader_take(&p->rd, &rest->rd, off, chain && ndumps == 1) != 0)
		p->failed = 1;
	if (!p->failed && chain) {
		/* in rest's last dump, now p's last one */
		last = ndumps == 1 ? into : p->m->ndumps - 1;
		p->b.gd.dump = last;
		p->b.gd.ngs += ngs;
		p->b.last_no = off + rest->b.last_no;
		return 1;
	}
	p->finished = 1;
	if (p->failed) {
		gs_model_stopped(p->m, p->source, p->b.last_no);
		return -1;
	}
	p->b.last_no = p->m->sources[p->source].lines;
	return 1;
}
