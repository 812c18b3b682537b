/* object.c - the object a goroutine waits on, and its candidate holders; see object.h. */
#include "object.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

static const char *const kind_names[] = {
	[GS_OBJ_NONE] = "",
	[GS_OBJ_MUTEX] = "Mutex",
	[GS_OBJ_RWMUTEX] = "RWMutex",
	[GS_OBJ_WAITGROUP] = "WaitGroup",
	[GS_OBJ_COND] = "Cond",
	[GS_OBJ_CHAN] = "chan",
};

const char *gs_object_kind_name(enum gs_object_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "";
}

/* The frames that name the object waited on, by function; the receiver or the first word. */
static const struct {
	const char *func;
	enum gs_object_kind kind;
} waits[] = {
	{ "sync.(*Mutex).lockSlow", GS_OBJ_MUTEX },
	{ "sync.(*Mutex).Lock", GS_OBJ_MUTEX },
	{ "internal/sync.(*Mutex).lockSlow", GS_OBJ_MUTEX },
	{ "internal/sync.(*Mutex).Lock", GS_OBJ_MUTEX },
	{ "sync.(*RWMutex).Lock", GS_OBJ_RWMUTEX },
	{ "sync.(*RWMutex).RLock", GS_OBJ_RWMUTEX },
	{ "sync.(*WaitGroup).Wait", GS_OBJ_WAITGROUP },
	{ "sync.runtime_notifyListWait", GS_OBJ_COND },
	{ "sync.(*Cond).Wait", GS_OBJ_COND },
	{ "runtime.chanrecv", GS_OBJ_CHAN },
	{ "runtime.chanrecv1", GS_OBJ_CHAN },
	{ "runtime.chanrecv2", GS_OBJ_CHAN },
	{ "runtime.chansend", GS_OBJ_CHAN },
	{ "runtime.chansend1", GS_OBJ_CHAN },
};

static enum gs_object_kind wait_kind(const char *func, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof waits / sizeof waits[0]; i++)
		if (strlen(waits[i].func) == len && memcmp(waits[i].func, func, len) == 0)
			return waits[i].kind;
	return GS_OBJ_NONE;
}

/* A function of the packages a goroutine waits in: runtime, sync, internal/sync. */
static int in_wait_package(const char *func, size_t len)
{
	return gs_func_is_runtime(func, len) || (len > 5 && memcmp(func, "sync.", 5) == 0) ||
	       (len > 14 && memcmp(func, "internal/sync.", 14) == 0);
}

/* The objects of a kind's frames: an RWMutex's writer waits first in the Mutex that is its
 * first field, at the same address. */
static int same_object(enum gs_object_kind want, enum gs_object_kind k)
{
	return k == want || (want == GS_OBJ_RWMUTEX && k == GS_OBJ_MUTEX);
}

void gs_stack_object_frames(const struct gs_model *m, const uint32_t *frames, uint32_t len,
                            struct gs_stack *st)
{
	enum gs_object_kind kind = GS_OBJ_NONE, k;
	uint32_t i, run, n = 0;

