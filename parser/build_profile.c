/* build_profile.c - the model builder's debug=1 profiles. See build.h.
 *
 * A record's event begins a count record (a goroutine with count N) or a sample; frame
 * events make its stack through a cache of whole frame lines; its end hash-conses the stack.
 * A profile's header line, "key=value" attributes and the MemStats trailer are read here:
 * their values are the model's, their place in the text the grammar's.
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "scan.h"

static struct gs_dump *cur_dump(struct build_prof *p)
{
	return &p->m->dumps[p->dump];
}

static void touch(struct build_prof *p, uint64_t no)
{
	if (p->dump != BUILD_NO_DUMP && no > cur_dump(p)->last_line)
		cur_dump(p)->last_line = no;
}

static void warn(struct build_prof *p, uint64_t no, const char *s, size_t n, const char *msg)
{
	gs_model_diag(p->m, GS_WARNING, p->source, no, s, n, "%s", msg);
}

/* ---- records ---- */

/* Whether the open record has BUILD_MAX_FRAMES frames already: the rest are dropped, said once
 * per record at its header line. */
static int frames_full(struct build_prof *p)
{
	if (p->nframes < BUILD_MAX_FRAMES)
		return 0;
	if (!p->frames_capped)
		gs_model_diag(p->m, GS_WARNING, p->source, prof_is_count_kind(p->kind) ? p->g.line : p->s.line,
		              NULL, 0, "record has more than %u frames: the rest of its stack is dropped "
		              "(marked elided)", BUILD_MAX_FRAMES);
	p->frames_capped = 1;
	p->stack_flags |= GS_STACK_ELIDED;
	return 1;
}

static int push_frame_grow(struct build_prof *p, uint32_t f)
{
	if (frames_full(p))
		return 0;
	if (p->nframes == p->cap) {
		uint32_t ncap = p->cap ? p->cap * 2 : 64;
		uint32_t *a = realloc(p->frames, ncap * sizeof(*a));

		if (a == NULL)
			return -1;
		p->frames = a;
		p->cap = ncap;
	}
	p->frames[p->nframes++] = f;
	return 0;
}

/* The common case inline: room, and under BUILD_MAX_FRAMES. */
static int push_frame_id(struct build_prof *p, uint32_t f)
{
	if (p->nframes < p->cap && p->nframes < BUILD_MAX_FRAMES) {
		p->frames[p->nframes++] = f;
		return 0;
	}
	return push_frame_grow(p, f);
}

static int push_frame(struct build_prof *p, uint32_t func, uint32_t file, uint32_t line)
{
	uint32_t f = gs_model_frame(p->m, func, file, line);

	return f ? push_frame_id(p, f) : -1;
}

/* Ends the open record: its stack is hash-consed and the record appended to the model as
 * a goroutine (count profiles) or a sample (the others). */
static int end_record(struct build_prof *p)
{
	struct gs_dump *d = cur_dump(p);
	uint32_t st;

	if (!p->have_rec)
		return 0;
	p->have_rec = 0;
	st = gs_model_stack(p->m, p->frames, NULL, p->nframes, p->stack_flags);
	if (st == 0 && p->nframes > 0)
		return -1;
	if (prof_is_count_kind(p->kind)) {
		struct gs_goroutine *g = gs_model_goroutine(p->m);

		if (g == NULL)
			return -1; /* a cap or no memory: gs_parser_finish says which */
		p->g.stack = st;
		*g = p->g;
		d->ng++;
		p->sum = p->g.count > UINT64_MAX - p->sum ? UINT64_MAX : p->sum + p->g.count;
	} else {
		struct gs_sample *s = gs_model_sample(p->m);

		if (s == NULL)
			return -1; /* a cap or no memory: gs_parser_finish says which */
		p->s.stack = st;
		*s = p->s;
		d->ns++;
	}
	p->nframes = 0;
	p->stack_flags = 0;
	return 0;
}

static void remember_cut(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	p->cut = 1;
	p->cut_no = no;
	p->cut_len = n < sizeof(p->cut_text) ? n : sizeof(p->cut_text);
	memcpy(p->cut_text, s, p->cut_len);
}

