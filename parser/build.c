/* build.c - the model builder's goroutine dumps, and the sink the grammar's machines are
 * compiled into for it. See build.h.
 *
 * A header's event begins a goroutine, function and file events make its frames (one
 * cache lookup per file line when the frame was seen before), its end hash-conses the
 * stack and appends the goroutine to the dump. A profile's events go to build_profile.c.
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "key.h"
#include "object.h"
#include "parser.h"
#include "scan.h"

/* the grammar's machines, with this file's sink_event as their sink */
#define GRAMMAR_SINK struct gs_build
static GS_ALWAYS_INLINE void sink_event(struct gs_build *b, const struct gs_event *e,
                                        const char *s, size_t n, uint64_t no);
#include "grammar_machines.h"

static void diag(struct gs_build *b, enum gs_level lv, uint64_t no, const char *s, size_t n,
                 const char *msg)
{
	gs_model_diag(b->m, lv, b->source, no, s, n, "%s", msg);
}

/* The name cache missed (or is not there): intern s[0..n) and remember it in slot e. */
static uint32_t name_miss(struct gs_build *b, const char *s, size_t n, struct gor_name *e,
                          uint64_t head, uint64_t tail)
{
	uint32_t id = gs_intern_put(b->m->strings, s, n);

	if (id && e) {
		e->head = head;
		e->tail = tail;
		e->text = gs_intern_str(b->m->strings, id);
		e->len = (uint32_t)n;
		e->id = id;
	}
	return id;
}

/* Interned id of s[0..n), through the name cache. 0 on allocation failure. Inline: one
 * call a function line was 4% of a summary's instructions (prologue and epilogue). */
