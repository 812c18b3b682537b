/* model.c - the interned model: hash-consed frames and stacks, goroutines, dumps,
 * sources and diagnostics. See model.h. */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "object.h"
#include "scan.h"


/* Counts `extra` more bytes against the model's budget (m->max_bytes, the string table
 * included): 0, or -1 with over_budget set when they do not fit. m NULL: not counted. */
static int charge(struct gs_model *m, size_t extra)
{
	size_t used;

	if (m == NULL)
		return 0;
	used = m->bytes + (m->strings ? gs_intern_mem(m->strings) : 0);
	if (m->max_bytes && (used > m->max_bytes || extra > m->max_bytes - used)) {
		m->over_budget = 1;
		return -1;
	}
	m->bytes += extra;
	return 0;
}

/* Grow *arr (of *cap elements of size sz) to hold at least n elements, charged to m. */
static int grow(struct gs_model *m, void **arr, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap ? *cap : 16;
	void *p;

	if (n <= *cap)
		return 0;
	while (c < n) {
		if (c > SIZE_MAX / 2 / sz)
			return -1;
		c *= 2;
	}
	if (charge(m, (c - *cap) * sz) != 0)
		return -1;
	p = realloc(*arr, c * sz);
	if (p == NULL)
		return -1;
	*arr = p;
	*cap = c;
	return 0;
}

static int grow32(struct gs_model *m, void **arr, uint32_t *cap, size_t n, size_t sz)
{
	size_t c = *cap;

	if (n > UINT32_MAX / 2)
		return -1;
	if (grow(m, arr, &c, n, sz) != 0)
		return -1;
	*cap = (uint32_t)c;
	return 0;
}

struct gs_model *gs_model_new(void)
{
	struct gs_model *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->max_bytes = GS_DEFAULT_MAX_BYTES;
	m->strings = gs_intern_new(GS_MAX_STRING_BYTES);
	if (m->strings)
		gs_intern_set_budget(m->strings, &m->bytes, &m->max_bytes);
	m->frame_index_cap = 1024;
	m->frame_index = calloc(m->frame_index_cap, sizeof(uint32_t));
	m->stack_index_cap = 1024;
	m->stack_index = calloc(m->stack_index_cap, sizeof(uint32_t));
	m->bytes = 2 * 1024 * sizeof(uint32_t);
	if (m->strings == NULL || m->frame_index == NULL || m->stack_index == NULL ||
	    grow32(m, (void **)&m->frames, &m->frames_cap, 1, sizeof(*m->frames)) != 0 ||
	    grow32(m, (void **)&m->stacks, &m->stacks_cap, 1, sizeof(*m->stacks)) != 0) {
		gs_model_free(m);
		return NULL;
	}
	memset(&m->frames[0], 0, sizeof(m->frames[0]));
	memset(&m->stacks[0], 0, sizeof(m->stacks[0]));
	m->nframes = 1;
	m->nstacks = 1;
	return m;
}

void gs_model_free(struct gs_model *m)
{
	if (m == NULL)
		return;
	gs_intern_free(m->strings);
	free(m->frames);
	free(m->frame_index);
	free(m->stack_frames);
	free(m->stack_args);
	free(m->stacks);
	free(m->stack_index);
	if (m->goroutines_vm.base)
		gs_vm_release(&m->goroutines_vm);
	else
		free(m->goroutines);
	free(m->objects);
	free(m->wait_hi);
	free(m->dumps);
	free(m->sources);
	free(m->diags);
	free(m->samples);
	free(m->stats);
	free(m->stat_values);
	free(m);
}

