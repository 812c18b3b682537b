/* key.c - the table of group keys; see key.h. */
#include "key.h"

#include <stdio.h>
#include <string.h>


/* Bucket boundaries in minutes, lower bound inclusive: [1,5) [5,15) [15,60) [60,240) >=240.
 * Go prints ", N minutes" only from one minute on, so "no wait printed" is <1m; debug=1
 * records carry no state or wait at all and get WB_NONE. */
enum gs_wait_bucket gs_wait_bucket(const struct gs_goroutine *g)
{
	uint32_t w;

	if (g->flags & GS_G_NOSTATE)
		return WB_NONE;
	if (!(g->flags & GS_G_WAIT))
		return WB_LT1;
	w = g->wait;
	if (w < 1)
		return WB_LT1;
	if (w < 5)
		return WB_1_5;
	if (w < 15)
		return WB_5_15;
	if (w < 60)
		return WB_15_60;
	if (w < 240)
		return WB_1_4H;
	return WB_GT4H;
}

const char *gs_wait_bucket_name(enum gs_wait_bucket b)
{
	switch (b) {
	case WB_NONE: return "-";
	case WB_LT1: return "<1m";
	case WB_1_5: return "1-5m";
	case WB_5_15: return "5-15m";
	case WB_15_60: return "15-60m";
	case WB_1_4H: return "1-4h";
	case WB_GT4H: return ">4h";
	}
	return "-";
}

static uint32_t source_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->dump < m->ndumps ? m->sources[m->dumps[in->dump].source].label : 0;
}

/* + 1: 0 is "not in the key" */
static uint32_t dump_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->dump < m->ndumps ? in->dump + 1 : 0;
}

static uint32_t state_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->g ? in->g->state : 0;
}

static uint32_t bucket_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->g ? (uint32_t)gs_wait_bucket(in->g) : WB_NONE;
}

static uint32_t minutes_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->g && (in->g->flags & GS_G_WAIT) ? in->g->wait : 0;
}

static uint32_t where_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->where;
}

static uint32_t func_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->where ? m->frames[in->where].func : 0;
}

static uint32_t stack_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return m->stacks[in->stack].canon;
}

static uint32_t creator_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->g ? in->g->creator : 0;
}

static uint32_t labels_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->labels;
}

/* label values are interned on first use (the string table is shared) */
static uint32_t label_of(const struct gs_model *m, const struct gs_key_in *in)
{
	if (in->labels == 0 || in->label_key == 0)
		return 0;
	return gs_labels_value(m, in->labels, gs_str(m, in->label_key),
	                       gs_intern_len(m->strings, in->label_key));
}

static uint32_t object_of(const struct gs_model *m, const struct gs_key_in *in)
{
	return in->object;
}

/*  id                  word          title         json            by
 *  noun       type           flags                                   replaces  extract */
static const struct gs_key_row rows[GS_NKEYS] = {
	{ GS_KEY_SOURCE,     "source",     "SOURCE",     "source",       "source",
	  "source",  GS_KT_TEXT,    GS_KF_COLUMN,                           0,        source_of },
	{ GS_KEY_DUMP,       "dump",       "DUMP",       "dump",         "dump",
	  "dump",    GS_KT_DUMP,    GS_KF_COLUMN,                           0,        dump_of },
	{ GS_KEY_STATE,      "state",      "STATE",      "state",        "state",
	  "state",   GS_KT_TEXT,    GS_KF_STATE,                            0,        state_of },
	{ GS_KEY_WAIT,       "wait",       "WAIT",       "wait",         "wait",
	  "wait",    GS_KT_BUCKET,  GS_KF_STATE | GS_KF_DESC,               0,        bucket_of },
	{ GS_KEY_WAIT_EXACT, "wait=exact", "WAIT",       "wait_minutes", "wait=exact",
	  "wait",    GS_KT_MINUTES, GS_KF_STATE | GS_KF_DESC,               GK_WAIT,  minutes_of },
	{ GS_KEY_WHERE,      "where",      "WHERE",      "where",        "where",
	  "where",   GS_KT_FRAME,   GS_KF_WHERE,                            0,        where_of },
	{ GS_KEY_FUNC,       "func",       "FUNC",       "func",         "func",
	  "func",    GS_KT_TEXT,    GS_KF_WHERE,                            0,        func_of },
	{ GS_KEY_STACK,      "stack",      "STACK",      "stack",        "stack",
	  "stack",   GS_KT_STACK,   0,                                      0,        stack_of },
	{ GS_KEY_CREATOR,    "creator",    "CREATED BY", "creator",      "creator",
	  "creator", GS_KT_CALLER,  GS_KF_STATE,                            0,        creator_of },
	{ GS_KEY_LABELS,     "labels",     "LABELS",     "labels",       "labels",
	  "labels",  GS_KT_LABELS,  GS_KF_LABELS | GS_KF_COLUMN,            0,        labels_of },
	{ GS_KEY_LABEL,      "label:",     "LABEL ",     "label",        "label:KEY",
	  "label",   GS_KT_TEXT,    GS_KF_LABELS | GS_KF_ARG | GS_KF_COLUMN, 0,       label_of },
	{ GS_KEY_OBJECT,     "object",     "OBJECT",     "object",       "object",
	  "object",  GS_KT_OBJECT,  GS_KF_STATE | GS_KF_COLUMN,             0,        object_of },
};