static GS_ALWAYS_INLINE uint32_t name_id(struct gs_build *b, const char *s, size_t n)
{
	struct build_dump *g = &b->gd;
	uint64_t head = 0, tail = 0;
	struct gor_name *e;

	if (g->names == NULL || n == 0)
		return name_miss(b, s, n, NULL, 0, 0);
	if (n >= 8) {
		memcpy(&head, s, 8);
		memcpy(&tail, s + n - 8, 8);
	} else {
		memcpy(&head, s, n);
	}
	e = &g->names[((head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ n) >>
	              (64 - g->cache_bits)];
	/* head and tail already match: only the middle is left to compare */
	if (e->len == n && e->head == head && e->tail == tail &&
	    (n <= 16 || memcmp(e->text + 8, s + 8, n - 16) == 0))
		return e->id;
	return name_miss(b, s, n, e, head, tail);
}

void gs_build_init(struct gs_build *b, struct gs_model *m, uint32_t source,
                   struct gs_grammar *gr)
{
	struct build_dump *g = &b->gd;

	memset(b, 0, sizeof(*b));
	b->m = m;
	b->gr = gr;
	b->source = source;
	b->heap_kind = GS_KIND_HEAP;
	/* without the cache the parser is slower, not wrong */
	g->cache_bits = GOR_CACHE_BITS_SMALL;
	g->names = calloc((size_t)1 << g->cache_bits, sizeof(*g->names));
	g->fcache = calloc((size_t)1 << g->cache_bits, sizeof(*g->fcache));
	gs_buf_init(&g->ftext, GOR_FRAME_TEXT_MAX + 1);
	g->dump = BUILD_NO_DUMP;
	g->rev_dump = BUILD_NO_DUMP;
	gs_buf_init(&g->argtext, 1u << 20);
	gs_memo_init(&g->memo);
	gs_skel_init(&g->skel);
	gs_buf_init(&g->raw, 0);
	b->pd.dump = BUILD_NO_DUMP;
}

void gs_build_release(struct gs_build *b)
{
	struct build_dump *g = &b->gd;

	free(g->frames);
	free(g->argoff);
	free(g->arglen);
	free(g->names);
	free(g->fcache);
	gs_buf_release(&g->ftext);
	gs_buf_release(&g->argtext);
	free(g->rep); /* its charge stays: the model may be gone by now */
	gs_memo_release(&g->memo);
	gs_skel_release(&g->skel);
	gs_buf_release(&g->raw);
	free(g->body);
	gs_build_profile_release(&b->pd);
}

void gs_build_idle(struct gs_build *b)
{
	struct build_dump *g = &b->gd;

	free(g->names);
	free(g->fcache);
	g->names = NULL;
	g->fcache = NULL;
	gs_buf_release(&g->ftext);
	gs_buf_init(&g->ftext, GOR_FRAME_TEXT_MAX + 1);
	gs_memo_release(&g->memo);
	gs_skel_release(&g->skel);
	gs_buf_release(&g->raw);
	free(g->body);
	g->body = NULL;
	g->memo_want = 0;
}

void gs_build_hand_on(struct gs_build *to, struct gs_build *from)
{
	struct build_dump *t = &to->gd, *f = &from->gd;
	struct build_dump keep = *t;
	size_t i;

	/* the caches change hands: from gets to's empty ones, and lets them go */
	t->names = f->names;
	t->fcache = f->fcache;
	t->cache_bits = f->cache_bits;
	t->ftext = f->ftext;
	t->memo = f->memo;
	t->skel = f->skel;
	f->names = keep.names;
	f->fcache = keep.fcache;
	f->cache_bits = keep.cache_bits;
	f->ftext = keep.ftext;
	f->memo = keep.memo;
	f->skel = keep.skel;
	/* a name's text is the model's copy: to's model's now, under the same id */
	for (i = 0; t->names && i < (size_t)1 << t->cache_bits; i++)
		if (t->names[i].len)
			t->names[i].text = gs_intern_str(to->m->strings, t->names[i].id);
	/* bodies are read from the first goroutine on if they were at the end */
	t->memo_on = f->memo_on;
	t->memo_rest = f->memo_rest;
	gs_build_idle(from);
}

/* ---- dumps ---- */

static struct gs_dump *cur_dump(struct gs_build *b)
{
	return b->gd.dump == BUILD_NO_DUMP ? NULL : &b->m->dumps[b->gd.dump];
}

static void touch(struct gs_build *b, uint64_t no)
{
	struct gs_dump *d = cur_dump(b);

	if (d && no > d->last_line)
		d->last_line = no;
}

/* A dump begins; with GS_EVF_MOVE the goroutine read last (the previous dump's last) was
 * the writer of this one and moves into it. */
static int begin_dump(struct gs_build *b, unsigned flags, uint64_t no)
{
	struct gs_model *m = b->m;
	struct gs_dump *d = cur_dump(b);
	struct gs_goroutine moved;
	size_t last = 0;
	uint32_t id;
	int move = (flags & GS_EVF_MOVE) && d != NULL && d->ng > 1;

	if (move) {
		last = d->first_g + d->ng - 1;
		moved = m->goroutines[last];
		d->ng--;
	}
	id = gs_model_dump(m, b->source, GS_KIND_GOROUTINE, no);
	if (id == BUILD_NO_DUMP)
		return -1;
	b->gd.dump = id;
	if (move) {
		d = &m->dumps[id];
		d->first_g = last;
		d->ng = 1;
		d->first_line = moved.line;
		m->goroutines[last].dump = id;
	}
	return 0;
}

/* A line of crash text (a panic, a signal, what the grammar begins a dump with) on a line
 * of a dump pasted newest line first, after that dump's goroutines: the text Go printed
 * above them, which the paste puts below. It belongs to that dump, and names its last
 * goroutine as the one that failed (the first one, in Go's order). */
static int reversed_tail(struct gs_build *b, const struct gs_dump *d, uint64_t no)
{
	const struct build_dump *g = &b->gd;

	return no == g->moved_no && d != NULL && g->rev_dump == g->dump && d->ng > 0;
}

/* ---- the goroutine being read ---- */

/* Room for n frames: 0, or -1 without memory. */
static int frames_reserve(struct build_dump *g, uint32_t n)
{
	while (g->cap < n) {
		uint32_t ncap = g->cap ? g->cap * 2 : 64;
		uint32_t *a1 = realloc(g->frames, ncap * sizeof(*a1)), *a2, *a3;

		if (a1 == NULL)
			return -1;
		g->frames = a1;
		if ((a2 = realloc(g->argoff, ncap * sizeof(*a2))) == NULL)
			return -1;
		g->argoff = a2;
		if ((a3 = realloc(g->arglen, ncap * sizeof(*a3))) == NULL)
			return -1;
		g->arglen = a3;
		g->cap = ncap;
	}
	return 0;
}

/* frame f (made or found) appended to the goroutine being read: the rare cases (the cap,
 * growth) out of line, so that the per-frame path is three stores */
static int push_frame_slow(struct gs_build *b, uint32_t f, uint32_t aoff, uint32_t alen)
{
	struct build_dump *g = &b->gd;

	if (g->nframes >= BUILD_MAX_FRAMES) {
		if (!g->frames_capped)
			gs_model_diag(b->m, GS_WARNING, b->source, g->pending_no, NULL, 0,
			              "goroutine %llu has more than %u frames: the rest of its stack is "
			              "dropped (marked elided)", (unsigned long long)g->cur.id,
			              BUILD_MAX_FRAMES);
		g->frames_capped = 1;
		g->stack_flags |= GS_STACK_ELIDED;
		return 0;
	}
	if (frames_reserve(g, g->nframes + 1) != 0)
		return -1;
	g->frames[g->nframes] = f;
	g->argoff[g->nframes] = aoff;
	g->arglen[g->nframes] = alen;
	g->nframes++;
	return 0;
}

static GS_ALWAYS_INLINE int push_frame_id(struct gs_build *b, uint32_t f, uint32_t aoff,
                                          uint32_t alen)
{
	struct build_dump *g = &b->gd;
	uint32_t k = g->nframes;

	if (k >= g->cap || k >= BUILD_MAX_FRAMES)
		return push_frame_slow(b, f, aoff, alen);
	g->frames[k] = f;
	g->argoff[k] = aoff;
	g->arglen[k] = alen;
	g->nframes = k + 1;
	return 0;
}

static int push_frame(struct gs_build *b, uint32_t func, uint32_t file, uint32_t line,
                      uint32_t aoff, uint32_t alen)
{
	uint32_t f;

	if (b->gd.nframes >= BUILD_MAX_FRAMES)
		return push_frame_id(b, 0, aoff, alen); /* says so, once */
	f = gs_model_frame(b->m, func, file, line);
	return f ? push_frame_id(b, f, aoff, alen) : -1;
}

/* ---- the frame cache: (function, file line text) -> frame ---- */

/* Both caches at their full size, empty: they are only caches. Without memory they stay. */
static void caches_grow(struct build_dump *g)
{
	struct gor_name *nn = calloc((size_t)1 << GOR_CACHE_BITS, sizeof(*nn));
	struct gor_frame *nf = calloc((size_t)1 << GOR_CACHE_BITS, sizeof(*nf));

	if (nn == NULL || nf == NULL || g->names == NULL || g->fcache == NULL) {
		free(nn);
		free(nf);
		return;
	}
	free(g->names);
	free(g->fcache);
	g->names = nn;
	g->fcache = nf;
	g->cache_bits = GOR_CACHE_BITS;
	gs_buf_reset(&g->ftext);
}

static inline struct gor_frame *frame_slot(const struct build_dump *g, uint32_t func, const char *s,
                                    size_t n)
{
	uint64_t tail = 0;

	if (n >= 8)
		memcpy(&tail, s + n - 8, 8); /* one load; a variable length would be a call */
	else
		memcpy(&tail, s, n);
	return &g->fcache[((tail * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)func * 0xc2b2ae3d27d4eb4full) ^
	                   n) >> (64 - g->cache_bits)];
}