/* "YYYYMMDDTHHMMSSZ" */
static int is_stamp(const char *s, size_t len)
{
	size_t i;

	if (len != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (i = 0; i < 15; i++)
		if (i != 8 && !scan_is_digit(s[i]))
			return 0;
	return 1;
}

/* HOST_PORT.PROFILE.STAMP.txt (a .gz after it allowed): the host and port spans. */
static int fetched_name(const char *base, size_t len, size_t *host_len, const char **port,
                        size_t *port_len)
{
	const char *end = base + len, *dot[3] = { NULL, NULL, NULL }, *p, *us = NULL;
	int n = 0;

	if (len > 3 && memcmp(end - 3, ".gz", 3) == 0)
		end -= 3;
	if (end - base < 4 || memcmp(end - 4, ".txt", 4) != 0)
		return 0;
	end -= 4;
	/* the stamp, the profile word, then HOST_PORT before them */
	for (p = end; p > base && n < 2; p--)
		if (p[-1] == '.')
			dot[n++] = p - 1;
	if (n < 2 || !is_stamp(dot[0] + 1, (size_t)(end - dot[0] - 1)) || dot[1] + 1 == dot[0])
		return 0;
	for (p = base; p < dot[1]; p++)
		if (*p == '_')
			us = p;
	if (us == NULL || us == base || us + 1 == dot[1])
		return 0;
	for (p = us + 1; p < dot[1]; p++)
		if (!scan_is_digit(*p))
			return 0;
	*host_len = (size_t)(us - base);
	*port = us + 1;
	*port_len = (size_t)(dot[1] - us - 1);
	return 1;
}

/* How --by source names a SOURCE. A fleet is fetched as URLs or as files that fetch saved,
 * one per host and time; "which host is the odd one out" wants them grouped by host, not by
 * file. So a URL and a host:port with a path are named by their host:port, a file named as
 * fetch saves them ("DIR/10.0.0.5_6060.goroutine.20261128T161410Z.txt") by its HOST:PORT,
 * anything else by the name as given. Appends it to out; 0, -1 on allocation failure. */
static int source_label(const char *name, size_t len, struct gs_buf *out)
{
	const char *s = name, *end = name + len, *p, *base = name, *port;
	size_t host_len, port_len;
	int rc;

	if (len > 7 && memcmp(s, "http://", 7) == 0)
		s += 7;
	else if (len > 8 && memcmp(s, "https://", 8) == 0)
		s += 8;
	if (s != name) {
		/* a URL: its authority, without a user */
		for (p = s; p < end && *p != '/' && *p != '?' && *p != '#'; p++)
			if (*p == '@')
				s = p + 1;
		return gs_buf_add(out, s, (size_t)(p - s));
	}
	/* host:port with a path, no scheme: a URL too */
	p = memchr(name, '/', len);
	if (p && p > name && memchr(name, ':', (size_t)(p - name))) {
		const char *colon = memchr(name, ':', (size_t)(p - name)), *q;

		for (q = colon + 1; q < p && scan_is_digit(*q); q++)
			;
		if (q == p && q > colon + 1)
			return gs_buf_add(out, name, (size_t)(p - name));
	}
	for (p = name; p < end; p++)
		if (*p == '/')
			base = p + 1;
	if (fetched_name(base, (size_t)(end - base), &host_len, &port, &port_len)) {
		rc = gs_buf_add(out, base, host_len);
		if (rc == 0)
			rc = gs_buf_addch(out, ':');
		return rc == 0 ? gs_buf_add(out, port, port_len) : rc;
	}
	return gs_buf_add(out, name, len);
}

uint32_t gs_model_source(struct gs_model *m, const char *name)
{
	struct gs_buf label = GS_BUF_INIT;
	struct gs_source *s;

	if (grow32(m, (void **)&m->sources, &m->sources_cap, (size_t)m->nsources + 1,
	           sizeof(*m->sources)) != 0)
		return UINT32_MAX;
	s = &m->sources[m->nsources];
	memset(s, 0, sizeof(*s));
	s->name = gs_intern_put(m->strings, name, strlen(name));
	s->first_dump = m->ndumps;
	if (source_label(name, strlen(name), &label) != 0)
		return UINT32_MAX;
	s->label = gs_intern_put(m->strings, label.data, label.len);
	gs_buf_release(&label);
	return m->nsources++;
}

static uint64_t mix3(uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t h = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ull;

	h ^= (h >> 29) ^ ((uint64_t)c * 0xbf58476d1ce4e5b9ull);
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 32);
}

/* Rebuild an open-addressing index twice as large. key(i) gives the hash of entry i. */
static int index_grow(uint32_t **index, uint32_t *cap, uint32_t n,
                      uint64_t (*key)(const struct gs_model *, uint32_t),
                      struct gs_model *m)
{
	uint32_t ncap = *cap * 2, mask = ncap - 1, i, j;
	uint32_t *ni;

	if (*cap > UINT32_MAX / 2 || charge(m, (size_t)*cap * sizeof(*ni)) != 0)
		return -1;
	ni = calloc(ncap, sizeof(*ni));
	if (ni == NULL)
		return -1;
	for (i = 1; i < n; i++) {
		j = (uint32_t)key(m, i) & mask;
		while (ni[j])
			j = (j + 1) & mask;
		ni[j] = i;
	}
	free(*index);
	*index = ni;
	*cap = ncap;
	return 0;
}

static uint64_t frame_key(const struct gs_model *m, uint32_t id)
{
	const struct gs_frame *f = &m->frames[id];

	return mix3(f->func, f->file, f->line);
}

