/* filter.c - see filter.h.
 *
 * Every path (model with caches, one goroutine without, a streamed record) asks the same
 * questions in the same order: id, wait, state, labels, then frames, the costly one. */
#include "select/filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "key.h"
#include "outputs/msg.h"
#include "outputs/sums.h"

/* frame verdict bits; FRAME_KNOWN marks a cached entry */
#define FRAME_MATCHED  0x1u
#define FRAME_EXCLUDED 0x2u
#define FRAME_KNOWN    0x4u

/* cached yes/no: 0 = not asked yet */
#define ASK_NO  1
#define ASK_YES 2

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof *f);
	xbuf_init(&f->scratch);
}

static void list_add(struct filter_list *l, const char *pattern)
{
	l->patterns = xrealloc(l->patterns, (l->n + 1) * sizeof *l->patterns);
	l->re = xrealloc(l->re, (l->n + 1) * sizeof *l->re);
	memset(&l->re[l->n], 0, sizeof l->re[l->n]);
	l->patterns[l->n++] = pattern;
}

static void list_free(struct filter_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		regex_free(&l->re[i]);
	free(l->patterns);
	free(l->re);
	memset(l, 0, sizeof *l);
}

void filter_free(struct filter *f)
{
	size_t i;

	list_free(&f->match);
	list_free(&f->exclude);
	list_free(&f->state);
	for (i = 0; i < f->nlabels; i++) {
		free(f->labels[i].key);
		free(f->labels[i].value);
		regex_free(&f->labels[i].re);
	}
	free(f->labels);
	free(f->ids);
	gs_buf_release(&f->scratch);
	memset(f, 0, sizeof *f);
}

int filter_parse_wait(const char *s, uint64_t *seconds)
{
	uint64_t total = 0;
	const char *p = s;

	if (*p == '\0')
		return -1;
	while (*p) {
		uint64_t v = 0;
		const char *st = p;

		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (uint64_t)(*p - '0');
			if (v > UINT32_MAX)
				return -1;
			p++;
		}
		if (p == st)
			return -1;
		/* a unit is required: "30" could mean seconds to some, minutes to others */
		switch (*p) {
		case 'd': v *= 86400; break;
		case 'h': v *= 3600; break;
		case 'm': v *= 60; break;
		case 's': break;
		default: return -1;
		}
		p++;
		total += v;
		if (total > (uint64_t)UINT32_MAX * 60)
			return -1;
	}
	*seconds = total;
	return 0;
}

static int label_option(struct filter *f, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '='), *tilde = strchr(arg, '~'), *sep;
	struct filter_label *l;

	sep = eq && (!tilde || eq < tilde) ? eq : tilde;
	if (sep == NULL || sep == arg) {
		snprintf(err, errlen, "--label '%s': expected KEY=VALUE or KEY~REGEX", arg);
		return -1;
	}
	f->labels = xrealloc(f->labels, (f->nlabels + 1) * sizeof *f->labels);
	l = &f->labels[f->nlabels++];
	memset(l, 0, sizeof *l);
	l->arg = arg;
	l->keylen = (size_t)(sep - arg);
	l->key = xmalloc(l->keylen + 1);
	memcpy(l->key, arg, l->keylen);
	l->key[l->keylen] = '\0';
	l->value = xstrdup(sep + 1);
	l->vallen = strlen(l->value);
	l->is_re = *sep == '~';
	return 0;
}

int filter_option(struct filter *f, int opt, const char *arg, char *err, size_t errlen)
{
	switch (opt) {
	case FILTER_OPT_MATCH:
		list_add(&f->match, arg);
		return 1;
	case FILTER_OPT_EXCLUDE:
		list_add(&f->exclude, arg);
		return 1;
	case FILTER_OPT_STATE:
		list_add(&f->state, arg);
		return 1;
	case FILTER_OPT_MIN_WAIT:
	case FILTER_OPT_MAX_WAIT: {
		uint64_t secs;

		if (filter_parse_wait(arg, &secs) != 0) {
			snprintf(err, errlen, "--%s '%s': expected a duration with units, e.g. 90s, 30m, "
			         "2h, 1d, 1h30m", opt == FILTER_OPT_MIN_WAIT ? "min-wait" : "max-wait", arg);
			return -1;
		}
		/* Go prints whole minutes, rounded down: "at least 90s" is 2 printed minutes or
		 * more, "at most 90s" 1 or less */
		if (opt == FILTER_OPT_MIN_WAIT) {
			f->has_min_wait = 1;
			f->min_wait = (uint32_t)((secs + 59) / 60);
		} else {
			f->has_max_wait = 1;
			f->max_wait = (uint32_t)(secs / 60);
		}
		return 1;
	}
	case FILTER_OPT_LABEL:
		return label_option(f, arg, err, errlen) == 0 ? 1 : -1;
	case FILTER_OPT_ID:
		return ranges_parse(arg, &f->ids, &f->nids, err, errlen) == 0 ? 1 : -1;
	case FILTER_OPT_LEAKED:
		f->leaked = 1;
		return 1;
	case 'i':
		f->re_flags |= REGEX_CASELESS;
		return 1;
	default:
		return 0;
	}
}