_Static_assert(PROF_FRAME_CACHE == 1 << 11, "frame_cached takes 11 bits of the hash");
_Static_assert(PROF_NAME_CACHE == 1 << 10, "intern_name takes 10 bits of the hash");
_Static_assert(PROF_LABEL_CACHE == 1 << 6, "labels_cached takes 6 bits of the hash");

/* The caches are made on the first frame or labels line, so that a parser that never sees a
 * profile does not pay for them. Without them frames are read the long way: slower, not
 * wrong. */
static void caches_init(struct build_prof *p)
{
	p->frame_cache = calloc(PROF_FRAME_CACHE, sizeof(*p->frame_cache));
	p->cache_text = malloc(PROF_FRAME_TEXT_FIRST);
	p->cache_cap = PROF_FRAME_TEXT_FIRST;
	p->name_cache = calloc(PROF_NAME_CACHE, sizeof(*p->name_cache));
	p->label_cache = calloc(PROF_LABEL_CACHE, sizeof(*p->label_cache));
	if (p->frame_cache == NULL || p->cache_text == NULL) {
		free(p->frame_cache);
		free(p->cache_text);
		p->frame_cache = NULL;
		p->cache_text = NULL;
	}
	p->cache_used = 0;
	p->caches_made = 1;
}

/* The cache slot of a frame line, and whether it holds that line. */
static struct prof_frame_entry *frame_cached(struct build_prof *p, const char *s, size_t n, int *hit)
{
	uint64_t head, tail;
	struct prof_frame_entry *e;