uint32_t gs_model_frame(struct gs_model *m, uint32_t func, uint32_t file, uint32_t line)
{
	uint32_t mask = m->frame_index_cap - 1;
	uint32_t i = (uint32_t)mix3(func, file, line) & mask, id;
	struct gs_frame *f;

	while ((id = m->frame_index[i]) != 0) {
		f = &m->frames[id];
		if (f->func == func && f->file == file && f->line == line)
			return id;
		i = (i + 1) & mask;
	}
	if (grow32(m, (void **)&m->frames, &m->frames_cap, (size_t)m->nframes + 1,
	           sizeof(*m->frames)) != 0)
		return 0;
	id = m->nframes++;
	f = &m->frames[id];
	f->func = func;
	f->file = file;
	f->line = line;
	m->frame_index[i] = id;
	if ((uint64_t)m->nframes * 2 > m->frame_index_cap &&
	    index_grow(&m->frame_index, &m->frame_index_cap, m->nframes, frame_key, m) != 0)
		return 0;
	return id;
}

static uint64_t hash_frames(const uint32_t *frames, uint32_t len)
{
	return gs_intern_hash(frames, (size_t)len * sizeof(*frames)) ^ len;
}

static uint64_t stack_key(const struct gs_model *m, uint32_t id)
{
	return m->stacks[id].hash;
}

/* The traceback prints runtime.gopanic as "panic" (Go 1.20 and before): still the
 * runtime's panic frame, so where is its caller, not a package named panic. */
int gs_func_is_runtime(const char *func, size_t len)
{
	return (len > 8 && memcmp(func, "runtime.", 8) == 0) ||
	       (len == 5 && memcmp(func, "panic", 5) == 0);
}

/* Standard library: the import path's first element has no dot ("net/http", "sync"),
 * and the package is not "main". */
/* The first elements of Go's standard import paths: the directories of $GOROOT/src (Go
 * 1.27, with arena, simd and uuid; cmd for the toolchain's own programs; vendor for the
 * packages the standard library vendors, "vendor/golang.org/x/net/..."). Sorted. */
static const char *const std_roots[] = {
	"archive", "arena", "bufio", "builtin", "bytes", "cmd", "cmp", "compress", "container",
	"context", "crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag",
	"fmt", "go", "hash", "html", "image", "index", "internal", "io", "iter", "log", "maps",
	"math", "mime", "net", "os", "path", "plugin", "reflect", "regexp", "runtime", "simd",
	"slices", "sort", "strconv", "strings", "structs", "sync", "syscall", "testing", "text",
	"time", "unicode", "unique", "unsafe", "uuid", "vendor", "weak",
};

/* A function's package path ends at the first '.' after its last '/' ("net/http.(*conn).serve",
 * "github.com/x/y.F"); its first element, before the first '/' (or that '.' when there is
 * no '/'), is a standard root or not: "myservice/internal/db.(*Pool).get" is user code
 * though its root has no dot, as company module paths often do not. */
