/* key.h - the table of group keys: one row per --by word.
 *
 * A key is what goroutines (or profile records) are grouped and matched by: their state,
 * wait, where frame, function, stack, creator, labels, one label, the object waited on. Its row says everything
 * about it: the --by word, the column title and JSON member, what kind of value it holds
 * (which says how it is compared and printed), which records carry it, and how a record's
 * value is extracted. The --by parser, grouping (group.c), the joins of diff and trend
 * (match.c), profile sites (sites.c), column headers and JSON all loop over the table.
 * Adding a key is a row here (and a value type's printing, when it brings a new type).
 *
 * A key's values are small integers (interned ids, frame and stack ids, minutes), one per
 * key, in struct gs_key; a key not asked for is 0, so equal keys are equal arrays.
 */
#ifndef GS_KEY_H
#define GS_KEY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"

/* In the order of the table: the order keys sort by and columns and members are shown. */
enum gs_key_id {
	GS_KEY_SOURCE = 0,  /* the SOURCE a record was read from: its label (gs_source) */
	GS_KEY_DUMP,        /* the dump it belongs to: the Nth of its source */
	GS_KEY_STATE,
	GS_KEY_WAIT,        /* a wait bucket: <1m, 1-5m, 5-15m, 15-60m, 1-4h, >4h */
	GS_KEY_WAIT_EXACT,  /* the printed minutes */
	GS_KEY_WHERE,       /* the where frame (the CLI's rule: --where, --skip) */
	GS_KEY_FUNC,        /* the where frame's function */
	GS_KEY_STACK,       /* the canonical stack */
	GS_KEY_CREATOR,     /* the "created by" frame */
	GS_KEY_LABELS,      /* the whole label set */
	GS_KEY_LABEL,       /* one label's value: label:KEY */
	GS_KEY_OBJECT,      /* the lock, WaitGroup, Cond or channel waited on (object.h) */
	GS_NKEYS
};

#define GK_BIT(id) (1u << (unsigned)(id))
#define GK_SOURCE     GK_BIT(GS_KEY_SOURCE)
#define GK_DUMP       GK_BIT(GS_KEY_DUMP)
#define GK_STATE      GK_BIT(GS_KEY_STATE)
#define GK_WAIT       GK_BIT(GS_KEY_WAIT)
#define GK_WAIT_EXACT GK_BIT(GS_KEY_WAIT_EXACT)
#define GK_WHERE      GK_BIT(GS_KEY_WHERE)
#define GK_FUNC       GK_BIT(GS_KEY_FUNC)
#define GK_STACK      GK_BIT(GS_KEY_STACK)
#define GK_CREATOR    GK_BIT(GS_KEY_CREATOR)
#define GK_LABELS     GK_BIT(GS_KEY_LABELS)
#define GK_LABEL      GK_BIT(GS_KEY_LABEL)
#define GK_OBJECT     GK_BIT(GS_KEY_OBJECT)

/* The wait key's buckets. */
enum gs_wait_bucket { WB_NONE = 0, WB_LT1, WB_1_5, WB_5_15, WB_15_60, WB_1_4H, WB_GT4H };
enum gs_wait_bucket gs_wait_bucket(const struct gs_goroutine *g);
const char *gs_wait_bucket_name(enum gs_wait_bucket b); /* "<1m", "1-5m", ... */

/* What a key's value is: how it compares (by text, by number) and how it is printed. */
enum gs_key_type {
	GS_KT_TEXT = 1,  /* an interned text (0: none) */
	GS_KT_BUCKET,    /* enum gs_wait_bucket */
	GS_KT_MINUTES,   /* minutes */
	GS_KT_FRAME,     /* a frame id, printed "func file:line" */
	GS_KT_CALLER,    /* a frame id, printed by its function (a creator) */
	GS_KT_STACK,     /* a canonical stack id */
	GS_KT_LABELS,    /* an interned canonical label set */
	GS_KT_OBJECT,    /* an interned object text "Mutex 0xc0000a0078" (object.h) */
	GS_KT_DUMP       /* a dump index + 1, printed as its place in its source */
};