	*hit = 0;
	if (p->frame_cache == NULL || n < 16 || n > PROF_FRAME_MAX_LINE)
		return NULL;
	head = scan_load8(s);
	tail = scan_load8(s + n - 8);
	e = &p->frame_cache[((head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ n) >>
	                    (64 - 11)];
	*hit = e->len == n && e->head == head && e->tail == tail &&
	       memcmp(p->cache_text + e->at + 8, s + 8, n - 16) == 0;
	return e;
}

/* Remembers a clean frame line in its slot. The text buffer doubles up to PROF_FRAME_TEXT
 * (a small profile does not pay for a big one's); full there, or without the memory to
 * grow, it empties the whole cache. */
static void frame_cache_put(struct build_prof *p, struct prof_frame_entry *e, const char *s, size_t n,
                            uint32_t frame)
{
	if (p->cache_cap - p->cache_used < n && p->cache_cap < PROF_FRAME_TEXT) {
		char *t = realloc(p->cache_text, (size_t)p->cache_cap * 2);

		if (t != NULL) {
			p->cache_text = t;
			p->cache_cap *= 2;
		}
	}
	if (p->cache_cap - p->cache_used < n) {
		memset(p->frame_cache, 0, PROF_FRAME_CACHE * sizeof(*p->frame_cache));
		p->cache_used = 0;
	}
	memcpy(p->cache_text + p->cache_used, s, n);
	e->head = scan_load8(s);
	e->tail = scan_load8(s + n - 8);
	e->at = p->cache_used;
	e->len = (uint32_t)n;
	e->frame = frame;
	p->cache_used += (uint32_t)n;
}

/* gs_intern_put through the name cache: the same id, without hashing a name seen lately. */
static uint32_t intern_name(struct build_prof *p, const char *s, size_t n)
{
	struct prof_name_entry *e;
	uint64_t head, tail;
	uint32_t id;

	if (p->name_cache == NULL || n < 8 || n > UINT32_MAX)
		return gs_intern_put(p->m->strings, s, n);
	head = scan_load8(s);
	tail = scan_load8(s + n - 8);
	e = &p->name_cache[((head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ n) >>
	                   (64 - 10)];
	if (e->text && e->len == n && e->head == head && memcmp(e->text, s, n) == 0)
		return e->id;
	id = gs_intern_put(p->m->strings, s, n);
	if (id != 0) {
		e->text = gs_intern_str(p->m->strings, id);
		e->head = head;
		e->len = (uint32_t)n;
		e->id = id;
	}
	return id;
}

/* The canonical id of a label set's text if the cache holds that text, else 0. */
static uint32_t labels_cached(struct build_prof *p, const char *s, size_t n,
                              struct prof_label_entry **slot)
{
	struct prof_label_entry *e;

	*slot = NULL;
	if (p->label_cache == NULL || n < 8 || n > PROF_LABEL_TEXT)
		return 0;
	e = &p->label_cache[((scan_load8(s) * 0x9e3779b97f4a7c15ull) ^
	                     (scan_load8(s + n - 8) * 0xc2b2ae3d27d4eb4full) ^ n) >> (64 - 6)];
	*slot = e;
	return e->len == n && memcmp(e->text, s, n) == 0 ? e->id : 0;
}

/* labels = "# labels: " labelmap */
static void labels_line(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	struct prof_label_entry *e;
	size_t i = 9; /* "# labels:" */
	uint32_t id;
	int bad;

	if (!p->caches_made)
		caches_init(p);
	i = scan_skip_blanks(s, n, i);
	/* the text fixes the id (the parse and the canonical text are the same), and only a
	 * set read without a word is cached, so a hit skips nothing that would be said */
	id = labels_cached(p, s + i, n - i, &e);
	if (id == 0) {
		id = gs_labels_intern(p->m, s + i, n - i, &bad);
		if (bad == GS_LABELS_TOO_MANY) {
			gs_model_diag(p->m, GS_WARNING, p->source, no, s + i, n - i,
			              "more than %d labels in one set; record kept without them",
			              GS_MAX_LABELS);
			return;
		}
		if (bad) {
			warn(p, no, s + i, n - i, "labels not understood; record kept without them");
			return;
		}
		if (e && id != 0) {
			memcpy(e->text, s + i, n - i);
			e->len = (uint32_t)(n - i);
			e->id = id;
		}
	}
	if (prof_is_count_kind(p->kind))
		p->g.labels = id;
	else
		p->s.labels = id;
}

/* A frame line (see gs_prof_frame_split) the cache does not hold (e: its slot, or NULL). */
static int frame_line_read(struct build_prof *p, const char *s, size_t n, uint64_t no,
                           struct prof_frame_entry *e)
{
	struct prof_frame f;
	uint32_t func, file = 0, line = 0, before;

	switch (gs_prof_frame_split(s, n, &f)) {
	case PROF_FRAME_EMPTY:
		warn(p, no, s, n, "empty frame line ignored");
		return 0;
	case PROF_FRAME_BAD:
		warn(p, no, s, n, "frame line not understood: ignored");
		return 0;
	default:
		break;
	}
	/* No function for this PC (printed as "#\t0x..."): the frame is named by its PC
	 * text rather than one shared "?", so different unknown PCs stay different. */
	func = intern_name(p, s + f.func, f.func_len);
	if (func == 0)
		return -1;
	if (f.pc_only)
		return push_frame(p, func, 0, 0);
	if (f.file_len == 0) {
		/* keep what was read; the diagnostic waits for the next line, to tell a frame
		 * cut by the end of the input from a malformed one */
		remember_cut(p, s, n, no);
	} else {
		file = intern_name(p, s + f.file, f.file_len);
		if (file == 0)
			return -1;
		line = f.line;
		if (!f.has_pc)
			warn(p, no, s, n, "frame line without a PC: frame kept");
		if (f.line_big)
			warn(p, no, s, n, "line number does not fit in 32 bits: frame kept with line 0");
	}
	before = p->nframes;
	if (push_frame(p, func, file, line) != 0)
		return -1;
	/* A clean line: later copies of it reuse the frame. Only a clean line, so that a hit
	 * never skips a diagnostic: whether a line is in the cache cannot be seen. */
	if (e && p->nframes > before && f.has_pc && f.file_len > 0 && !f.line_big)
		frame_cache_put(p, e, s, n, p->frames[p->nframes - 1]);
	return 0;
}

static int frame_line(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	struct prof_frame_entry *e;
	int hit;

	if (!p->caches_made)
		caches_init(p);
	e = frame_cached(p, s, n, &hit);
	if (hit)
		return push_frame_id(p, e->frame);
	return frame_line_read(p, s, n, no, e);
}

/* ---- key = value lines ---- */

/* An integer: [-] DEC, or 0x HEX (pprof reads attributes with base 0). 0, -1 when the text
 * is not an integer, -2 when it is one too large for int64. */
static int parse_int_text(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	uint64_t v = 0, lim;
	int neg = 0, hex = 0;

	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i + 2 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		hex = 1;
		i += 2;
	}
	if (i >= n)
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d;

		if (hex && scan_is_hex(s[i]))
			d = scan_is_digit(s[i]) ? (unsigned)(s[i] - '0')
			                   : (unsigned)((s[i] | 0x20) - 'a' + 10);
		else if (!hex && scan_is_digit(s[i]))
			d = (unsigned)(s[i] - '0');
		else
			return -1;
		if (v > (lim - d) / (hex ? 16 : 10)) {
			while (i < n && (hex ? scan_is_hex(s[i]) : scan_is_digit(s[i])))
				i++;
			return i == n ? -2 : -1;
		}
		v = v * (hex ? 16 : 10) + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* A float as fmt's %v prints one ("0.0053", "1.2e-05"). strtod follows LC_NUMERIC: the
 * library is used in the C locale (the CLI never calls setlocale for numbers). */
static int parse_float_text(const char *s, size_t n, double *out)
{
	char tmp[64], *end;

	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, &end);
	return end == tmp + n ? 0 : -1;
}

/* value = DEC | DEC " / " DEC | "[" { DEC } "]" | FLOAT | "true" | "false" | text */
static int put_stat(struct build_prof *p, const char *k, size_t kl, const char *v, size_t vl)
{
	struct gs_stat *st = gs_model_stat(p->m);
	const char *slash;
	int64_t a = 0, b = 0;

	if (st == NULL)
		return -1;
	cur_dump(p)->nstat++;
	st->key = gs_intern_put(p->m->strings, k, kl);
	if (st->key == 0)
		return -1;
	if (vl > 0 && v[0] == '[') {
		/* PauseNs and PauseEnd: 256 numbers. A cut line (no ']') keeps what it has. */
		size_t i = 1, e = vl;

		if (v[e - 1] == ']')
			e--;
		st->type = GS_STAT_ARRAY;
		st->first_v = p->m->nstat_values;
		for (;;) {
			size_t w;
			int64_t x;

			i = scan_skip_blanks(v, e, i);
			if (i >= e)
				break;
			w = i;
			while (i < e && !scan_is_blank(v[i]))
				i++;
			if (parse_int_text(v + w, i - w, &x) != 0) {
				p->m->nstat_values = st->first_v; /* not an array of numbers */
				st->type = GS_STAT_TEXT;
				break;
			}
			if (gs_model_stat_value(p->m, x) != 0)
				return -1;
		}
		if (st->type == GS_STAT_ARRAY) {
			st->nv = (uint32_t)(p->m->nstat_values - st->first_v);
			return 0;
		}
	}
	st->text = gs_intern_put(p->m->strings, v, vl);
	if (st->type == GS_STAT_TEXT)
		return 0;
	slash = memmem(v, vl, " / ", 3);
	if (parse_int_text(v, vl, &a) == 0) {
		st->type = GS_STAT_INT;
		st->i = a;
	} else if (vl == 4 && memcmp(v, "true", 4) == 0) {
		st->type = GS_STAT_BOOL;
		st->i = 1;
	} else if (vl == 5 && memcmp(v, "false", 5) == 0) {
		st->type = GS_STAT_BOOL;
	} else if (slash != NULL && parse_int_text(v, (size_t)(slash - v), &a) == 0 &&
	           parse_int_text(slash + 3, vl - (size_t)(slash - v) - 3, &b) == 0) {
		st->type = GS_STAT_PAIR;
		st->i = a;
		st->i2 = b;
	} else if (parse_float_text(v, vl, &st->f) == 0) {
		st->type = GS_STAT_FLOAT; /* GCCPUFraction, or an integer past int64 */
	} else {
		st->type = GS_STAT_TEXT;
	}
	return 0;
}

/* memstat = "# " KEY " = " VALUE ; other "#" lines of the trailer are comments */
static int trailer_line(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	const char *eq = memmem(s, n, " = ", 3);
	const struct gs_stat *st;
	size_t k = 1, ke, v;

	if (eq == NULL)
		return 0;
	k = scan_skip_blanks(s, n, k);
	ke = (size_t)(eq - s);
	v = ke + 3;
	while (ke > k && scan_is_blank(s[ke - 1]))
		ke--;
	v = scan_skip_blanks(s, n, v);
	while (n > v && scan_is_blank(s[n - 1]))
		n--;
	/* no key: "#  = 5" has its " = " inside the blanks skipped above (ke < k) */
	if (ke <= k)
		return 0;
	if (put_stat(p, s + k, ke - k, s + v, n - v) != 0)
		return -1;
	/* every MemStats counter is unsigned in Go: a negative one is no real value, and the
	 * digest that prints it must not pass it as one */
	st = &p->m->stats[p->m->nstats - 1];
	if (st->type == GS_STAT_INT && st->i < 0)
		warn(p, no, s, n, "a negative MemStats value: not one Go prints (a crafted or "
		     "damaged file?)");
	return 0;
}

/* attr = KEY "=" VALUE   ("cycles/second=N", "sampling period=N", ...) */
static int attr_line(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	const char *eq = memchr(s, '=', n);
	struct gs_dump *d = cur_dump(p);
	const struct gs_stat *st;
	size_t ke = (size_t)(eq - s), v = ke + 1;

	while (ke > 0 && scan_is_blank(s[ke - 1]))
		ke--;
	v = scan_skip_blanks(s, n, v);
	while (n > v && scan_is_blank(s[n - 1]))
		n--;
	if (put_stat(p, s, ke, s + v, n - v) != 0)
		return -1;
	st = &p->m->stats[p->m->nstats - 1];
	if (STARTS(s, ke, "cycles/second") && ke == 13) {
		if (st->type == GS_STAT_INT && st->i > 0)
			d->cycles_per_second = st->i;
		else
			warn(p, no, s, n, "cycles/second is not a positive integer: delays stay in cycles");
	} else if (STARTS(s, ke, "sampling period") && ke == 15) {
		if (st->type == GS_STAT_INT)
			d->sampling_period = st->i;
		else
			warn(p, no, s, n, "sampling period is not an integer: 1 assumed");
	}
	return 0;
}

/* ---- headers ---- */

/* count_header = NAME " profile: total " DEC */
static void count_header(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	const char *t = memmem(s, n, "total ", 6);
	size_t i;
	int64_t v;
	int rc;

	if (t != NULL) {
		i = (size_t)(t - s) + 6;
		rc = scan_dec(s, n, &i, &v);
		if (rc == SCAN_NUM_OVERFLOW) {
			warn(p, no, s, n, "profile header total does not fit in 64 bits: the records are "
			     "read without it");
			return;
		}
		if (rc == SCAN_NUM_OK) {
			i = scan_skip_blanks(s, n, i);
			if (i == n) {
				cur_dump(p)->total = (uint64_t)v;
				cur_dump(p)->flags |= GS_DUMP_HAS_TOTAL;
				return;
			}
		}
	}
	warn(p, no, s, n, "profile header total not understood: the records are read without it");
}

/* heap_header = "heap profile: " IO ": " IB " [" AO ": " AB "] @ " SAMPLING [ "/" DEC ]
 * SAMPLING    = "heap" | "heap_v2" | "heapz_v2" | "heapprofile" | "heap" [_a-z0-9]* */
static const char *header_shape_error(const char *s, size_t n, size_t at)
{
	if (at + 1 < n && s[at] == '-' && scan_is_digit(s[at + 1]))
		return "a negative number";
	if (at < n && scan_is_digit(s[at]))
		return "a number too large for 64 bits";
	return "expected IO: IB [AO: AB] @ after 'heap profile:'";
}

static void heap_header(struct build_prof *p, const char *s, size_t n, uint64_t no)
{
	struct gs_dump *d = cur_dump(p);
	const char *err = NULL;
	size_t i = 14, at = 0, st = 0;
	int64_t v[4] = { 0, 0, 0, 0 };
	int rc;

	if (scan_shape(s, n, &i, "n:n[n:n]@", v, &at) != SCAN_NUM_OK)
		err = header_shape_error(s, n, at);
	if (err == NULL) {
		i = scan_skip_blanks(s, n, i);
		st = i;
		while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || scan_is_digit(s[i]) || s[i] == '_'))
			i++;
		at = st;
		if (i - st < 4 || memcmp(s + st, "heap", 4) != 0)
			err = "unknown sampling kind after '@'";
	}
	if (err == NULL) {
		d->sampling = gs_intern_put(p->m->strings, s + st, i - st);
		if (i < n && s[i] == '/') {
			i++;
			at = i;
			rc = scan_dec(s, n, &i, &d->header_rate);
			if (rc == SCAN_NUM_OVERFLOW)
				err = "sampling rate after '/' does not fit in 64 bits";
			else if (rc != SCAN_NUM_OK)
				err = "sampling rate after '/' is not a number";
		}
	}
	if (err == NULL) {
		i = scan_skip_blanks(s, n, i);
		at = i;
		if (i != n)
			err = "unexpected text after the sampling rate";
	}
	if (err) {
		gs_model_diag(p->m, GS_WARNING, p->source, no, s + at, n - at,
		              "heap profile header not understood (%s): records are read but "
		              "not scaled", err);
		d->rate = 0;
		return;
	}
	memcpy(d->header_v, v, sizeof(v));
	/* pprof parseHeapHeader: "heap" carries 2 x MemProfileRate; the v2 names carry the
	 * period itself; "heapprofile" was not sampled at all. */
	{
		const char *name = gs_str(p->m, d->sampling);

		if (strcmp(name, "heap") == 0) {
			d->rate = d->header_rate / 2;
		} else if (strcmp(name, "heap_v2") == 0 || strcmp(name, "heapz_v2") == 0) {
			d->rate = d->header_rate;
		} else if (strcmp(name, "heapprofile") == 0) {
			d->rate = 1;
		} else {
			gs_model_diag(p->m, GS_WARNING, p->source, no, s + st, i - st,
			              "unknown heap sampling kind: records are read but not scaled");
			d->rate = 0;
		}
	}
}