int gs_func_is_stdlib(const char *func, size_t len)
{
	size_t i, n = len, lo = 0, hi = sizeof std_roots / sizeof std_roots[0];
	const char *slash = memchr(func, '/', len);
	int c;

	if (slash)
		n = (size_t)(slash - func);
	else
		for (i = 0; i < len; i++)
			if (func[i] == '.') {
				n = i;
				break;
			}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t ml = strlen(std_roots[mid]);

		c = memcmp(func, std_roots[mid], n < ml ? n : ml);
		if (c == 0)
			c = (n > ml) - (n < ml);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* The canonical slice of a frame list: leading runtime frames and a trailing
 * runtime.goexit dropped; when only runtime frames remain, they are all kept (as debug=1
 * prints the whole stack, still without goexit, when hiding runtime frames leaves
 * nothing). */
static void canonical_range(const struct gs_model *m, const uint32_t *frames, uint32_t len,
                            uint32_t *start, uint32_t *end)
{
	uint32_t s = 0, e = len;
	const char *f;

	if (e > 0) {
		f = gs_str(m, m->frames[frames[e - 1]].func);
		if (strcmp(f, "runtime.goexit") == 0)
			e--;
	}
	while (s < e) {
		uint32_t fn = m->frames[frames[s]].func;

		if (!gs_func_is_runtime(gs_str(m, fn), gs_intern_len(m->strings, fn)))
			break;
		s++;
	}
	if (s == e) {
		s = 0;
		if (e == 0)
			e = len;
	}
	*start = s;
	*end = e;
}

static uint32_t stack_insert(struct gs_model *m, const uint32_t *frames, const uint32_t *args,
                             uint32_t len, uint32_t flags, int canonical)
{
	uint64_t h = hash_frames(frames, len) ^ ((uint64_t)flags << 61);
	uint32_t mask = m->stack_index_cap - 1, i = (uint32_t)h & mask, id, s, e;
	struct gs_stack *st;
	size_t old_cap;

	if (len == 0)
		return 0;
	while ((id = m->stack_index[i]) != 0) {
		st = &m->stacks[id];
		if (st->hash == h && st->len == len && st->flags == flags &&
		    memcmp(m->stack_frames + st->first, frames, len * sizeof(*frames)) == 0)
			return id;
		i = (i + 1) & mask;
	}
	old_cap = m->stack_frames_cap;
	if (m->nstack_frames + len > UINT32_MAX ||
	    grow(m, (void **)&m->stack_frames, &m->stack_frames_cap, m->nstack_frames + len,
	         sizeof(uint32_t)) != 0)
		return 0;
	/* stack_args grows with stack_frames: same capacity, same indexes. Charged without a
	 * check, so that the two never disagree: the budget is passed by one growth at most. */
	m->bytes += (m->stack_frames_cap - old_cap) * sizeof(uint32_t);
	if (m->stack_args_cap != m->stack_frames_cap) {
		uint32_t *na = realloc(m->stack_args, m->stack_frames_cap * sizeof(uint32_t));

		if (na == NULL)
			return 0;
		m->stack_args = na;
		m->stack_args_cap = m->stack_frames_cap;
	}
	if (grow32(m, (void **)&m->stacks, &m->stacks_cap, (size_t)m->nstacks + 1,
	           sizeof(*m->stacks)) != 0)
		return 0;
	id = m->nstacks++;
	st = &m->stacks[id];
	st->hash = h;
	st->first = (uint32_t)m->nstack_frames;
	st->len = len;
	st->flags = flags;
	st->canon = id;
	st->obj_kind = 0;
	memset(st->obj_at, 0, sizeof st->obj_at);
	memcpy(m->stack_frames + st->first, frames, len * sizeof(*frames));
	if (args)
		memcpy(m->stack_args + st->first, args, len * sizeof(*args));
	else
		memset(m->stack_args + st->first, 0, len * sizeof(*args));
	m->nstack_frames += len;
	m->stack_index[i] = id;
	if ((uint64_t)m->nstacks * 2 > m->stack_index_cap &&
	    index_grow(&m->stack_index, &m->stack_index_cap, m->nstacks, stack_key, m) != 0)
		return 0;
	if (!canonical) {
		/* once per distinct stack: the goroutines with it only read their words */
		gs_stack_object_frames(m, m->stack_frames + st->first, len, st);
		canonical_range(m, frames, len, &s, &e);
		if (s != 0 || e != len || flags != 0) {
			/* The canonical stack carries no flags: an elided stack and a whole one
			 * with the same frames are one stack. frames may point into
			 * m->stack_frames, which the insert can move: copy first. */
			uint32_t c, n = e - s;
			uint32_t *tmp = malloc(n * sizeof(*tmp));

			if (tmp == NULL)
				return 0;
			memcpy(tmp, frames + s, n * sizeof(*tmp));
			c = stack_insert(m, tmp, NULL, n, 0, 1);
			free(tmp);
			if (c == 0)
				return 0;
			m->stacks[id].canon = c;
		}
	}
	return id;
}

uint32_t gs_model_stack(struct gs_model *m, const uint32_t *frames, const uint32_t *args,
                        uint32_t len, uint32_t flags)
{
	return stack_insert(m, frames, args, len, flags, 0);
}

size_t gs_model_tables_mem(const struct gs_model *m)
{
	return gs_intern_mem(m->strings) + (size_t)m->frames_cap * sizeof(*m->frames) +
	       (size_t)m->frame_index_cap * sizeof(uint32_t) +
	       m->stack_frames_cap * 2 * sizeof(uint32_t) +
	       (size_t)m->stacks_cap * sizeof(*m->stacks) +
	       (size_t)m->stack_index_cap * sizeof(uint32_t);
}

/* *dst (of *cap elements of size sz, charged to m) replaced by a copy of src's n elements
 * in room for scap: 0, or -1. */
static int copy_array(struct gs_model *m, void **dst, size_t *cap, const void *src, size_t n,
                      size_t scap, size_t sz)
{
	void *p;

	if (scap == 0)
		return 0;
	if (scap > *cap && charge(m, (scap - *cap) * sz) != 0)
		return -1;
	p = realloc(*dst, scap * sz);
	if (p == NULL)
		return -1;
	memcpy(p, src, n * sz);
	memset((char *)p + n * sz, 0, (scap - n) * sz);
	*dst = p;
	*cap = scap > *cap ? scap : *cap;
	return 0;
}

static int copy_array32(struct gs_model *m, void **dst, uint32_t *cap, const void *src,
                        size_t n, size_t scap, size_t sz)
{
	size_t c = *cap;
	int rc = copy_array(m, dst, &c, src, n, scap, sz);

	*cap = (uint32_t)c;
	return rc;
}

int gs_model_seed(struct gs_model *dst, const struct gs_model *src)
{
	uint32_t i, n = gs_intern_count(src->strings);
	size_t c;
	int rc = 0;

	if (dst->nframes != 1 || dst->nstacks != 1 || gs_intern_count(dst->strings) != 0)
		return -1;
	/* the strings in id order: a new table gives each the next id */
	for (i = 1; i <= n; i++)
		if (gs_intern_put(dst->strings, gs_intern_str(src->strings, i),
		                  gs_intern_len(src->strings, i)) != i)
			return -1;
	/* the arrays as they are, their indexes with them */
	rc |= copy_array32(dst, (void **)&dst->frames, &dst->frames_cap, src->frames,
	                   src->nframes, src->frames_cap, sizeof(*src->frames));
	rc |= copy_array32(dst, (void **)&dst->frame_index, &dst->frame_index_cap,
	                   src->frame_index, src->frame_index_cap, src->frame_index_cap,
	                   sizeof(uint32_t));
	rc |= copy_array32(dst, (void **)&dst->stacks, &dst->stacks_cap, src->stacks,
	                   src->nstacks, src->stacks_cap, sizeof(*src->stacks));
	rc |= copy_array32(dst, (void **)&dst->stack_index, &dst->stack_index_cap,
	                   src->stack_index, src->stack_index_cap, src->stack_index_cap,
	                   sizeof(uint32_t));
	rc |= copy_array(dst, (void **)&dst->stack_frames, &dst->stack_frames_cap,
	                 src->stack_frames, src->nstack_frames, src->stack_frames_cap,
	                 sizeof(uint32_t));
	/* stack_args: stack_frames' room, charged with it (stack_insert) */
	c = dst->stack_args_cap;
	dst->bytes += src->stack_frames_cap * sizeof(uint32_t);
	rc |= copy_array(NULL, (void **)&dst->stack_args, &c, src->stack_args,
	                 src->nstack_frames, src->stack_frames_cap, sizeof(uint32_t));
	dst->stack_args_cap = c;
	if (rc != 0)
		return -1;
	dst->nframes = src->nframes;
	dst->nstacks = src->nstacks;
	dst->nstack_frames = src->nstack_frames;
	return 0;
}

/* The first frame of the canonical stack. A stack made only of runtime frames (GC
 * workers, the finalizer, the scavenger) would name runtime.gopark, which says nothing:
 * its outermost frame, the function the goroutine was started with, names it instead. */
uint32_t gs_stack_where(const struct gs_model *m, uint32_t stack)
{
	const struct gs_stack *c;
	uint32_t first, fn;

	if (stack == 0 || stack >= m->nstacks)
		return 0;
	c = &m->stacks[m->stacks[stack].canon];
	first = m->stack_frames[c->first];
	fn = m->frames[first].func;
	if (c->len > 1 && gs_func_is_runtime(gs_str(m, fn), gs_intern_len(m->strings, fn)))
		return m->stack_frames[c->first + c->len - 1];
	return first;
}

uint32_t gs_model_dump(struct gs_model *m, uint32_t source, enum gs_kind kind, uint64_t line)
{
	struct gs_dump *d;

	if (grow32(m, (void **)&m->dumps, &m->dumps_cap, (size_t)m->ndumps + 1, sizeof(*m->dumps)) != 0)
		return UINT32_MAX;
	d = &m->dumps[m->ndumps];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->source = source;
	d->first_line = line;
	d->last_line = line;
	d->first_g = m->ngoroutines;
	d->first_s = m->nsamples;
	d->first_stat = m->nstats;
	if (source < m->nsources)
		m->sources[source].ndumps++;
	return m->ndumps++;
}

/* The goroutine array is the model's largest: past GOROUTINES_VM bytes it moves to a
 * gs_vm reservation as large as the budget (or GOROUTINES_VM_MAX) and grows there in
 * place. Capacity and charge still double as grow() does, so the cap is met where it was. */
#define GOROUTINES_VM ((size_t)2 << 20)
#define GOROUTINES_VM_MAX ((size_t)64 << 30)
static int grow_goroutines(struct gs_model *m)
{
	size_t sz = sizeof(*m->goroutines), old = m->goroutines_cap, c = old ? old * 2 : 16;

	if (c * sz < GOROUTINES_VM || sizeof(void *) < 8)
		return grow(m, (void **)&m->goroutines, &m->goroutines_cap, old + 1, sz);
	if (c > SIZE_MAX / 2 / sz || charge(m, (c - old) * sz) != 0)
		return -1;
	if (gs_vm_grow(&m->goroutines_vm, c * sz,
	               m->max_bytes && m->max_bytes < GOROUTINES_VM_MAX ? m->max_bytes
	                                                                : GOROUTINES_VM_MAX) != 0) {
		m->bytes -= (c - old) * sz;
		if (m->goroutines_vm.base)
			return -1; /* the array is there and its reservation is full: so is the budget */
		return grow(m, (void **)&m->goroutines, &m->goroutines_cap, old + 1, sz);
	}
	if (m->goroutines != (struct gs_goroutine *)(void *)m->goroutines_vm.base) {
		memcpy(m->goroutines_vm.base, m->goroutines, old * sz);
		free(m->goroutines);
		m->goroutines = (struct gs_goroutine *)(void *)m->goroutines_vm.base;
	}
	m->goroutines_cap = c;
	return 0;
}

size_t *gs_model_first_of_stack(const struct gs_model *m)
{
	size_t *first = malloc(((size_t)m->nstacks + 1) * sizeof *first), i;

	if (first == NULL)
		return NULL;
	for (i = 0; i <= m->nstacks; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < m->ngoroutines; i++)
		if (first[m->goroutines[i].stack] == SIZE_MAX)
			first[m->goroutines[i].stack] = i;
	return first;
}

/* A per-goroutine array of words that most goroutines leave 0 (objects, wait_hi): room for
 * index g, what it gains zeroed, and *n past g. 0, -1 on allocation failure. */
static int per_goroutine(struct gs_model *m, void **arr, size_t *n, size_t *cap, size_t g,
                         size_t sz)
{
	size_t old = *cap;

	if (g >= *cap) {
		if (grow(m, arr, cap, g + 1, sz) != 0)
			return -1;
		memset((char *)*arr + old * sz, 0, (*cap - old) * sz);
	}
	if (g >= *n)
		*n = g + 1;
	return 0;
}

int gs_model_set_object(struct gs_model *m, size_t g, uint64_t object)
{
	if (per_goroutine(m, (void **)&m->objects, &m->nobjects, &m->objects_cap, g,
	                  sizeof(*m->objects)) != 0)
		return -1;
	m->objects[g] = object;
	return 0;
}

int gs_model_set_wait_max(struct gs_model *m, size_t g, uint32_t minutes)
{
	if (per_goroutine(m, (void **)&m->wait_hi, &m->nwait_hi, &m->wait_hi_cap, g,
	                  sizeof(*m->wait_hi)) != 0)
		return -1;
	m->wait_hi[g] = minutes;
	return 0;
}

struct gs_goroutine *gs_model_goroutine(struct gs_model *m)
{
	struct gs_goroutine *g;

	if (m->max_goroutines && m->ngoroutines >= m->max_goroutines)
		return NULL;
	if (m->ngoroutines == m->goroutines_cap && grow_goroutines(m) != 0)
		return NULL;
	g = &m->goroutines[m->ngoroutines++];
	memset(g, 0, sizeof(*g));
	g->count = 1;
	return g;
}

struct gs_sample *gs_model_sample(struct gs_model *m)
{
	struct gs_sample *s;

	if (m->max_samples && m->nsamples >= m->max_samples)
		return NULL;
	if (grow(m, (void **)&m->samples, &m->samples_cap, m->nsamples + 1, sizeof(*m->samples)) != 0)
		return NULL;
	s = &m->samples[m->nsamples++];
	memset(s, 0, sizeof(*s));
	return s;
}

struct gs_stat *gs_model_stat(struct gs_model *m)
{
	struct gs_stat *st;

	if (grow(m, (void **)&m->stats, &m->stats_cap, m->nstats + 1, sizeof(*m->stats)) != 0)
		return NULL;
	st = &m->stats[m->nstats++];
	memset(st, 0, sizeof(*st));
	return st;
}

int gs_model_stat_value(struct gs_model *m, int64_t v)
{
	if (grow(m, (void **)&m->stat_values, &m->stat_values_cap, m->nstat_values + 1,
	         sizeof(*m->stat_values)) != 0)
		return -1;
	m->stat_values[m->nstat_values++] = v;
	return 0;
}

const struct gs_stat *gs_dump_stat(const struct gs_model *m, uint32_t dump, const char *key)
{
	const struct gs_dump *d;
	size_t i;

	if (dump >= m->ndumps)
		return NULL;
	d = &m->dumps[dump];
	for (i = d->first_stat; i < d->first_stat + d->nstat; i++)
		if (strcmp(gs_str(m, m->stats[i].key), key) == 0)
			return &m->stats[i];
	return NULL;
}

size_t gs_dump_failed(const struct gs_model *m, uint32_t dump)
{
	const struct gs_dump *d;
	const char *sig;

	if (dump >= m->ndumps)
		return SIZE_MAX;
	d = &m->dumps[dump];
	if (d->ng == 0 || d->kind != GS_KIND_GOROUTINE)
		return SIZE_MAX;
	sig = d->signal ? gs_str(m, d->signal) : "";
	if (d->panic == 0 && strncmp(sig, "[signal ", 8) != 0)
		return SIZE_MAX;
	return d->flags & GS_DUMP_FAILED_LAST ? d->first_g + d->ng - 1 : d->first_g;
}

int gs_dump_last_pause(const struct gs_model *m, uint32_t dump, int64_t *ns)
{
	const struct gs_stat *pause = gs_dump_stat(m, dump, "PauseNs");
	const struct gs_stat *numgc = gs_dump_stat(m, dump, "NumGC");
	uint64_t k;

	if (pause == NULL || numgc == NULL || pause->type != GS_STAT_ARRAY ||
	    numgc->type != GS_STAT_INT || numgc->i <= 0 || pause->nv == 0)
		return -1;
	/* The runtime writes pause n (1-based) at PauseNs[(n-1) % 256]; the text prints all
	 * 256 slots, so the last one is at (NumGC+255) % 256. A shorter array (a cut line)
	 * is indexed the same way when the slot is there. */
	k = ((uint64_t)numgc->i + 255) % 256;
	if (k >= pause->nv)
		return -1;
	*ns = m->stat_values[pause->first_v + k];
	return 0;
}

static size_t diags_of_source(const struct gs_model *m, uint32_t source)
{
	size_t i, n = 0;

	/* Diagnostics of one source are contiguous at the end while it is parsed. */
	for (i = m->ndiags; i > 0 && m->diags[i - 1].source == source; i--)
		n++;
	return n;
}

void gs_model_diag(struct gs_model *m, enum gs_level level, uint32_t source, uint64_t line,
                   const char *near, size_t nearlen, const char *fmt, ...)
{
	struct gs_buf b = GS_BUF_INIT;
	struct gs_diag *d;
	va_list ap;

	m->diags_said++;
	if (level > m->worst)
		m->worst = level;
	if (diags_of_source(m, source) >= GS_MAX_DIAGS_PER_SOURCE) {
		m->diags_dropped++;
		return;
	}
	/* not charged: bounded per source, and the one saying the budget ran out must get in */
	if (grow(NULL, (void **)&m->diags, &m->diags_cap, m->ndiags + 1, sizeof(*m->diags)) != 0)
		return;
	va_start(ap, fmt);
	if (gs_buf_vaddf(&b, fmt, ap) != 0) {
		va_end(ap);
		gs_buf_release(&b);
		return;
	}
	va_end(ap);
	d = &m->diags[m->ndiags++];
	d->level = level;
	d->source = source;
	d->line = line;
	d->message = gs_intern_put_always(m->strings, b.data, b.len);
	d->near = 0;
	if (near && nearlen) {
		/* cut at 60 bytes, not inside a UTF-8 sequence */
		size_t n = nearlen > 60 ? 60 : nearlen;

		while (n < nearlen && n > 0 && ((unsigned char)near[n] & 0xc0) == 0x80)
			n--;
		d->near = gs_intern_put_always(m->strings, near, n);
	}
	gs_buf_release(&b);
}

/* Sizes in the messages: whole MiB, or bytes below one (tests use small caps). */
static void add_size(struct gs_buf *b, size_t n)
{
	if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		gs_buf_addf(b, "%zu MiB", n >> 20);
	else
		gs_buf_addf(b, "%zu bytes", n);
}

void gs_model_stopped(struct gs_model *m, uint32_t source, uint64_t line)
{
	struct gs_buf why = GS_BUF_INIT;
	int full = gs_intern_full(m->strings);

	if (m->over_budget || full == GS_INTERN_FULL_BUDGET) {
		gs_buf_adds(&why, "memory cap reached: the model may use ");
		add_size(&why, m->max_bytes);
		gs_buf_adds(&why, " (GOSTACKS_MAX_MEMORY raises it)");
	} else if (full == GS_INTERN_FULL_TEXT) {
		gs_buf_adds(&why, "string table full: more than ");
		add_size(&why, GS_MAX_STRING_BYTES);
		gs_buf_adds(&why, " of distinct function names, files, states and labels");
	} else if (m->max_goroutines && m->ngoroutines >= m->max_goroutines) {
		gs_buf_addf(&why, "too many goroutines: more than %zu", m->max_goroutines);
	} else if (m->max_samples && m->nsamples >= m->max_samples) {
		gs_buf_addf(&why, "too many profile records: more than %zu", m->max_samples);
	} else {
		gs_buf_adds(&why, "out of memory");
	}
	gs_model_diag(m, GS_ERROR, source, line, NULL, 0,
	              "%s; the input was read up to this line, the rest is not counted", why.data);
	gs_buf_release(&why);
}

/* ---- labels ---- */

struct pair {
	const char *k, *v;
	size_t kl, vl;
};

/* One quoted or bare token. Quoted: Go %q text, unescaped for the common escapes.
 * Bare (the draft form `{k: v}`): up to the stop byte. */
static int label_token(const char *s, size_t len, size_t *pos, char stop, struct gs_buf *out)
{
	size_t i = *pos;

	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '"') {
		i++;
		while (i < len && s[i] != '"') {
			char c = s[i];

			if (c == '\\' && i + 1 < len) {
				i++;
				switch (s[i]) {
				case 'n': c = '\n'; break;
				case 't': c = '\t'; break;
				case 'r': c = '\r'; break;
				default: c = s[i]; break; /* \" \\ and the rest kept as the byte */
				}
			}
			if (gs_buf_addch(out, c) != 0)
				return -1;
			i++;
		}
		if (i >= len)
			return -1;
		i++;
	} else {
		size_t st = i;

		while (i < len && s[i] != stop && s[i] != '}' && !(stop == ':' && s[i] == ','))
			i++;
		while (i > st && s[i - 1] == ' ')
			i--;
		if (gs_buf_add(out, s + st, i - st) != 0)
			return -1;
		while (i < len && s[i] == ' ')
			i++;
	}
	*pos = i;
	return 0;
}

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	size_t n = x->kl < y->kl ? x->kl : y->kl;
	int c = memcmp(x->k, y->k, n);

	if (c != 0)
		return c;
	return x->kl < y->kl ? -1 : x->kl > y->kl;
}

