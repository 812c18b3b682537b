/* intern.c - string interning: arena blocks for the text, an open-addressing table of ids.
 *
 * Why arenas: pointers handed out stay valid while the table grows, and one allocation
 * serves thousands of names. Why ids: stacks and keys become arrays of small integers.
 */
#include "intern.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64u * 1024u)

struct entry {
	const char *text;
	uint64_t hash;
	uint32_t len;
};

struct block {
	struct block *next;
	size_t used, size;
	char data[];
};

struct gs_intern {
	struct entry *entries;   /* [0] unused */
	uint32_t count, cap;     /* entries in use (including [0]) and allocated */
	uint32_t *slots;         /* ids, 0 = empty */
	uint32_t nslots;         /* power of two */
	struct block *blocks;
	size_t bytes, max_bytes;
	size_t mem;              /* bytes allocated: blocks, entries, slots */
	const size_t *budget_used, *budget_max; /* the owner's other memory and its cap */
	int full;                /* INTERN_FULL_* */
};

/* 64x64->128 multiply: one instruction on x86-64 and arm64. */
__extension__ typedef unsigned __int128 u128;

static uint64_t read64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* A fast multiply-mix hash: 8 bytes a step. In-memory grouping only, not adversarial. */
uint64_t gs_intern_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
	uint64_t v;

	while (len >= 16) {
		uint64_t a = read64(p) ^ 0xa0761d6478bd642full;
		uint64_t b = read64(p + 8) ^ 0xe7037ed1a0b428dbull;
		u128 r = (u128)(a ^ h) * b;
		h = (uint64_t)r ^ (uint64_t)(r >> 64);
		p += 16;
		len -= 16;
	}
	if (len >= 8) {
		h = (h ^ read64(p)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		p += 8;
		len -= 8;
	}
	if (len > 0) {
		v = 0;
		memcpy(&v, p, len);
		h = (h ^ v) * 0x94d049bb133111ebull;
	}
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return h;
}

struct gs_intern *gs_intern_new(size_t max_bytes)
{
	struct gs_intern *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->cap = 1024;
	t->entries = calloc(t->cap, sizeof(*t->entries));
	t->nslots = 2048;
	t->slots = calloc(t->nslots, sizeof(*t->slots));
	if (t->entries == NULL || t->slots == NULL) {
		gs_intern_free(t);
		return NULL;
	}
	t->entries[0].text = "";
	t->count = 1;
	t->max_bytes = max_bytes;
	t->mem = t->cap * sizeof(*t->entries) + t->nslots * sizeof(*t->slots);
	return t;
}

void gs_intern_set_budget(struct gs_intern *t, const size_t *used, const size_t *max)
{
	t->budget_used = used;
	t->budget_max = max;
}

/* Whether `extra` more bytes fit in the owner's budget (this table's memory included). */
static int within_budget(const struct gs_intern *t, size_t extra)
{
	size_t max, used;

	if (t->budget_max == NULL || *t->budget_max == 0)
		return 1;
	max = *t->budget_max;
	used = t->mem + (t->budget_used ? *t->budget_used : 0);
	return used <= max && extra <= max - used;
}