/* The incomplete frame line read last was not the end of the input. */
static void report_cut(struct build_prof *p)
{
	if (!p->cut)
		return;
	p->cut = 0;
	warn(p, p->cut_no, p->cut_text, p->cut_len,
	     "frame line not understood: expected FUNC+0xOFF and FILE:LINE after the PC; "
	     "frame kept without its place");
}


void gs_build_profile_release(struct build_prof *p)
{
	free(p->frame_cache);
	p->frame_cache = NULL;
	free(p->cache_text);
	p->cache_text = NULL;
	free(p->name_cache);
	p->name_cache = NULL;
	free(p->label_cache);
	p->label_cache = NULL;
	free(p->frames);
	p->frames = NULL;
	p->cap = 0;
}

/* A profile begins at its header line (GS_EV_DUMP): the dump, and the header's numbers. */
static int profile_begin(struct build_prof *p, enum gs_kind kind, const char *s, size_t n,
                         uint64_t no)
{
	uint32_t d = gs_model_dump(p->m, p->source, kind, no);

	if (d == BUILD_NO_DUMP)
		return -1;
	p->dump = d;
	p->kind = kind;
	p->sum = 0;
	p->have_rec = 0;
	p->cut = 0;
	if (prof_is_count_kind(kind)) {
		count_header(p, s, n, no);
	} else if (prof_is_heap_kind(kind)) {
		heap_header(p, s, n, no);
	} else {
		/* pprof starts with period 1 and only a "sampling period" line changes it */
		cur_dump(p)->sampling_period = 1;
	}
	return 0;
}

