/* parser.c - the push API: format detection and dispatch to the line parsers.
 *
 * bytes -> (binary probe) -> lines.c (normalising line reader) -> goroutine.c, or the
 * parser of the debug=1 profile whose header was seen. The format can change inside a
 * stream: a log may hold a crash dump and then a profile. */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

#include "goroutine.h"
#include "grammar.h"
#include "lines.h"
#include "merge.h"
#include "profile.h"

#define PROBE 512

struct gs_parser {
	struct gs_model *m;
	uint32_t source;
	struct lines *lr;
	struct gor gor;
	enum gs_kind mode;        /* the format the current lines belong to */
	struct prof prof;         /* the debug=1 profile parser */
	enum gs_kind heap_kind;   /* what a "heap profile:" header becomes: heap or allocs */
	unsigned char probe[PROBE];
	size_t nprobe;
	int probed, binary, failed;
	int finished;             /* gs_parser_finish ran, or gs_parser_adopt ended it */
	uint64_t last_no;
};

/* Headers are told by the grammar's one recogniser (gs_header_kind: most lines are turned
 * away by their first byte, inline). */
static int on_line(void *ctx, const struct line *l)
{
	struct gs_parser *p = ctx;
	enum gs_kind k;
	int rc;

	p->last_no = l->no;
	if (l->flags & LINE_CUT)
		gs_model_diag(p->m, GS_WARNING, p->source, l->no, l->text, l->len,
		              "line longer than %u bytes: cut", GS_MAX_LINE);
	k = gs_header_kind(l->text, l->len);
	if (k != GS_KIND_UNKNOWN && k != GS_KIND_GOROUTINE) {
		if (gor_finish(&p->gor, l->no) != 0)
			return -1;
		p->gor.dump = UINT32_MAX;
		if (k == GS_KIND_HEAP)
			k = p->heap_kind;
		p->mode = k;
		return prof_begin(&p->prof, k, l->text, l->len, l->no);
	}
	if (p->mode != GS_KIND_GOROUTINE) {
		if (k == GS_KIND_GOROUTINE) {
			rc = 1;
		} else {
			rc = prof_line(&p->prof, l->text, l->len, l->no);
			if (rc <= 0)
				return rc;
		}
		/* the profile ended: this line is read as a goroutine dump or junk */
		if (prof_finish(&p->prof, 0) != 0)
			return -1;
		p->mode = GS_KIND_GOROUTINE;
	}
	return gor_line(&p->gor, l->text, l->len, l->no);
}

/* heap and allocs print the same text; only the caller knows which endpoint it read. */
void gs_parser_set_kind_hint(struct gs_parser *p, enum gs_kind kind)
{
	if (kind == GS_KIND_HEAP || kind == GS_KIND_ALLOCS)
		p->heap_kind = kind;
}

/* The binary probe looks at an input's first bytes: a part further on has none. */
void gs_parser_set_part(struct gs_parser *p)
{
	if (p->nprobe == 0)
		p->probed = 1;
}

struct gs_parser *gs_parser_new(struct gs_model *m, const char *source_name)
{
	struct gs_parser *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->m = m;
	p->source = gs_model_source(m, source_name);
	p->lr = lines_new(GS_MAX_LINE, on_line, p);
	if (p->source == UINT32_MAX || p->lr == NULL) {
		lines_free(p->lr);
		free(p);
		return NULL;
	}
	p->mode = GS_KIND_GOROUTINE;
	gor_init(&p->gor, m, p->source);
	prof_init(&p->prof, m, p->source);
	/* a file saved from /debug/pprof/allocs is usually named so; the CLI can say better */
	p->heap_kind = strstr(source_name, "allocs") ? GS_KIND_ALLOCS : GS_KIND_HEAP;
	return p;
}

void gs_parser_free(struct gs_parser *p)
{
	if (p == NULL)
		return;
	lines_free(p->lr);
	gor_release(&p->gor);
	prof_release(&p->prof);
	free(p);
}

uint32_t gs_parser_source(const struct gs_parser *p)
{
	return p->source;
}

const char *gs_parser_detected(const struct gs_parser *p)
{
	return lines_detected(p->lr);
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
	return lines_feed(p->lr, (const char *)p->probe, p->nprobe);
}