/* The frame a file line after function func made before, 0 when not known. */
static inline uint32_t frame_cached(const struct build_dump *g, uint32_t func, const char *s, size_t n)
{
	const struct gor_frame *e;

	if (g->fcache == NULL)
		return 0;
	e = frame_slot(g, func, s, n);
	if (e->frame && e->func == func && e->len == n && memcmp(g->ftext.data + e->text, s, n) == 0)
		return e->frame;
	return 0;
}

static void frame_remember(struct build_dump *g, uint32_t func, const char *s, size_t n,
                           uint32_t frame)
{
	struct gor_frame *e;

	if (g->fcache == NULL || n > UINT32_MAX)
		return;
	if (g->ftext.len + n > GOR_FRAME_TEXT_MAX) {
		/* full: start afresh rather than grow (a dump of endless distinct frames) */
		memset(g->fcache, 0, sizeof(*g->fcache) << g->cache_bits);
		gs_buf_reset(&g->ftext);
	}
	e = frame_slot(g, func, s, n);
	e->text = g->ftext.len;
	if (gs_buf_add(&g->ftext, s, n) != 0)
		return;
	e->func = func;
	e->len = (uint32_t)n;
	e->frame = frame;
}

/* A function line whose file line never came: keep the frame with an unknown place. */
static int flush_pending(struct gs_build *b)
{
	struct build_dump *g = &b->gd;

	if (!g->pending)
		return 0;
	g->pending = 0;
	return push_frame(b, g->pending_func, 0, 0, g->pending_argoff, g->pending_arglen);
}

/* The object the goroutine just appended waits on (object.h), from its own argument words
 * of the frames its stack names: the first exact one. Asked only of goroutines whose stack
 * waits on one. 0, -1 when memory ran out. */
static int wait_object(struct gs_build *b, const struct gs_stack *st)
{
	struct build_dump *g = &b->gd;
	uint64_t object = 0;
	uint32_t at;
	int k;

	for (k = 0; k < GS_STACK_OBJ_FRAMES && st->obj_at[k] && object == 0; k++) {
		at = st->obj_at[k] - 1u;
		if (at < g->nframes)
			object = gs_object_parse((enum gs_object_kind)st->obj_kind,
			                         g->argtext.data + g->argoff[at], g->arglen[at]);
	}
	return object ? gs_model_set_object(b->m, b->m->ngoroutines - 1, object) : 0;
}

/* ---- repeats (model.h: fold_repeats) ---- */

#define REP_TAG 0xffffffff00000000u

/* What of a goroutine's wait must be equal: the minutes, or their bucket (GS_FOLD_WAITS). */
static uint32_t rep_wait(int fold, const struct gs_goroutine *g)
{
	return fold == GS_FOLD_WAITS ? (uint32_t)gs_wait_bucket(g) : g->wait;
}