void gs_intern_free(struct gs_intern *t)
{
	struct block *b, *next;

	if (t == NULL)
		return;
	for (b = t->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(t->entries);
	free(t->slots);
	free(t);
}

/* force: past the budget (diagnostics, a bounded few). */
static char *arena_copy(struct gs_intern *t, const char *s, size_t len, int force)
{
	struct block *b = t->blocks;
	char *p;

	if (b == NULL || b->size - b->used < len + 1) {
		size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;

		if (!force && !within_budget(t, sizeof(*b) + size)) {
			t->full = GS_INTERN_FULL_BUDGET;
			return NULL;
		}
		b = malloc(sizeof(*b) + size);
		if (b == NULL)
			return NULL;
		t->mem += sizeof(*b) + size;
		b->size = size;
		b->used = 0;
		/* A large string gets its own block behind the current one, so the
		 * current block keeps filling. */
		if (t->blocks && size > BLOCK_SIZE) {
			b->next = t->blocks->next;
			t->blocks->next = b;
		} else {
			b->next = t->blocks;
			t->blocks = b;
		}
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

static int rehash(struct gs_intern *t, int force)
{
	uint32_t n = t->nslots * 2, mask = n - 1, i, id;
	uint32_t *slots;

	if (t->nslots > UINT32_MAX / 2 ||
	    (!force && !within_budget(t, (size_t)t->nslots * sizeof(*slots))))
		return -1;
	slots = calloc(n, sizeof(*slots));
	if (slots == NULL)
		return -1;
	t->mem += (size_t)t->nslots * sizeof(*slots);
	for (id = 1; id < t->count; id++) {
		i = (uint32_t)t->entries[id].hash & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = id;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = n;
	return 0;
}

uint32_t gs_intern_find(const struct gs_intern *t, const char *s, size_t len)
{
	uint64_t h = gs_intern_hash(s, len);
	uint32_t mask = t->nslots - 1, i = (uint32_t)h & mask, id;

	while ((id = t->slots[i]) != 0) {
		const struct entry *e = &t->entries[id];

		if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0)
			return id;
		i = (i + 1) & mask;
	}
	return 0;
}

static uint32_t put(struct gs_intern *t, const char *s, size_t len, uint64_t h, int force)
{
	uint32_t mask = t->nslots - 1, i = (uint32_t)h & mask, id;
	struct entry *e;

	while ((id = t->slots[i]) != 0) {
		e = &t->entries[id];
		if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0)
			return id;
		i = (i + 1) & mask;
	}
	if (len > UINT32_MAX - 1 || (t->full && !force))
		return 0;
	if (!force && t->max_bytes && t->bytes + len + 1 > t->max_bytes) {
		t->full = GS_INTERN_FULL_TEXT;
		return 0;
	}
	/* a failed rehash leaves the slots fuller than half: never let them fill up, or the
	 * probe loop above would not end */
	if ((uint64_t)t->count + 2 > t->nslots)
		return 0;
	if (t->count == t->cap) {
		struct entry *ne;

		if (t->cap > UINT32_MAX / 2)
			return 0;
		if (!force && !within_budget(t, (size_t)t->cap * sizeof(*ne))) {
			t->full = GS_INTERN_FULL_BUDGET;
			return 0;
		}
		ne = realloc(t->entries, (size_t)t->cap * 2 * sizeof(*ne));
		if (ne == NULL)
			return 0;
		t->mem += (size_t)t->cap * sizeof(*ne);
		t->entries = ne;
		t->cap *= 2;
	}
	e = &t->entries[t->count];
	e->text = arena_copy(t, s, len, force);
	if (e->text == NULL)
		return 0;
	e->hash = h;
	e->len = (uint32_t)len;
	id = t->count++;
	t->slots[i] = id;
	t->bytes += len + 1;
	if ((uint64_t)t->count * 2 > t->nslots && rehash(t, force) != 0) {
		/* the table still works, only slower; next insert retries */
	}
	return id;
}

uint32_t gs_intern_put_hashed(struct gs_intern *t, const char *s, size_t len, uint64_t h)
{
	return put(t, s, len, h, 0);
}

uint32_t gs_intern_put_always(struct gs_intern *t, const char *s, size_t len)
{
	return put(t, s, len, gs_intern_hash(s, len), 1);
}

uint32_t gs_intern_put(struct gs_intern *t, const char *s, size_t len)
{
	return gs_intern_put_hashed(t, s, len, gs_intern_hash(s, len));
}

const char *gs_intern_str(const struct gs_intern *t, uint32_t id)
{
	return id < t->count ? t->entries[id].text : "";
}

size_t gs_intern_len(const struct gs_intern *t, uint32_t id)
{
	return id < t->count ? t->entries[id].len : 0;
}

uint32_t gs_intern_count(const struct gs_intern *t)
{
	return t->count - 1;
}

size_t gs_intern_bytes(const struct gs_intern *t)
{
	return t->bytes;
}

size_t gs_intern_mem(const struct gs_intern *t)
{
	return t->mem;
}

int gs_intern_full(const struct gs_intern *t)
{
	return t->full;
}