int gs_parser_feed(struct gs_parser *p, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t take;
	int rc;

	p->m->sources[p->source].bytes += len;
	if (p->failed)
		return -1;
	if (!p->probed) {
		take = PROBE - p->nprobe < len ? PROBE - p->nprobe : len;
		memcpy(p->probe + p->nprobe, d, take);
		p->nprobe += take;
		d += take;
		len -= take;
		if (p->nprobe < PROBE)
			return 0;
		if (check_probe(p) != 0) {
			p->failed = 1;
			return -1;
		}
	}
	if (p->binary || len == 0)
		return 0;
	rc = lines_feed(p->lr, (const char *)d, len);
	if (rc != 0)
		p->failed = 1;
	return rc ? -1 : 0;
}

int gs_parser_finish(struct gs_parser *p)
{
	struct gs_source *s = &p->m->sources[p->source];

	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	if (!p->failed && !p->probed && check_probe(p) != 0)
		p->failed = 1;
	if (!p->failed && !p->binary && lines_finish(p->lr) != 0)
		p->failed = 1;
	if (!p->failed && gor_finish(&p->gor, p->last_no) != 0)
		p->failed = 1;
	if (!p->failed && prof_finish(&p->prof, 1) != 0)
		p->failed = 1;
	s->lines = p->last_no;
	if (p->failed) {
		gs_model_stopped(p->m, p->source, p->last_no);
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
 * p's dump `into` only when no id repeats (a repeated id starts a new dump); a second
 * dump in rest must have been begun for a reason p's state does not change (a repeated
 * id moves the [running] goroutine before it only when the dump had two). */
static int adoptable(const struct gs_parser *p, const struct gs_parser *rest, uint32_t into)
{
	const struct gs_model *m2 = rest->m;
	const struct gs_dump *d0;
	size_t i;

	if (into == UINT32_MAX || rest->failed || rest->binary || !rest->probed ||
	    m2->over_budget || m2->nsources != 1 || m2->ndumps == 0 || m2->nsamples ||
	    m2->nstats || !lines_seen_within(rest->lr, p->lr))
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
	if (p->m->max_bytes && (p->m->bytes + intern_mem(p->m->strings) + m2->bytes +
	                        intern_mem(m2->strings)) > p->m->max_bytes / 2)
		return 0;
	for (i = 0; i < d0->ng; i++)
		if (gor_id_seen(&p->gor, m2->goroutines[i].id))
			return 0;
	return 1;
}

/* A part of the input rest read but did not finish (one in the middle): it stopped where
 * a reader that went on would find a goroutine dump between two goroutines, in the last
 * dump it made. */
static int continuable(const struct gs_parser *rest)
{
	return rest->mode == GS_KIND_GOROUTINE && lines_at_line_start(rest->lr) &&
	       rest->m->ndumps > 0 && gor_at_boundary(&rest->gor) == rest->m->ndumps - 1;
}

int gs_parser_adopt(struct gs_parser *p, struct gs_parser *rest)
{
	int chain = !rest->finished;
	uint64_t off = p->last_no;
	uint32_t into, last;
	int rc;

	if (p->failed || p->finished || p->binary || !p->probed || p->mode != GS_KIND_GOROUTINE ||
	    !lines_at_line_start(p->lr) || (chain && !continuable(rest)))
		return 0;
	into = gor_at_boundary(&p->gor);
	if (!adoptable(p, rest, into))
		return 0;
	if (chain) {
		/* what gs_parser_finish would have recorded */
		rest->m->sources[rest->source].lines = rest->last_no;
	} else if (gor_finish(&p->gor, p->last_no) != 0 || prof_finish(&p->prof, 1) != 0) {
		/* p ends here as if its input did: nothing is open, so this only closes the dump */
		p->failed = 1;
	}
	if (!p->failed) {
		rc = gs_model_merge(p->m, p->source, into, rest->m, off);
		if (rc == -1)
			return 0;
		if (rc != 0)
			p->failed = 1;
	}
	if (!p->failed && chain) {
		/* p goes on from where rest stopped: in rest's last dump, now p's last one */
		last = rest->m->ndumps == 1 ? into : p->m->ndumps - 1;
		if (gor_continue(&p->gor, &rest->gor, last, rest->m->ndumps == 1) == 0) {
			lines_continue(p->lr, rest->lr, off);
			p->last_no = off + rest->last_no;
			return 1;
		}
		p->failed = 1;
	}
	p->finished = 1;
	if (p->failed) {
		gs_model_stopped(p->m, p->source, p->last_no);
		return -1;
	}
	p->last_no = p->m->sources[p->source].lines;
	return 1;
}