static int list_compile(struct filter_list *l, unsigned flags, const char *what, char *err,
                        size_t errlen)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (regex_compile(&l->re[i], l->patterns[i], flags, what, err, errlen) != 0)
			return -1;
	return 0;
}

int filter_compile(struct filter *f, char *err, size_t errlen)
{
	size_t i;

	if (list_compile(&f->match, f->re_flags, "--match", err, errlen) != 0 ||
	    list_compile(&f->exclude, f->re_flags, "--exclude", err, errlen) != 0 ||
	    list_compile(&f->state, f->re_flags, "--state", err, errlen) != 0)
		return -1;
	for (i = 0; i < f->nlabels; i++)
		if (f->labels[i].is_re &&
		    regex_compile(&f->labels[i].re, f->labels[i].value, f->re_flags, "--label", err,
		                  errlen) != 0)
			return -1;
	f->compiled = 1;
	return 0;
}

static void list_clone(struct filter_list *dst, const struct filter_list *src)
{
	size_t i;

	memset(dst, 0, sizeof *dst);
	for (i = 0; i < src->n; i++)
		list_add(dst, src->patterns[i]);
}

int filter_clone(struct filter *dst, const struct filter *src, char *err, size_t errlen)
{
	size_t i;

	filter_init(dst);
	dst->re_flags = src->re_flags;
	list_clone(&dst->match, &src->match);
	list_clone(&dst->exclude, &src->exclude);
	list_clone(&dst->state, &src->state);
	if (src->nlabels) {
		dst->labels = xcalloc(src->nlabels, sizeof *dst->labels);
		for (i = 0; i < src->nlabels; i++) {
			struct filter_label *l = &dst->labels[i];

			*l = src->labels[i];
			memset(&l->re, 0, sizeof l->re);
			l->key = xmalloc(l->keylen + 1);
			memcpy(l->key, src->labels[i].key, l->keylen + 1);
			l->value = xstrdup(src->labels[i].value);
		}
		dst->nlabels = src->nlabels;
	}
	if (src->nids) {
		dst->ids = xcalloc(src->nids, sizeof *dst->ids);
		memcpy(dst->ids, src->ids, src->nids * sizeof *dst->ids);
		dst->nids = src->nids;
	}
	dst->leaked = src->leaked;
	dst->has_min_wait = src->has_min_wait;
	dst->has_max_wait = src->has_max_wait;
	dst->min_wait = src->min_wait;
	dst->max_wait = src->max_wait;
	return src->compiled ? filter_compile(dst, err, errlen) : 0;
}

int filter_active(const struct filter *f)
{
	return f->match.n || f->exclude.n || f->state.n || f->nlabels || f->nids ||
	       f->has_min_wait || f->has_max_wait || f->leaked;
}

/* ---- the questions ---- */

static int list_any(struct filter_list *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (regex_match(&l->re[i], s, n))
			return 1;
	return 0;
}

/* FRAME_MATCHED / FRAME_EXCLUDED of one frame: its function, then "FILE:LINE". */
static unsigned frame_bits(struct filter *f, const char *func, size_t funclen, const char *file,
                           size_t filelen, uint32_t line)
{
	unsigned bits = 0;
	int have_place = file != NULL && filelen > 0;

	if (have_place) {
		gs_buf_reset(&f->scratch);
		gs_buf_add(&f->scratch, file, filelen);
		gs_buf_addf(&f->scratch, ":%u", (unsigned)line);
	}
	if (f->match.n && (list_any(&f->match, func, funclen) ||
	                   (have_place && list_any(&f->match, f->scratch.data, f->scratch.len))))
		bits |= FRAME_MATCHED;
	if (f->exclude.n && (list_any(&f->exclude, func, funclen) ||
	                     (have_place && list_any(&f->exclude, f->scratch.data, f->scratch.len))))
		bits |= FRAME_EXCLUDED;
	return bits;
}

/* The verdict on a stack from its frames' bits ORed together. */
static int frames_keep(const struct filter *f, unsigned any)
{
	if (any & FRAME_EXCLUDED)
		return 0;
	return f->match.n == 0 || (any & FRAME_MATCHED);
}

