/* body.h - a goroutine's body read at once, and the stack memo it is looked up in.
 *
 * Most goroutines of a big dump print a stack some goroutine before them printed: the same
 * function and file lines with other argument words, other "+0x" offsets and another
 * parent's id. gs_body_read reads the lines below a goroutine's header up to its blank line
 * as one key, that text without them; a key the memo holds gives the stack, the creator's
 * frame and the frame count without a line of it going through the grammar (build.c).
 *
 *   body     = ( funcline "\n" fileline "\n" )* [ created "\n" fileline "\n" ] "\n"
 *   funcline = NAME "(" ARGS ")"                       key: NAME "("  (the line's last "(")
 *   fileline = "\t" PLACE [ " +0x" HEX ]                key: "\t" PLACE
 *   created  = "created by " NAME [ " in goroutine " DEC ]  key: "created by " NAME
 * each key part followed by "\n"; HEX is [0-9a-fA-F]+. A line counts only when the line
 * reader's short way hands it out untouched (gs_lines_plain; "created by" with a
 * tab-indented line after it); an "in goroutine" id past 64 bits (a warning) is not one.
 * Anything else, or a body that does not end before lim, is read line by line:
 * gs_body_read says 0 and the caller goes the long way. What a line's key part says of it
 * is checked once, when the memo is asked to keep a key (gs_memo_add), not each time a body
 * is read: the memo keeps no key with a function line the grammar reads otherwise (one that
 * starts with '.', an elision; '[', ancestors; "non-Go function"; a profile's header) or a
 * file line whose PLACE does not end in FILE ":" LINE, LINE of 32 bits ("fp=" words: read
 * the long way each time).
 *
 * Why the key says the same as the lines: a function's name is the text before its
 * arguments' "(" (grammar_machines.h), and a file line's FILE:LINE is found from the right
 * by a colon with digits after it that end the line or meet a blank (gs_gor_fileline_split):
 * a " +0x..." suffix holds no colon and leaves that blank, so the line without it splits
 * the same, and a key that ends in ":" LINE splits without a warning whatever the frame
 * cache holds. The parent's id is kept beside the key, per goroutine.
 *
 * gs_body_lines reads the same lines without a key, for a reader with no memo: grep's
 * records (records.c) take a body's lines at once, with a function line checked there.
 *
 * The memo holds keys with what their body made (build.c says when: a goroutine read the
 * long way that ended on its blank line and said nothing). Its text is bounded
 * (GS_MEMO_TEXT_MAX); when full it starts afresh: a dump of endless distinct stacks reads
 * the long way, with one scan of each body more. It is only a cache of the model: an entry
 * names a stack and a frame of the model the builder builds, which never lose them.
 */
#ifndef GS_BODY_H
#define GS_BODY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define GS_BODY_MAX_FRAMES 256          /* deeper stacks are read line by line */
#define GS_BODY_MAX_LINES (2 * GS_BODY_MAX_FRAMES + 2)
#define GS_BODY_MAX_KEY ((size_t)32768) /* ... and longer keys */
#define GS_MEMO_TEXT_MAX ((size_t)8 << 20)

struct gs_body {
	size_t bytes;             /* the body's lines, "\n"s included, without its blank line */
	uint32_t nlines;          /* ... their count */
	uint32_t nframes;         /* function lines */
	int created;              /* it has "created by" */
	int parent_known;         /* ... "in goroutine N": parent is N */
	uint64_t parent;
	uint32_t parent_off;      /* ... N's first digit: its offset from the body's start */
	uint64_t hash;            /* of key[0..keylen) */
	size_t keylen;
	uint32_t line_off[GS_BODY_MAX_LINES]; /* line k: its offset from the body's start */
	uint32_t argoff[GS_BODY_MAX_FRAMES]; /* frame k's "(ARGS)": offset from the body's start */
	uint32_t arglen[GS_BODY_MAX_FRAMES];
	char key[GS_BODY_MAX_KEY + 16]; /* + 16: key_add copies by 16 bytes */
};

/* The body at s (the byte after its header's "\n"), its lines and the blank line after them
 * all before lim, each line at most max_line bytes: 1 when it has the shape above (b filled),
 * else 0. */
int gs_body_read(struct gs_body *b, const char *s, const char *lim, size_t max_line);
/* The same lines without a key (no key or hash in b; the parent as gs_body_read gives it,
 * none for an id past 64 bits), for a reader with no memo (records.h): a function line is
 * also checked to be one the grammar reads as such. */
int gs_body_lines(struct gs_body *b, const char *s, const char *lim, size_t max_line);

struct gs_memo_entry {
	uint64_t hash;
	size_t key;               /* offset in the memo's text */
	uint32_t keylen;          /* 0: empty slot */
	uint32_t stack, creator, nframes;
};

struct gs_memo {
	struct gs_memo_entry *slots;
	size_t cap, n;            /* cap: a power of two, or 0 */
	struct gs_buf text;
};

/* When a reader of bodies (the builder's memo, grep's skel) reads them. After a window of
 * GS_MEMO_WINDOW goroutines in which it tried `tries` bodies and `useful` of them paid,
 * fewer than a quarter of use puts it to rest for *skip bodies: GS_MEMO_REST_FIRST, twice
 * as many after each such window in a row (*rest), at most GS_MEMO_REST_MAX; a window of
 * use ends the run. */
#define GS_MEMO_WINDOW 128
#define GS_MEMO_REST_FIRST 512
#define GS_MEMO_REST_MAX 16384
static inline void gs_memo_rest(uint32_t *skip, uint32_t *rest, uint32_t tries, uint32_t useful)
{
	if (useful < tries / 4) {
		*skip = *rest ? *rest : GS_MEMO_REST_FIRST;
		*rest = *skip < GS_MEMO_REST_MAX ? *skip * 2 : GS_MEMO_REST_MAX;
	} else {
		*rest = 0;
	}
}

void gs_memo_init(struct gs_memo *m);
void gs_memo_release(struct gs_memo *m);
/* The entry of b's key, or NULL. */
const struct gs_memo_entry *gs_memo_find(const struct gs_memo *m, const struct gs_body *b);
/* b's key made this stack, creator frame (0: none) and frame count: 1 when remembered. Not
 * remembered (0): a key with a line the memo keeps none of (above), and without memory;
 * past GS_MEMO_TEXT_MAX the memo starts afresh. */
int gs_memo_add(struct gs_memo *m, const struct gs_body *b, uint32_t stack, uint32_t creator);

#endif