/* The profile ends (GS_EV_DUMP_END): its last record, and its total checked. */
static int profile_end(struct build_prof *p, int eof)
{
	struct gs_dump *d;

	if (p->dump == BUILD_NO_DUMP)
		return 0;
	d = cur_dump(p);
	if (p->cut && p->have_rec && eof) {
		p->cut = 0;
		warn(p, p->cut_no, p->cut_text, p->cut_len,
		     "input ends inside a record: its last frame line is cut");
		p->stack_flags |= GS_STACK_TRUNCATED;
		p->g.flags |= GS_G_TRUNCATED;
		d->flags |= GS_DUMP_TRUNCATED;
	}
	report_cut(p);
	if (end_record(p) != 0)
		return -1;
	d = cur_dump(p);
	if (prof_is_count_kind(p->kind) && (d->flags & GS_DUMP_HAS_TOTAL) && p->sum != d->total) {
		if (d->skipped)
			gs_model_diag(p->m, GS_WARNING, p->source, d->first_line, NULL, 0,
			              "header says total %llu but records sum to %llu "
			              "(%llu records could not be read)",
			              (unsigned long long)d->total, (unsigned long long)p->sum,
			              (unsigned long long)d->skipped);
		else
			gs_model_diag(p->m, GS_WARNING, p->source, d->first_line, NULL, 0,
			              "header says total %llu but records sum to %llu: "
			              "the paste may be cut",
			              (unsigned long long)d->total, (unsigned long long)p->sum);
	}
	p->dump = BUILD_NO_DUMP;
	return 0;
}