int gs_labels_canon(const char *s, size_t len, struct gs_buf *canon)
{
	struct gs_buf text = GS_BUF_INIT;
	struct pair pairs[GS_MAX_LABELS];
	size_t npairs = 0, i = 0, n, ks, ke;
	int rc = -1;

	while (i < len && s[i] == ' ')
		i++;
	if (i >= len || s[i] != '{')
		goto out;
	i++;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == ','))
			i++;
		if (i >= len)
			goto out;
		if (s[i] == '}')
			break;
		ks = text.len;
		if (label_token(s, len, &i, ':', &text) != 0 || i >= len || s[i] != ':')
			goto out;
		ke = text.len;
		i++;
		if (label_token(s, len, &i, ',', &text) != 0)
			goto out;
		if (npairs == sizeof(pairs) / sizeof(pairs[0])) {
			rc = -2;
			goto out;
		}
		/* offsets now, pointers after the buffer stops moving */
		pairs[npairs].k = (const char *)(uintptr_t)ks;
		pairs[npairs].kl = ke - ks;
		pairs[npairs].v = (const char *)(uintptr_t)ke;
		pairs[npairs].vl = text.len - ke;
		npairs++;
	}
	for (n = 0; n < npairs; n++) {
		pairs[n].k = text.data + (size_t)(uintptr_t)pairs[n].k;
		pairs[n].v = text.data + (size_t)(uintptr_t)pairs[n].v;
	}
	qsort(pairs, npairs, sizeof(pairs[0]), pair_cmp);
	for (n = 0; n < npairs; n++) {
		if (gs_buf_add(canon, pairs[n].k, pairs[n].kl) || gs_buf_addch(canon, '\0') ||
		    gs_buf_add(canon, pairs[n].v, pairs[n].vl) || gs_buf_addch(canon, '\0'))
			goto out;
	}
	rc = 0;