	st->obj_kind = 0;
	memset(st->obj_at, 0, sizeof st->obj_at);
	/* the run of waiting frames at the leaf (at most 255: the indexes are bytes) */
	for (run = 0; run < len && run < 255; run++) {
		uint32_t fn = m->frames[frames[run]].func;
		const char *name = gs_str(m, fn);
		size_t nl = gs_intern_len(m->strings, fn);

		if (!in_wait_package(name, nl))
			break;
		k = wait_kind(name, nl);
		if (k != GS_OBJ_NONE && !(kind == GS_OBJ_RWMUTEX && k == GS_OBJ_MUTEX))
			kind = k; /* the outermost names the object: RWMutex over its Mutex */
	}
	if (kind == GS_OBJ_NONE)
		return;
	/* leaf first: the innermost exact word is the surest (notifyListWait before Cond.Wait,
	 * whose receiver the register ABI mostly loses) */
	for (i = 0; i < run && n < GS_STACK_OBJ_FRAMES; i++) {
		uint32_t fn = m->frames[frames[i]].func;

		if (same_object(kind, wait_kind(gs_str(m, fn), gs_intern_len(m->strings, fn))))
			st->obj_at[n++] = (unsigned char)(i + 1);
	}
	st->obj_kind = (unsigned char)kind;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* args = "(" WORD ( "," | ")" ) ... ; WORD = "0x" HEX, exact: no "?" after it */
uint64_t gs_object_parse(enum gs_object_kind kind, const char *args, size_t len)
{
	uint64_t addr = 0;
	size_t i = 3;

	if (kind == GS_OBJ_NONE || len < 5 || args[0] != '(' || args[1] != '0' || args[2] != 'x')
		return 0;
	for (; i < len && is_hex(args[i]) && i < 3 + 14; i++)
		addr = addr << 4 | (uint64_t)(args[i] <= '9' ? args[i] - '0' : (args[i] | 0x20) - 'a' + 10);
	if (i == 3 || i >= len || (args[i] != ',' && args[i] != ')') || addr == 0)
		return 0; /* also a word past 56 bits: no pointer */
	return GS_OBJECT_VALUE(kind, addr);
}

size_t gs_object_format(uint64_t v, char *out, size_t size)
{
	enum gs_object_kind kind = gs_object_kind_of(v);
	int n;

	if (v == 0 || kind == GS_OBJ_NONE || *gs_object_kind_name(kind) == '\0')
		return 0;
	n = snprintf(out, size, "%s 0x%llx", gs_object_kind_name(kind),
	             (unsigned long long)gs_object_addr(v));
	return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

uint32_t gs_object_intern(const struct gs_model *m, uint64_t v)
{
	char text[GS_OBJECT_TEXT_MAX];
	size_t n = gs_object_format(v, text, sizeof text);

	return n ? gs_intern_put(m->strings, text, n) : 0;
}

int gs_object_split(const char *text, size_t len, const char **kind, size_t *kind_len,
                    const char **addr, size_t *addr_len)
{
	const char *sp = memchr(text, ' ', len);

	if (sp == NULL || sp == text || (size_t)(sp - text) + 3 > len)
		return -1;
	*kind = text;
	*kind_len = (size_t)(sp - text);
	*addr = sp + 1;
	*addr_len = len - *kind_len - 1;
	return 0;
}

/* ---- holders ----
 *
 * A word of an argument text stands between "(", " " or "{" (or the text's start) and ",",
 * ")" or "}" (or its end): so neither "0x5f71500" nor "0x5f7150?" is the word 0x5f7150. An
 * address holds none of those six bytes, so such a word is a whole run between them. */
enum { W_IN = 0, W_START, W_END };
static unsigned word_class(char c)
{
	static const unsigned char class[256] = {
		['('] = W_START, [' '] = W_START, ['{'] = W_START,
		[','] = W_END,   [')'] = W_END,   ['}'] = W_END,
	};

	return class[(unsigned char)c];
}

/* The next word of s[0..len) from *i: 1 with it at s[*a .. *i), 0 when there is none. */
static int next_word(const char *s, size_t len, size_t *i, size_t *a)
{
	size_t k = *i, st;

	while (k < len) {
		if (word_class(s[k]) != W_IN) {
			k++;
			continue;
		}
		for (st = k; k < len && word_class(s[k]) == W_IN; k++)
			;
		if ((st == 0 || word_class(s[st - 1]) == W_START) &&
		    (k == len || word_class(s[k]) == W_END)) {
			*a = st;
			*i = k;
			return 1;
		}
	}
	*i = k;
	return 0;
}

/* Whether the text has the word addr[0..n). */
static int has_word(const char *s, size_t len, const char *addr, size_t n)
{
	size_t i = 0, a;

	if (memmem(s, len, addr, n) == NULL) /* most frames a search reads: no word needed */
		return 0;
	while (next_word(s, len, &i, &a))
		if (i - a == n && memcmp(s + a, addr, n) == 0)
			return 1;
	return 0;
}

/* Whether the text has a word an address could be: "0x" and hex digits (gs_holders_find
 * prints one so). */
static int has_address(const char *s, size_t len)
{
	size_t i = 0, a;

	while (next_word(s, len, &i, &a))
		if (i - a >= 3 && s[a] == '0' && s[a + 1] == 'x' && scan_skip_hex(s, i, a + 2) == i)
			return 1;
	return 0;
}

/* The frames a search reads: of the goroutines that are the first of their stack (whose
 * arguments the stack keeps), those whose arguments hold an address, in input order and
 * frame order. A search reads only them, not every goroutine and frame of the dump. */
struct holder_frame {
	size_t g;
	uint32_t k;   /* the frame's index in its stack */
};

struct gs_holders {
	const struct gs_model *m;
	struct holder_frame *f;
	size_t nf, cap;
	int listed;        /* f is made (holders_list) */
};

struct gs_holders *gs_holders_new(const struct gs_model *m)
{
	struct gs_holders *h = calloc(1, sizeof *h);

	if (h != NULL)
		h->m = m;
	return h;
}

/* The frames, made at the first search (a report may make none): 0, -1 without memory. */
static int holders_list(struct gs_holders *h)
{
	const struct gs_model *m = h->m;
	size_t *first = gs_model_first_of_stack(m), i;
	/* per argument text, whether it has an address: 0 not asked yet, 1 no, 2 yes (the
	 * same "(0x0?, 0x1)" is in many stacks) */
	unsigned char *addr = calloc((size_t)gs_intern_count(m->strings) + 1, 1);
	struct holder_frame *nf;
	uint32_t k;

	if (first == NULL || addr == NULL) {
		free(first);
		free(addr);
		return -1;
	}
	for (i = 0; i < m->ngoroutines; i++) {
		const struct gs_stack *st = &m->stacks[m->goroutines[i].stack];

		if (first[m->goroutines[i].stack] != i)
			continue;
		for (k = 0; k < st->len; k++) {
			uint32_t args = m->stack_args[st->first + k];

			if (args == 0)
				continue;
			if (addr[args] == 0)
				addr[args] = (unsigned char)(1 + has_address(gs_str(m, args),
				                                             gs_intern_len(m->strings, args)));
			if (addr[args] == 1)
				continue;
			if (h->nf == h->cap) {
				size_t cap = h->cap ? h->cap * 2 : 64;

				if ((nf = realloc(h->f, cap * sizeof *nf)) == NULL) {
					free(first);
					free(addr);
					return -1;
				}
				h->f = nf;
				h->cap = cap;
			}
			h->f[h->nf].g = i;
			h->f[h->nf++].k = k;
		}
	}
	free(first);
	free(addr);
	h->listed = 1;
	return 0;
}

void gs_holders_free(struct gs_holders *h)
{
	if (h == NULL)
		return;
	free(h->f);
	free(h);
}

size_t gs_holders_find(struct gs_holders *h, uint32_t dump, uint64_t object,
                       struct gs_holder *out, size_t max)
{
	const struct gs_model *m = h->m;
	enum gs_object_kind kind = gs_object_kind_of(object);
	const struct gs_dump *d;
	char addr[GS_OBJECT_TEXT_MAX];
	size_t al, i, n = 0, end, c, lo, hi, last = 0;
	int w;

	if (object == 0 || dump >= m->ndumps || m->stack_args == NULL ||
	    (!h->listed && holders_list(h) != 0))
		return 0;
	/* the address as Go prints a word */
	w = snprintf(addr, sizeof addr, "0x%llx", (unsigned long long)gs_object_addr(object));
	if (w <= 0 || (size_t)w >= sizeof addr)
		return 0;
	al = (size_t)w;
	d = &m->dumps[dump];
	end = d->first_g + d->ng < m->ngoroutines ? d->first_g + d->ng : m->ngoroutines;
	/* the first frame of the dump's */
	for (lo = 0, hi = h->nf; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->f[mid].g < d->first_g)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (c = lo; c < h->nf && (i = h->f[c].g) < end; c++) {
		const struct gs_goroutine *g = &m->goroutines[i];
		const struct gs_stack *st = &m->stacks[g->stack];
		uint64_t obj = gs_goroutine_object(m, i);
		uint32_t args = m->stack_args[st->first + h->f[c].k];

		/* a waiter is no holder, nor one whose object of the kind is not known; a
		 * goroutine is a holder once, by its first frame that shows the address */
		if (obj == object || (obj == 0 && st->obj_kind == kind) || (n > 0 && i == last) ||
		    !has_word(gs_str(m, args), gs_intern_len(m->strings, args), addr, al))
			continue;
		if (n < max) {
			out[n].g = i;
			out[n].frame = m->stack_frames[st->first + h->f[c].k];
		}
		n++;
		last = i;
	}
	return n;
}