/* A record's header, read by the grammar (GS_EV_RECORD): its numbers by the kind. */
static void record_begin(struct build_prof *p, const int64_t v[4], uint64_t no)
{
	p->nframes = 0;
	p->frames_capped = 0;
	p->stack_flags = 0;
	if (prof_is_count_kind(p->kind)) {
		memset(&p->g, 0, sizeof(p->g));
		p->g.line = no;
		p->g.count = (uint64_t)v[0];
		p->g.flags = GS_G_NOSTATE | (gs_kind(p->kind)->leaked ? GS_G_LEAKED : 0);
		p->g.dump = p->dump;
	} else {
		memset(&p->s, 0, sizeof(p->s));
		p->s.line = no;
		p->s.dump = p->dump;
		memcpy(p->s.v, v, sizeof(p->s.v));
	}
	p->have_rec = 1;
}

int gs_build_profile_event(struct gs_build *b, const struct gs_event *e, const char *s,
                           size_t n, uint64_t no)
{
	struct build_prof *p = &b->pd;

	p->m = b->m;
	p->source = b->source;
	switch (e->type) {
	case GS_EV_DUMP:
		return profile_begin(p, e->kind == GS_KIND_HEAP ? b->heap_kind : e->kind, s, n, no);
	case GS_EV_DUMP_END:
		return profile_end(p, (e->flags & GS_EVF_EOF) != 0);
	default:
		break;
	}
	/* a frame line cut short is said when the next line shows it was not the input's end */
	report_cut(p);
	if (e->flags & GS_EVF_SPAN)
		touch(p, no);
	switch (e->type) {
	case GS_EV_FRAME:
		return frame_line(p, s, n, no);
	case GS_EV_RECORD:
		record_begin(p, gs_grammar_values(b->gr), no);
		return 0;
	case GS_EV_END:
		return end_record(p);
	case GS_EV_LABELS:
		labels_line(p, s, n, no);
		return 0;
	case GS_EV_SKIP:
		cur_dump(p)->skipped++;
		warn(p, no, s + e->at, n - e->at, e->why);
		return 0;
	case GS_EV_ATTR:
		return attr_line(p, s, n, no);
	case GS_EV_STAT:
		return trailer_line(p, s, n, no);
	case GS_EV_JUNK:
		p->m->sources[p->source].skipped_lines++;
		if (e->why)
			warn(p, no, s, n, e->why);
		else if (p->m->note_skipped)
			gs_model_diag(p->m, GS_NOTE, p->source, no, s, n, "%s", GS_SKIPPED_LINE);
		return 0;
	default:
		return 0; /* META: part of the profile's text, nothing to read */
	}
}