out:
	gs_buf_release(&text);
	return rc;
}

uint32_t gs_labels_intern(struct gs_model *m, const char *s, size_t len, int *bad)
{
	struct gs_buf canon = GS_BUF_INIT;
	uint32_t id = 0;
	int rc;

	rc = gs_labels_canon(s, len, &canon);
	*bad = rc == -2 ? GS_LABELS_TOO_MANY : rc != 0;
	if (!*bad && canon.len > 0)
		id = gs_intern_put(m->strings, canon.data, canon.len);
	gs_buf_release(&canon);
	return id;
}

int gs_label_next(const char *s, size_t len, size_t *pos, const char **key, size_t *keylen,
                  const char **val, size_t *vallen)
{
	const char *z;
	size_t i = *pos;

	if (i >= len)
		return 0;
	z = memchr(s + i, '\0', len - i);
	if (z == NULL)
		return 0;
	*key = s + i;
	*keylen = (size_t)(z - (s + i));
	i = (size_t)(z - s) + 1;
	z = memchr(s + i, '\0', len - i);
	if (z == NULL)
		return 0;
	*val = s + i;
	*vallen = (size_t)(z - (s + i));
	*pos = (size_t)(z - s) + 1;
	return 1;
}

uint32_t gs_labels_value(const struct gs_model *m, uint32_t labels, const char *key, size_t keylen)
{
	const char *s = gs_str(m, labels), *k, *v;
	size_t len = gs_intern_len(m->strings, labels), pos = 0, kl, vl;

	while (gs_label_next(s, len, &pos, &k, &kl, &v, &vl))
		if (kl == keylen && memcmp(k, key, kl) == 0)
			return gs_intern_put(m->strings, v, vl);
	return 0;
}