/* Row flags. */
#define GS_KF_STATE   0x01u /* only goroutines of a dump carry it (state, wait, creator):
                               debug=1 records and profile samples do not */
#define GS_KF_WHERE   0x02u /* extracted from the record's where frame */
#define GS_KF_LABELS  0x04u /* from the labels, which Go before 1.26 does not print in a
                               dump: one side of a diff may lack them */
#define GS_KF_ARG     0x08u /* the word takes an argument after it: label:KEY */
#define GS_KF_COLUMN  0x10u /* summary shows it in a column of its own (not one of the
                               facts every row has: count, state, wait, where, creator) */
#define GS_KF_DESC    0x20u /* larger values first in the key order (longer waits) */

/* The values of one key set, indexed by enum gs_key_id; 0 where not in the key. */
struct gs_key {
	uint32_t v[GS_NKEYS];
};

/* What a record offers its keys. */
struct gs_key_in {
	const struct gs_goroutine *g; /* a goroutine or debug=1 record; NULL for a sample */
	uint32_t stack;               /* its full stack */
	uint32_t labels;              /* interned canonical labels, 0 none */
	uint32_t where;               /* its where frame: set when a key has GS_KF_WHERE */
	uint32_t label_key;           /* the KEY of label:KEY, interned */
	uint32_t object;              /* the object a goroutine waits on, its text interned
	                                 (object.h: gs_object_intern), when the key has it */
	uint32_t dump;                /* its dump (index into model->dumps) */
};

struct gs_key_row {
	enum gs_key_id id;
	const char *word;     /* --by word; with GS_KF_ARG the prefix before the argument */
	const char *title;    /* column title; with GS_KF_ARG followed by the argument */
	const char *json;     /* JSON member of the key's value */
	const char *by;       /* how JSON's "key_dropped" names it ("label:KEY") */
	const char *noun;     /* how notes name it ("wait" for both waits) */
	enum gs_key_type type;
	unsigned flags;       /* GS_KF_* */
	unsigned replaces;    /* GK_ bits it replaces when both are asked (wait=exact: wait) */
	uint32_t (*extract)(const struct gs_model *m, const struct gs_key_in *in);
};

const struct gs_key_row *gs_key_row(enum gs_key_id id);

/* The values of the keys (GK_ bits) for one record: the others 0. */
void gs_key_make(const struct gs_model *m, unsigned keys, const struct gs_key_in *in,
                 struct gs_key *out);
uint64_t gs_key_hash(const struct gs_key *k);
/* Inline: grouping compares a key a goroutine. */
static inline int gs_key_eq(const struct gs_key *a, const struct gs_key *b)
{
	return memcmp(a->v, b->v, sizeof a->v) == 0;
}
/* Orders two keys by their text, key by key in table order (absent values first, longer
 * waits first): the tie-break that makes output the same whatever the interning order. */
int gs_key_cmp(const struct gs_model *m, const struct gs_key *a, const struct gs_key *b);
/* The GK_ bits of keys with all of flags (GS_KF_*). */
unsigned gs_keys_with(unsigned flags);

/* --by: "state,wait,where", "wait=exact", "label:tenant". An error is data: */
enum gs_by_error_code {
	GS_BY_OK = 0,
	GS_BY_EMPTY,      /* an empty field */
	GS_BY_UNKNOWN,    /* a word no row has: word holds it (cut to fit) */
	GS_BY_TWO_ARGS,   /* a second label:KEY */
	GS_BY_NO_MEMORY
};
struct gs_by_error {
	enum gs_by_error_code code;
	char word[48];
};
/* keys gets the GK_ bits (a key's `replaces` applied), label_key the interned KEY of
 * label:KEY (0 without). 0, or -1 with err filled. */
int gs_by_parse(const char *spec, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                struct gs_by_error *err);
/* "state, wait, wait=exact, where, ..., label:KEY": every --by word, for messages. */
size_t gs_by_words(char *out, size_t size);

#endif