static int wait_ok(const struct filter *f, uint32_t flags, uint32_t wait)
{
	uint32_t minutes = (flags & GS_G_WAIT) ? wait : 0;

	if (f->has_min_wait && minutes < f->min_wait)
		return 0;
	if (f->has_max_wait && minutes > f->max_wait)
		return 0;
	return 1;
}

static int leaked_ok(const struct filter *f, uint32_t flags)
{
	return !f->leaked || (flags & GS_G_LEAKED);
}

static int id_ok(const struct filter *f, int has_id, uint64_t id)
{
	return f->nids == 0 || (has_id && ranges_contain(f->ids, f->nids, id));
}

static int state_ok(struct filter *f, const char *s, size_t n)
{
	return f->state.n == 0 || (s != NULL && list_any(&f->state, s, n));
}

/* All --label conditions against a canonical label text (key NUL value NUL ...). */
static int labels_ok(struct filter *f, const char *canon, size_t len)
{
	size_t i;

	for (i = 0; i < f->nlabels; i++) {
		struct filter_label *l = &f->labels[i];
		const char *k, *v;
		size_t pos = 0, kl, vl;
		int found = 0;

		/* a key may repeat in a crafted set ({k="a",k="b"}): any of its values matches */
		while (!found && gs_label_next(canon, len, &pos, &k, &kl, &v, &vl)) {
			if (kl != l->keylen || memcmp(k, l->key, kl) != 0)
				continue;
			found = l->is_re ? regex_match(&l->re, v, vl)
			                 : vl == l->vallen && memcmp(v, l->value, vl) == 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* ---- a model ---- */

struct cache {
	unsigned char *frame;   /* per frame id: FRAME_KNOWN | bits */
	unsigned char *stack;   /* per stack id: ASK_* */
	unsigned char *state;   /* per string id: ASK_* */
	unsigned char *labels;  /* per string id: ASK_* */
};

static void cache_init(struct cache *c, const struct gs_model *m)
{
	size_t nstr = (size_t)gs_intern_count(m->strings) + 1;

	c->frame = xcalloc((size_t)m->nframes + 1, 1);
	c->stack = xcalloc((size_t)m->nstacks + 1, 1);
	c->state = xcalloc(nstr, 1);
	c->labels = xcalloc(nstr, 1);
}

static void cache_free(struct cache *c)
{
	free(c->frame);
	free(c->stack);
	free(c->state);
	free(c->labels);
}

static unsigned model_frame_bits(struct filter *f, const struct gs_model *m, uint32_t id,
                                 struct cache *c)
{
	const struct gs_frame *fr = &m->frames[id];
	unsigned bits;

	if (c && c->frame[id])
		return c->frame[id] & (FRAME_MATCHED | FRAME_EXCLUDED);
	bits = frame_bits(f, gs_str(m, fr->func), gs_intern_len(m->strings, fr->func),
	                  fr->file ? gs_str(m, fr->file) : NULL, gs_intern_len(m->strings, fr->file),
	                  fr->line);
	if (c)
		c->frame[id] = (unsigned char)(FRAME_KNOWN | bits);
	return bits;
}

static int stack_ok(struct filter *f, const struct gs_model *m, uint32_t stack, struct cache *c)
{
	const uint32_t *frames;
	unsigned any = 0;
	uint32_t i, n;
	int ok;

	if (f->match.n == 0 && f->exclude.n == 0)
		return 1;
	if (c && c->stack[stack])
		return c->stack[stack] == ASK_YES;
	frames = gs_stack_frames(m, stack);
	n = m->stacks[stack].len;
	for (i = 0; i < n && !(any & FRAME_EXCLUDED); i++)
		any |= model_frame_bits(f, m, frames[i], c);
	ok = frames_keep(f, any);
	if (c)
		c->stack[stack] = ok ? ASK_YES : ASK_NO;
	return ok;
}

static int model_state_ok(struct filter *f, const struct gs_model *m, uint32_t state,
                          struct cache *c)
{
	int ok;

	if (f->state.n == 0)
		return 1;
	if (state == 0)
		return 0;
	if (c && c->state[state])
		return c->state[state] == ASK_YES;
	ok = state_ok(f, gs_str(m, state), gs_intern_len(m->strings, state));
	if (c)
		c->state[state] = ok ? ASK_YES : ASK_NO;
	return ok;
}

static int model_labels_ok(struct filter *f, const struct gs_model *m, uint32_t labels,
                           struct cache *c)
{
	int ok;

	if (f->nlabels == 0)
		return 1;
	if (labels == 0)
		return 0;
	if (c && c->labels[labels])
		return c->labels[labels] == ASK_YES;
	ok = labels_ok(f, gs_str(m, labels), gs_intern_len(m->strings, labels));
	if (c)
		c->labels[labels] = ok ? ASK_YES : ASK_NO;
	return ok;
}

static int goroutine_ok(struct filter *f, const struct gs_model *m, const struct gs_goroutine *g,
                        struct cache *c)
{
	/* debug=1 records stand for several goroutines: no id, state or wait of their own */
	int record = (g->flags & GS_G_NOSTATE) != 0;

	return leaked_ok(f, g->flags) && id_ok(f, !record, g->id) && wait_ok(f, g->flags, g->wait) &&
	       model_state_ok(f, m, record ? 0 : g->state, c) &&
	       model_labels_ok(f, m, g->labels, c) && stack_ok(f, m, g->stack, c);
}

int filter_goroutine(struct filter *f, const struct gs_model *m, const struct gs_goroutine *g)
{
	return goroutine_ok(f, m, g, NULL);
}

unsigned char *filter_goroutines(struct filter *f, const struct gs_model *m, uint64_t *filtered)
{
	unsigned char *keep;
	struct cache c;
	size_t i;
	int marked = 0;

	*filtered = 0;
	if (!filter_active(f))
		return NULL;
	keep = xmalloc(m->ngoroutines ? m->ngoroutines : 1);
	cache_init(&c, m);
	for (i = 0; i < m->ngoroutines; i++) {
		keep[i] = (unsigned char)goroutine_ok(f, m, &m->goroutines[i], &c);
		if (!keep[i])
			*filtered = sum_u64(*filtered, m->goroutines[i].count);
		marked |= (m->goroutines[i].flags & GS_G_LEAKED) != 0;
	}
	cache_free(&c);
	if (f->leaked && !marked && m->ngoroutines)
		notef("--leaked: no goroutine here is marked leaked: Go 1.26 and later mark them "
		      "when a goroutineleak profile is taken (-p goroutineleak, or "
		      "/debug/pprof/goroutineleak?debug=2)");
	return keep;
}

unsigned char *filter_samples(struct filter *f, const struct gs_model *m, uint64_t *filtered)
{
	unsigned char *keep;
	struct cache c;
	size_t i;

	*filtered = 0;
	if (!filter_active(f))
		return NULL;
	keep = xmalloc(m->nsamples ? m->nsamples : 1);
	cache_init(&c, m);
	for (i = 0; i < m->nsamples; i++) {
		const struct gs_sample *s = &m->samples[i];

		/* a profile record has no id, state or wait, and is no leaked goroutine */
		keep[i] = (unsigned char)(leaked_ok(f, 0) && id_ok(f, 0, 0) && wait_ok(f, 0, 0) &&
		                          model_state_ok(f, m, 0, &c) &&
		                          model_labels_ok(f, m, s->labels, &c) &&
		                          stack_ok(f, m, s->stack, &c));
		if (!keep[i])
			(*filtered)++;
	}
	cache_free(&c);
	return keep;
}

/* ---- a streamed record ---- */

static int record_labels_ok(struct filter *f, const struct gs_record *r)
{
	struct gs_buf canon = XBUF_INIT;
	int ok;

	if (f->nlabels == 0)
		return 1;
	if (r->labels == NULL || gs_labels_canon(r->labels, r->labels_len, &canon) != 0) {
		gs_buf_release(&canon);
		return 0;
	}
	ok = labels_ok(f, canon.data, canon.len);
	gs_buf_release(&canon);
	return ok;
}

int filter_reads_frames(const struct filter *f)
{
	return f->match.n || f->exclude.n;
}

int filter_record(struct filter *f, const struct gs_record *r)
{
	int dumped = r->kind == GS_KIND_GOROUTINE;
	unsigned any = 0;
	size_t i;

	if (!leaked_ok(f, r->gflags) || !id_ok(f, dumped, r->id) ||
	    !wait_ok(f, dumped ? r->gflags : 0, r->wait) ||
	    !state_ok(f, dumped ? r->state : NULL, r->state_len) || !record_labels_ok(f, r))
		return 0;
	if (f->match.n == 0 && f->exclude.n == 0)
		return 1;
	for (i = 0; i < r->nframes && !(any & FRAME_EXCLUDED); i++) {
		const struct gs_record_frame *fr = &r->frames[i];

		any |= frame_bits(f, fr->func, fr->func_len, fr->file, fr->file_len, fr->line);
	}
	return frames_keep(f, any);
}

int filter_fold(const struct filter *f, unsigned keys, int allowed)
{
	const char *env = getenv("GOSTACKS_FOLD");

	if (allowed == GS_FOLD_NONE || (f && f->nids) || (keys & GK_OBJECT) ||
	    (env && strcmp(env, "0") == 0))
		return GS_FOLD_NONE;
	if ((keys & GK_WAIT_EXACT) || (f && (f->has_min_wait || f->has_max_wait)))
		return GS_FOLD_EXACT;
	return allowed;
}