static uint64_t rep_hash(int fold, const struct gs_goroutine *g)
{
	const uint64_t k = 0xff51afd7ed558ccdu;
	uint64_t h = 0x9e3779b97f4a7c15u;

	h = (h ^ (g->stack | (uint64_t)g->state << 32)) * k;
	h = (h ^ (g->creator | (uint64_t)g->labels << 32)) * k;
	h = (h ^ (rep_wait(fold, g) | (uint64_t)g->flags << 32)) * k;
	h = (h ^ (g->bubble | (uint64_t)g->dump << 32)) * k;
	h = (h ^ g->parent) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

/* Equal in all a report without ids and lines could show. */
static int rep_equal(int fold, const struct gs_goroutine *a, const struct gs_goroutine *b)
{
	return a->stack == b->stack && a->state == b->state &&
	       rep_wait(fold, a) == rep_wait(fold, b) && a->creator == b->creator &&
	       a->labels == b->labels && a->flags == b->flags && a->bubble == b->bubble &&
	       a->dump == b->dump && a->parent == b->parent;
}

/* x, standing for goroutines waiting x->wait to hi minutes, counted on e: with
 * GS_FOLD_WAITS e's waits become the range of both. 0, -1 when memory ran out (then x is
 * kept). */
static int rep_count(struct gs_model *m, size_t e, const struct gs_goroutine *x, uint32_t hi)
{
	struct gs_goroutine *g = &m->goroutines[e];
	uint32_t ehi = gs_goroutine_wait_max(m, e), lo = x->wait < g->wait ? x->wait : g->wait;

	if (hi < ehi)
		hi = ehi;
	/* the longest is kept apart once it differs from the shortest (or did) */
	if ((hi != lo || ehi != g->wait) && gs_model_set_wait_max(m, e, hi) != 0)
		return -1;
	g->wait = lo;
	g->count += x->count;
	return 0;
}

/* The table twice as large, when the model's budget has room: 0, -1 when not (the
 * goroutines are kept, not folded: folding saves memory, it is never needed). */
static int rep_grow(struct gs_build *b)
{
	struct build_dump *g = &b->gd;
	struct gs_model *m = b->m;
	size_t cap = g->rep_cap ? g->rep_cap * 2 : 1024, i, j, more;
	uint64_t *t;

	more = (cap - g->rep_cap) * sizeof(*t);
	if (cap > ((size_t)1 << 32) ||
	    (m->max_bytes && m->bytes + gs_intern_mem(m->strings) + more > m->max_bytes))
		return -1;
	t = calloc(cap, sizeof(*t));
	if (t == NULL)
		return -1;
	for (i = 0; i < g->rep_cap; i++) {
		if (g->rep[i] == 0)
			continue;
		for (j = (size_t)(g->rep[i] >> 32) & (cap - 1); t[j]; j = (j + 1) & (cap - 1))
			;
		t[j] = g->rep[i];
	}
	free(g->rep);
	g->rep = t;
	g->rep_cap = cap;
	m->bytes += more;
	return 0;
}

/* x (waits up to hi), complete and followed by another goroutine of its dump: counted on
 * an equal earlier one (1), or kept at index `at`, then findable by later ones (0). */
static int rep_fold(struct gs_build *b, const struct gs_goroutine *x, uint32_t hi, size_t at)
{
	struct build_dump *g = &b->gd;
	int fold = b->m->fold_repeats;
	struct gs_goroutine *gs = b->m->goroutines;
	uint64_t h = rep_hash(fold, x), tag = h & REP_TAG;
	size_t j, e;

	if (at >= UINT32_MAX)
		return 0;
	if ((g->rep_n + 1) * 2 > g->rep_cap && rep_grow(b) != 0 && g->rep_n == 0)
		return 0;
	for (j = (size_t)(h >> 32) & (g->rep_cap - 1); g->rep[j]; j = (j + 1) & (g->rep_cap - 1)) {
		if ((g->rep[j] & REP_TAG) != tag)
			continue;
		e = (size_t)(g->rep[j] & ~REP_TAG) - 1;
		if (rep_equal(fold, &gs[e], x) && x->count <= UINT64_MAX - gs[e].count)
			return rep_count(b->m, e, x, hi) == 0;
	}
	if ((g->rep_n + 1) * 2 <= g->rep_cap) {
		g->rep[j] = tag | (at + 1);
		g->rep_n++;
	}
	return 0;
}

/* rep_fold's two loads, for the goroutine x just appended, started early: it is folded
 * when the next one ends, and by then the table's slot and the entry it names are
 * mostly out of the cache (a body's text and the skel's went through it). The slot is
 * asked for now, the entry at the next header (rep_prefetch_entry). Only hints: a slot
 * that changes in between is read again by rep_fold. */
static void rep_prefetch_slot(struct build_dump *g, int fold, const struct gs_goroutine *x)
{
	if (g->rep_cap == 0)
		return;
	g->rep_next = rep_hash(fold, x);
	__builtin_prefetch(&g->rep[(size_t)(g->rep_next >> 32) & (g->rep_cap - 1)]);
}

static void rep_prefetch_entry(struct gs_build *b)
{
	struct build_dump *g = &b->gd;
	uint64_t v;

	if (g->rep_cap == 0 || g->rep_next == 0)
		return;
	v = g->rep[(size_t)(g->rep_next >> 32) & (g->rep_cap - 1)];
	if (v != 0 && (v & REP_TAG) == (g->rep_next & REP_TAG) &&
	    (v & ~REP_TAG) - 1 < b->m->ngoroutines)
		__builtin_prefetch(&b->m->goroutines[(v & ~REP_TAG) - 1]);
	g->rep_next = 0;
}

/* The goroutine appended last, now that another of its dump follows it (so it is not the
 * dump's last): dropped when rep_fold counted it on an equal one, with the object it
 * waits on (the slot is the next goroutine's). Not its dump's first. */
static void fold_previous(struct gs_build *b)
{
	struct gs_model *m = b->m;
	struct gs_dump *d = &m->dumps[b->gd.dump];
	size_t p = m->ngoroutines - 1;

	if (m->ngoroutines == 0 || p <= d->first_g || p + 1 != d->first_g + d->ng)
		return;
	if (rep_fold(b, &m->goroutines[p], gs_goroutine_wait_max(m, p), p) == 1) {
		m->ngoroutines--;
		d->ng--;
		if (p < m->nobjects)
			m->objects[p] = 0;
		if (p < m->nwait_hi)
			m->wait_hi[p] = 0;
	}
}

/* Entry r moved down to w (w < r), with its object and longest wait. */
static void move_entry(struct gs_model *m, size_t r, size_t w)
{
	m->goroutines[w] = m->goroutines[r];
	if (w < m->nobjects)
		m->objects[w] = r < m->nobjects ? m->objects[r] : 0;
	if (w < m->nwait_hi)
		m->wait_hi[w] = r < m->nwait_hi ? m->wait_hi[r] : 0;
}

int gs_build_fold_from(struct gs_build *b, size_t from)
{
	struct gs_model *m = b->m;
	size_t r, w = from, first, end;
	uint32_t d;

	if (!m->fold_repeats)
		return 0;
	/* dump by dump, in order (their goroutines are): the one the part went on, and those it
	 * began, which move down with it (an empty one too) */
	for (d = 0; d < m->ndumps; d++) {
		first = m->dumps[d].first_g;
		end = first + m->dumps[d].ng;
		if (m->dumps[d].kind != GS_KIND_GOROUTINE || end <= from)
			continue;
		if (first >= from)
			m->dumps[d].first_g = w;
		for (r = first > from ? first : from; r < end; r++) {
			struct gs_goroutine x = m->goroutines[r];

			if (r != first && r + 1 != end &&
			    rep_fold(b, &x, gs_goroutine_wait_max(m, r), w) == 1) {
				m->dumps[d].ng--;
				continue;
			}
			if (w != r)
				move_entry(m, r, w);
			w++;
		}
	}
	for (r = w; r < m->ngoroutines; r++) {
		if (r < m->nobjects)
			m->objects[r] = 0;
		if (r < m->nwait_hi)
			m->wait_hi[r] = 0;
	}
	m->ngoroutines = w;
	return 0;
}

/* ---- when the stack memo reads bodies (gs_build_on_body) ---- */

/* A goroutine ended, its stack one the model had (repeat). Reading a body costs about a
 * third of reading its lines, and a hit saves the rest: the memo pays when a quarter of
 * the goroutines or more repeat a stack. So after each window of goroutines the bodies of
 * the next are read when a quarter of the window repeated (a dump of distinct stacks never
 * reads one; a memo that is still learning goes on, as its misses are remembered). A
 * window whose bodies were read and of no use (no hit, nothing remembered: bodies of
 * lines the memo keeps none of, "fp=" words) puts the memo to rest (gs_memo_rest). Bodies
 * are read only while memo_on, which changes only here: a window with tries had it on. */
static void memo_window(struct build_dump *g, int repeat)
{
	g->win_repeat += repeat != 0;
	if (++g->win_n < GS_MEMO_WINDOW)
		return;
	if (g->win_tries >= GS_MEMO_WINDOW / 2)
		gs_memo_rest(&g->memo_skip, &g->memo_rest, g->win_tries, g->win_useful);
	g->memo_on = g->win_repeat >= GS_MEMO_WINDOW / 4 || g->memo_always;
	if (g->memo_always)
		g->memo_skip = 0;
	g->win_n = 0;
	g->win_repeat = 0;
	g->win_tries = 0;
	g->win_useful = 0;
}

/* Ends the goroutine: its stack is hash-consed and the goroutine appended to the model.
 * Arguments are interned only for a stack seen for the first time (the representative),
 * so memory follows distinct stacks, not goroutines. */
static int end_goroutine(struct gs_build *b)
{
	struct build_dump *g = &b->gd;
	struct gs_model *m = b->m;
	struct gs_goroutine *out;
	uint32_t before, st, i;
	struct gs_stack *s;

	if (!g->have_g)
		return 0;
	g->have_g = 0;
	if (flush_pending(b) != 0)
		return -1;
	before = m->nstacks;
	if (g->memo_stack) {
		st = g->memo_stack; /* gs_build_on_body: a stack the model has */
		g->memo_stack = 0;
	} else {
		st = gs_model_stack(m, g->frames, NULL, g->nframes, g->stack_flags);
	}
	if (st == 0 && g->nframes > 0)
		return -1;
	memo_window(g, m->nstacks == before);
	if (m->nstacks > before && st != 0) {
		s = &m->stacks[st];
		for (i = 0; i < g->nframes; i++)
			m->stack_args[s->first + i] =
				gs_intern_put(m->strings, g->argtext.data + g->argoff[i], g->arglen[i]);
	}
	if (m->fold_repeats)
		fold_previous(b);
	out = gs_model_goroutine(m);
	if (out == NULL)
		return -1; /* a cap or no memory: gs_parser_finish says which (gs_model_stopped) */
	g->cur.stack = st;
	g->cur.dump = g->dump;
	*out = g->cur;
	if (m->fold_repeats)
		rep_prefetch_slot(g, m->fold_repeats, out);
	if (st != 0 && m->stacks[st].obj_kind && wait_object(b, &m->stacks[st]) != 0)
		return -1;
	m->dumps[g->dump].ng++;
	g->last_g = m->ngoroutines - 1;
	g->nframes = 0;
	g->stack_flags = 0;
	gs_buf_reset(&g->argtext);
	return 0;
}

/* The goroutine of a header the grammar read (gs_gor_header_parse): its fields, its labels
 * and state interned, and what in the header was not understood. */
static int start_goroutine(struct gs_build *b, const struct gor_header *h, const char *s,
                           uint64_t no)
{
	struct build_dump *g = &b->gd;
	struct gs_goroutine *c = &g->cur;
	unsigned k;
	int bad;

	rep_prefetch_entry(b);
	memset(c, 0, sizeof(*c));
	c->id = h->id;
	c->line = no;
	c->count = 1;
	c->flags = h->flags;
	c->wait = h->wait;
	c->bubble = h->bubble;
	if (h->labels_len) {
		c->labels = gs_labels_intern(b->m, s + h->labels, h->labels_len, &bad);
		if (bad == GS_LABELS_TOO_MANY)
			gs_model_diag(b->m, GS_WARNING, b->source, no, s + h->labels, h->labels_len,
			              "more than %d labels in one set; goroutine kept without them",
			              GS_MAX_LABELS);
		else if (bad)
			gs_model_diag(b->m, GS_WARNING, b->source, no, s + h->labels, h->labels_len,
			              "labels not understood; goroutine kept without them");
	}
	if (h->bad_why)
		gs_model_diag(b->m, GS_WARNING, b->source, no, s + h->bad, h->bad_len, "%s",
		              h->bad_why);
	c->state = name_id(b, s + h->state, h->state_len);
	if (c->state != 0)
		for (k = 0; k < h->nunknown; k++)
			gs_model_diag(b->m, GS_NOTE, b->source, no, s + h->unknown[k], h->unknown_len[k],
			              "unknown header suffix ignored");
	c->dump = g->dump;
	g->have_g = 1;
	g->memo_want = 0;
	g->memo_stack = 0;
	if (++g->ngs >= GOR_CACHE_GROW_AFTER && g->cache_bits < GOR_CACHE_BITS)
		caches_grow(g);
	g->nframes = 0;
	g->frames_capped = 0;
	g->stack_flags = 0;
	gs_buf_reset(&g->argtext);
	return 0;
}

/* FILE and LINE of a file line: 0, -1 when the line is not FILE:LINE, -2 when memory ran
 * out. */
static int parse_fileline(struct gs_build *b, const char *s, size_t n, uint64_t no,
                          uint32_t *file, uint32_t *line)
{
	size_t f, flen;
	int rc = gs_gor_fileline_split(s, n, &f, &flen, line);

	if (rc < 0)
		return -1;
	if (rc > 0)
		diag(b, GS_WARNING, no, s, n, "line number does not fit in 32 bits: frame kept with line 0");
	*file = name_id(b, s + f, flen);
	return *file ? 0 : -2;
}

/* funcline = FUNCNAME "(" args ")", the args' "(" at o: the function waits for its file
 * line; its arguments are kept as text, shown but never keyed. */
static GS_ALWAYS_INLINE int func_line(struct gs_build *b, const char *s, size_t n, size_t o, uint64_t no)
{
	struct build_dump *g = &b->gd;

	if (flush_pending(b) != 0)
		return -1;
	g->pending_func = name_id(b, s, o);
	if (g->pending_func == 0)
		return -1;
	g->pending_argoff = (uint32_t)g->argtext.len;
	if (g->argtext.cap - g->argtext.len > n - o) {
		/* the common case, without a call: room is there */
		memcpy(g->argtext.data + g->argtext.len, s + o, n - o);
		g->argtext.len += n - o;
		g->argtext.data[g->argtext.len] = '\0';
		g->pending_arglen = (uint32_t)(n - o);
	} else if (gs_buf_add(&g->argtext, s + o, n - o) != 0) {
		/* args past the scratch cap are dropped: they are only shown, never keyed */
		g->pending_arglen = 0;
	} else {
		g->pending_arglen = (uint32_t)(n - o);
	}
	g->pending_no = no;
	g->pending = 1;
	return 0;
}

/* fileline = WS FILE ":" LINE [ " +0x" HEX ] [ fpsp ]: the frame of the waiting function. */
static GS_ALWAYS_INLINE int file_line(struct gs_build *b, const char *s, size_t n, uint64_t no)
{
	struct build_dump *g = &b->gd;
	uint32_t file, line, f;
	int rc;

	/* most frames repeat, file line and all: one lookup instead of a parse */
	f = frame_cached(g, g->pending_func, s, n);
	if (f) {
		g->pending = 0;
		return push_frame_id(b, f, g->pending_argoff, g->pending_arglen);
	}
	rc = parse_fileline(b, s, n, no, &file, &line);
	if (rc == -2)
		return -1;
	if (rc != 0) {
		diag(b, GS_WARNING, no, s, n, "expected FILE:LINE after a function line");
		file = 0;
		line = 0;
	}
	g->pending = 0;
	f = g->nframes;
	if (push_frame(b, g->pending_func, file, line, g->pending_argoff, g->pending_arglen) != 0)
		return -1;
	if (rc == 0 && g->nframes > f)
		frame_remember(g, g->pending_func, s, n, g->frames[f]);
	return 0;
}

/* created = "created by " FUNCNAME [ " in goroutine " GOID ] */
static int created_line(struct gs_build *b, const char *s, size_t n, uint64_t no)
{
	struct build_dump *g = &b->gd;
	const char *in = NULL;
	size_t fe = n;

	if (flush_pending(b) != 0)
		return -1;
	if (n > 11 + 14) {
		/* search from the right: names may contain spaces (generic shapes) */
		size_t k;

		for (k = n - 14; k > 11; k--)
			if (memcmp(s + k, " in goroutine ", 14) == 0) {
				in = s + k;
				break;
			}
	}
	if (in) {
		size_t k = (size_t)(in - s) + 14;
		uint64_t parent = 0;

		if (scan_u64(s, n, &k, &parent) == 0 && k == n) {
			g->cur.parent = parent;
			fe = (size_t)(in - s);
		} else if (k < n && scan_is_digit(s[k])) {
			while (k < n && scan_is_digit(s[k]))
				k++;
			if (k == n) {
				diag(b, GS_WARNING, no, in + 1, n - (size_t)(in + 1 - s),
				     "parent goroutine id does not fit in 64 bits: parent unknown");
				fe = (size_t)(in - s);
			}
		}
	}
	g->pending_func = name_id(b, s + 11, fe - 11);
	return g->pending_func ? 0 : -1;
}

/* The creator's file line, or none (s NULL). */
static int creator_line(struct gs_build *b, const char *s, size_t n, uint64_t no)
{
	struct build_dump *g = &b->gd;
	uint32_t file = 0, line = 0;
	int rc;

	if (s) {
		rc = parse_fileline(b, s, n, no, &file, &line);
		if (rc == -2)
			return -1;
		if (rc != 0) {
			diag(b, GS_WARNING, no, s, n, "expected FILE:LINE after 'created by'");
			file = 0;
			line = 0;
		}
	}
	g->cur.creator = gs_model_frame(b->m, g->pending_func, file, line);
	return g->cur.creator ? 0 : -1;
}

/* The open goroutine ends. At the end of the input (or a profile's start) a goroutine cut
 * inside a frame says so, and its stack is marked cut. */
static int goroutine_end(struct gs_build *b, unsigned flags, uint64_t no)
{
	struct build_dump *g = &b->gd;
	uint32_t st;
	int remember;

	if (!g->have_g)
		return 0;
	/* read the long way, its body as gs_body_read read it, and nothing said: the memo
	 * learns what it made */
	remember = g->memo_want && flags == 0 && no == g->memo_end && !g->pending &&
	           g->stack_flags == 0 && !g->frames_capped && g->nframes == g->body->nframes &&
	           (g->cur.creator != 0) == g->body->created && !(g->cur.flags & GS_G_UNAVAILABLE) &&
	           b->m->diags_said == g->memo_said;
	g->memo_want = 0;
	if (remember) {
		if (end_goroutine(b) != 0)
			return -1;
		st = b->m->goroutines[g->last_g].stack;
		if (gs_memo_add(&g->memo, g->body, st, g->cur.creator)) {
			g->win_useful++;
			gs_skel_add(&g->skel, g->body, g->raw.data, st, g->cur.creator);
		}
		return 0;
	}
	if (flags & GS_EVF_TRUNCATED)
		g->cur.flags |= GS_G_TRUNCATED;
	if ((flags & GS_EVF_TRUNCATED) && (flags & GS_EVF_EOF)) {
		gs_model_diag(b->m, GS_WARNING, b->source, no, NULL, 0,
		              "input ends inside goroutine %llu: its stack is cut",
		              (unsigned long long)g->cur.id);
		if (g->dump != BUILD_NO_DUMP)
			b->m->dumps[g->dump].flags |= GS_DUMP_TRUNCATED;
	}
	if ((flags & GS_EVF_EOF) && (g->cur.flags & GS_G_TRUNCATED))
		g->stack_flags |= GS_STACK_TRUNCATED;
	return end_goroutine(b);
}

/* The input ended on a line not understood where a frame belonged: the goroutine it cut. */
static void goroutine_cut(struct gs_build *b, unsigned flags, uint64_t no)
{
	struct build_dump *g = &b->gd;
	struct gs_goroutine *cut;

	if (flags & GS_EVF_OPEN)
		cut = g->have_g ? &g->cur : NULL;
	else
		cut = g->last_g < b->m->ngoroutines ? &b->m->goroutines[g->last_g] : NULL;
	if (cut == NULL)
		return;
	cut->flags |= GS_G_TRUNCATED;
	if (cut->dump < b->m->ndumps)
		b->m->dumps[cut->dump].flags |= GS_DUMP_TRUNCATED;
	gs_model_diag(b->m, GS_WARNING, b->source, no, NULL, 0,
	              "input ends inside goroutine %llu: its stack is cut",
	              (unsigned long long)cut->id);
}

/* One event of a goroutine dump. */
static GS_ALWAYS_INLINE int dump_event(struct gs_build *b, const struct gs_event *e,
                                       const char *s, size_t n, uint64_t no)
{
	struct build_dump *g = &b->gd;
	struct gs_dump *d;

	switch (e->type) {
	case GS_EV_FILE:
		touch(b, no);
		return file_line(b, s, n, no);
	case GS_EV_FUNC:
		touch(b, no);
		return func_line(b, s, n, e->at, no);
	case GS_EV_HEADER:
		if (g->tail) {
			/* the crash text that ended a reversed dump is over: a new dump */
			g->tail = 0;
			if (begin_dump(b, 0, no) != 0)
				return -1;
		}
		touch(b, no);
		if (no == g->moved_no && g->rev_dump != g->dump)
			g->rev_dump = g->dump;
		return start_goroutine(b, gs_grammar_header(b->gr), s, no);
	case GS_EV_END:
		if (e->flags & GS_EVF_SPAN)
			touch(b, no);
		return goroutine_end(b, e->flags, no);
	case GS_EV_DUMP:
		if (!(n >= 10 && memcmp(s, "goroutine ", 10) == 0) &&
		    reversed_tail(b, cur_dump(b), no)) {
			g->tail = 1;
			return 0;
		}
		g->tail = 0;
		return begin_dump(b, e->flags, no);
	case GS_EV_NOFILE:
		if (e->why)
			diag(b, GS_WARNING, no, s, n, e->why);
		return flush_pending(b);
	case GS_EV_CREATED:
		touch(b, no);
		return created_line(b, s, n, no);
	case GS_EV_CFILE:
		touch(b, no);
		return creator_line(b, s, n, no);
	case GS_EV_NOCFILE:
		if (e->why)
			diag(b, GS_WARNING, no, s, n, e->why);
		return creator_line(b, NULL, 0, no);
	case GS_EV_ELIDED:
		touch(b, no);
		g->stack_flags |= GS_STACK_ELIDED;
		return 0;
	case GS_EV_UNAVAILABLE:
		touch(b, no);
		g->cur.flags |= GS_G_UNAVAILABLE;
		return 0;
	case GS_EV_LINE:
		if (e->flags & GS_EVF_SPAN)
			touch(b, no);
		if (e->why) {
			diag(b, GS_WARNING, no, s, n, e->why);
			b->m->sources[b->source].skipped_lines++;
		}
		return 0;
	case GS_EV_CUT:
		goroutine_cut(b, e->flags, no);
		return 0;
	case GS_EV_THREAD:
		cur_dump(b)->g0_stacks++;
		touch(b, no);
		return 0;
	case GS_EV_SKIP:
		cur_dump(b)->skipped++;
		diag(b, GS_WARNING, no, s + e->at, n - e->at, e->why);
		return 0;
	case GS_EV_PANIC:
	case GS_EV_SIGNAL:
		d = cur_dump(b);
		if (reversed_tail(b, d, no)) {
			d->flags |= GS_DUMP_FAILED_LAST;
			g->tail = 1;
		}
		if (e->type == GS_EV_PANIC && d->panic == 0)
			d->panic = gs_intern_put(b->m->strings, s, n);
		else if (e->type == GS_EV_SIGNAL && d->signal == 0)
			d->signal = gs_intern_put(b->m->strings, s, n);
		touch(b, no);
		return 0;
	case GS_EV_RACE:
		cur_dump(b)->races++;
		touch(b, no);
		return 0;
	case GS_EV_META:
		touch(b, no);
		return 0;
	case GS_EV_JUNK:
		b->m->sources[b->source].skipped_lines++;
		if (e->why)
			diag(b, GS_WARNING, no, s, n, e->why);
		else if (b->m->note_skipped)
			diag(b, GS_NOTE, no, s, n, GS_SKIPPED_LINE);
		return 0;
	default:
		return 0;
	}
}

static GS_ALWAYS_INLINE void sink_event(struct gs_build *b, const struct gs_event *e,
                                        const char *s, size_t n, uint64_t no)
{
	if (b->rc != 0)
		return; /* stopped: the caller says why */
	if (e->kind == GS_KIND_GOROUTINE) {
		b->rc = dump_event(b, e, s, n, no);
		return;
	}
	/* a profile's header closes the goroutine dump */
	if (e->type == GS_EV_DUMP)
		b->gd.dump = BUILD_NO_DUMP;
	b->rc = gs_build_profile_event(b, e, s, n, no);
}

/* What the line reader did to a line (lines.h), said where it did it. */
static GS_NOINLINE void line_notes(struct gs_build *b, const struct gs_line *l)
{
	uint64_t last = l->flags & GS_LINE_JOINED ? l->last : l->no;

	/* the highest line read: a reversed dump hands its lines out downwards (lines.h) */
	b->last_no = !(l->flags & GS_LINE_MOVED) || last > b->last_no ? last : b->last_no;
	if (l->flags & GS_LINE_MOVED)
		b->gd.moved_no = l->no;
	if (l->flags & GS_LINE_ENTRY)
		gs_grammar_entry_line(b->gr);
	if (l->flags & GS_LINE_CUT)
		gs_model_diag(b->m, GS_WARNING, b->source, l->no, l->text, l->len,
		              "line longer than %u bytes: cut", GS_MAX_LINE);
	if (l->flags & GS_LINE_JOINED) {
		if (l->last == l->no + 1)
			gs_model_diag(b->m, GS_NOTE, b->source, l->no, l->text, l->len,
			              "line wrapped, going on in line %llu: read as one",
			              (unsigned long long)l->last);
		else
			gs_model_diag(b->m, GS_NOTE, b->source, l->no, l->text, l->len,
			              "line wrapped, going on in lines %llu-%llu: read as one",
			              (unsigned long long)l->no + 1, (unsigned long long)l->last);
	}
	if (l->flags & GS_LINE_RETYPED)
		gs_model_diag(b->m, GS_NOTE, b->source, l->no, l->text, l->len,
		              "characters re-typed by an editor read as ASCII ('...' for the "
		              "ellipsis, spaces for no-break spaces, straight quotes for curly ones)");
	if (l->flags & GS_LINE_REVERSED)
		gs_model_diag(b->m, GS_NOTE, b->source, l->no, l->text, l->len,
		              "the dump reads newest line first (a log viewer's order): each "
		              "goroutine is read from its header down");
}


/* The body of the goroutine whose header (line no) was the last line read: when the memo
 * holds its key, the goroutine is given what its lines would have given it (the frames'
 * events: the stack at its end, the creator's frame, the parent, the dump's reach) and
 * the grammar stands where they would have left it. */
size_t gs_build_on_body(void *ctx, const char *s, const char *lim, size_t max_line,
                        uint64_t no, size_t *used)
{
	struct gs_build *b = ctx;
	struct build_dump *g = &b->gd;
	struct gor *gr = &b->gr->gor;
	const struct gs_memo_entry *e;
	const struct gs_skel_node *sk;
	struct gs_body *body = g->body;
	const struct gs_stack *st;
	uint32_t k, stack, creator, nframes;

	if (b->rc != 0 || b->gr->mode != GS_KIND_GOROUTINE || gr->state != GOR_FRAMES ||
	    !gr->open || gr->framed || gr->unavailable || !g->have_g || g->cur.line != no ||
	    g->nframes != 0 || g->pending || g->dump == BUILD_NO_DUMP)
		return 0;
	if (!g->memo_on || g->memo_skip > 0) {
		g->memo_skip -= g->memo_skip > 0;
		return 0;
	}
	if (body == NULL && (body = g->body = malloc(sizeof(*body))) == NULL)
		return 0;
	g->win_tries++;
	sk = gs_skel_match(&g->skel, body, s, lim, max_line);
	if (sk != NULL) {
		g->skel_hits++;
		stack = sk->stack;
		creator = sk->creator;
		nframes = sk->nframes;
	} else {
		if (!gs_body_read(body, s, lim, max_line))
			return 0;
		e = gs_memo_find(&g->memo, body);
		if (e == NULL) {
			/* the memo learns it when it ends (goroutine_end), the skel with its text */
			gs_buf_reset(&g->raw);
			if (gs_buf_add(&g->raw, s, body->bytes + 1) != 0)
				return 0;
			g->memo_want = 1;
			g->memo_end = no + body->nlines + 1;
			g->memo_said = b->m->diags_said;
			return 0;
		}
		stack = e->stack;
		creator = e->creator;
		nframes = e->nframes;
		gs_skel_add(&g->skel, body, s, stack, creator);
	}
	st = &b->m->stacks[stack];
	if (st->obj_kind) {
		/* wait_object reads the arguments of the frames the stack names */
		if (frames_reserve(g, nframes) != 0)
			return 0;
		for (k = 0; k < GS_STACK_OBJ_FRAMES && st->obj_at[k]; k++) {
			uint32_t at = st->obj_at[k] - 1u;

			if (at >= nframes)
				continue;
			g->argoff[at] = (uint32_t)g->argtext.len;
			g->arglen[at] = body->arglen[at];
			if (gs_buf_add(&g->argtext, s + body->argoff[at], body->arglen[at]) != 0)
				g->arglen[at] = 0;
		}
	}
	g->nframes = nframes;
	g->memo_stack = stack;
	g->cur.creator = creator;
	if (body->parent_known)
		g->cur.parent = body->parent;
	gr->framed = nframes > 0;
	touch(b, no + body->nlines);
	b->last_no = no + body->nlines;
	g->memo_hits++;
	g->win_useful++;
	*used = body->bytes;
	return body->nlines;
}

int gs_build_on_line(void *ctx, const struct gs_line *l)
{
	struct gs_build *b = ctx;

	if (l->flags)
		line_notes(b, l);
	else
		b->last_no = l->no;
	if (grammar_line(b->gr, b, l->text, l->len, l->no) != 0)
		return -1;
	return b->rc;
}

int gs_build_finish(struct gs_build *b)
{
	grammar_finish(b->gr, b, b->last_no);
	return b->rc;
}