const struct gs_key_row *gs_key_row(enum gs_key_id id)
{
	return (unsigned)id < GS_NKEYS ? &rows[id] : NULL;
}

unsigned gs_keys_with(unsigned flags)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < GS_NKEYS; i++)
		if ((rows[i].flags & flags) == flags)
			bits |= GK_BIT(i);
	return bits;
}

void gs_key_make(const struct gs_model *m, unsigned keys, const struct gs_key_in *in,
                 struct gs_key *out)
{
	unsigned bits = keys & (GK_BIT(GS_NKEYS) - 1);

	memset(out, 0, sizeof *out);
	/* the keys asked, not every row: a show makes one key a goroutine */
	for (; bits; bits &= bits - 1) {
		int i = __builtin_ctz(bits);

		out->v[i] = rows[i].extract(m, in);
	}
}

/* Each pair of values, as one word, times its own odd constant, summed, then mixed once:
 * six products that do not wait on each other (a chain of one multiply a key on the last
 * was 8% of a show's tail, where every goroutine's key is hashed). */
uint64_t gs_key_hash(const struct gs_key *k)
{
	static const uint64_t mul[GS_NKEYS / 2] = {
		0x9e3779b97f4a7c15u, 0xbf58476d1ce4e5b9u, 0x94d049bb133111ebu,
		0xc4ceb9fe1a85ec53u, 0x87c37b91114253d5u, 0xd6e8feb86659fd93u,
	};
	_Static_assert(GS_NKEYS == 12, "a new key needs a multiplier of its own here");
	uint64_t h = 0, w;
	int i;

	for (i = 0; i < GS_NKEYS / 2; i++) {
		memcpy(&w, &k->v[2 * i], sizeof w);
		h += w * mul[i];
	}
	h ^= h >> 29;
	h *= 0x2127599bf4325c37u;
	h ^= h >> 32;
	return h;
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

/* Interned texts, none (0) first. Canonical label texts hold NULs: bytes, then length. */
static int cmp_text(const struct gs_model *m, uint32_t a, uint32_t b)
{
	size_t la, lb;
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	la = gs_intern_len(m->strings, a);
	lb = gs_intern_len(m->strings, b);
	c = memcmp(gs_str(m, a), gs_str(m, b), la < lb ? la : lb);
	return c ? c : (la < lb ? -1 : la > lb);
}

/* Frames by function, then file, then line; the empty frame first. */
static int cmp_frame(const struct gs_model *m, uint32_t a, uint32_t b)
{
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	c = cmp_text(m, m->frames[a].func, m->frames[b].func);
	if (c == 0)
		c = cmp_text(m, m->frames[a].file, m->frames[b].file);
	if (c == 0)
		c = cmp_u32(m->frames[a].line, m->frames[b].line);
	return c;
}

static int cmp_stack(const struct gs_model *m, uint32_t a, uint32_t b)
{
	const uint32_t *fa, *fb;
	uint32_t la, lb, i;
	int c;

	if (a == b)
		return 0;
	if (a == 0 || b == 0)
		return a == 0 ? -1 : 1;
	fa = gs_stack_frames(m, a);
	fb = gs_stack_frames(m, b);
	la = m->stacks[a].len;
	lb = m->stacks[b].len;
	for (i = 0; i < la && i < lb; i++) {
		c = cmp_frame(m, fa[i], fb[i]);
		if (c)
			return c;
	}
	return cmp_u32(la, lb);
}

static int cmp_value(const struct gs_model *m, const struct gs_key_row *r, uint32_t a,
                     uint32_t b)
{
	int c;

	switch (r->type) {
	case GS_KT_TEXT:
	case GS_KT_LABELS:
	case GS_KT_OBJECT:
		return cmp_text(m, a, b);
	case GS_KT_FRAME:
	case GS_KT_CALLER:
		return cmp_frame(m, a, b);
	case GS_KT_STACK:
		return cmp_stack(m, a, b);
	case GS_KT_BUCKET:
	case GS_KT_MINUTES:
	case GS_KT_DUMP:
		break;
	}
	c = cmp_u32(a, b);
	return r->flags & GS_KF_DESC ? -c : c;
}

int gs_key_cmp(const struct gs_model *m, const struct gs_key *a, const struct gs_key *b)
{
	int i, c;

	for (i = 0; i < GS_NKEYS; i++) {
		c = cmp_value(m, &rows[i], a->v[i], b->v[i]);
		if (c)
			return c;
	}
	return 0;
}

/* The row whose word is w[0..n), or for an argument-taking row whose word starts it. */
static const struct gs_key_row *row_of(const char *w, size_t n)
{
	size_t len;
	int i;

	for (i = 0; i < GS_NKEYS; i++) {
		len = strlen(rows[i].word);
		if (rows[i].flags & GS_KF_ARG ? n > len && memcmp(w, rows[i].word, len) == 0
		                              : n == len && memcmp(w, rows[i].word, n) == 0)
			return &rows[i];
	}
	return NULL;
}

static int by_error(struct gs_by_error *err, enum gs_by_error_code code, const char *w,
                    size_t n)
{
	err->code = code;
	if (n >= sizeof err->word)
		n = sizeof err->word - 1;
	memcpy(err->word, w, n);
	err->word[n] = '\0';
	return -1;
}

/* spec -> word { "," word }
 * word -> "source" | "dump" | "state" | "wait" | "wait=exact" | "where" | "func" | "stack"
 *       | "creator" | "labels" | "label:" KEY | "object" */
int gs_by_parse(const char *spec, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                struct gs_by_error *err)
{
	const struct gs_key_row *r;
	const char *p = spec, *comma;
	unsigned bits = 0;
	size_t n, len;
	int i;

	memset(err, 0, sizeof *err);
	*label_key = 0;
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return by_error(err, GS_BY_EMPTY, p, 0);
		r = row_of(p, n);
		if (r == NULL)
			return by_error(err, GS_BY_UNKNOWN, p, n);
		if (r->flags & GS_KF_ARG) {
			/* label:KEY is the one argument-taking key: its KEY is the model's */
			if (*label_key)
				return by_error(err, GS_BY_TWO_ARGS, p, n);
			len = strlen(r->word);
			*label_key = gs_intern_put(m->strings, p + len, n - len);
			if (*label_key == 0)
				return by_error(err, GS_BY_NO_MEMORY, p, n);
		}
		bits |= GK_BIT(r->id);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	for (i = 0; i < GS_NKEYS; i++)
		if (bits & GK_BIT(i))
			bits &= ~rows[i].replaces;
	*keys = bits;
	return 0;
}

size_t gs_by_words(char *out, size_t size)
{
	size_t n = 0;
	int i, w;

	if (size == 0)
		return 0;
	out[0] = '\0';
	for (i = 0; i < GS_NKEYS; i++) {
		w = snprintf(out + n, size - n, "%s%s%s", i ? ", " : "", rows[i].word,
		             rows[i].flags & GS_KF_ARG ? "KEY" : "");
		if (w < 0 || (size_t)w >= size - n) {
			out[n] = '\0';
			break;
		}
		n += (size_t)w;
	}
	return n;
}
