/* skel.h - a body recognised by its fixed text: the stack memo's short way.
 *
 * Goroutines of one stack print one body but for their arguments and their parent's id:
 * a function line's text up to its arguments' "(", the ")" closing them, the file lines
 * with their "+0x" offsets (one PC, one offset) and "created by NAME in goroutine " are
 * the same bytes each time. A skel keeps bodies the stack memo knows (body.h) as that
 * fixed text cut at the variable places, shared as a trie:
 *
 *   body    = seg0 VAR seg1 VAR ... segN        segN ends with the blank line's "\n"
 *   VAR     = ARGS    after a segment ending in a function line's last "(": the bytes up
 *                     to the line's ")" - none of them "(", the last not a UTF-8 byte
 *           | PARENT  after "created by NAME in goroutine ": DEC of 64 bits to the line end
 *
 * gs_skel_match walks it from the body's first byte: a node with one child compares that
 * child's segment with the text where it stands; a node with more takes the text's bytes
 * just past its children's common prefix (up to 8, within the shortest child) and
 * compares the children with those bytes. A segment is always compared whole, so a child
 * is taken only when the text goes on as it does; then the VAR after it is read by its
 * rule, and the walk goes on from the VAR's end.
 *
 * Why a match is what the memo would say: the text matched is the fixed text of a body
 * gs_body_read read and the memo keeps (the builder calls gs_skel_add with such a body
 * only), the lines fall at the same places (no VAR holds a "\n"), and each VAR holds what
 * keeps its line's key part the same (body.h): arguments without "(" leave the function's
 * name and the line's shape; a parent id of 64 bits leaves "created by NAME". Each line is
 * checked against max_line: the fixed ones by the longest line of their segment. So the
 * body's key is the memo's key of that body, and the skel gives the same stack, creator and
 * frame count, with the arguments and parent of this body. A skel that learns the bodies
 * gs_body_lines reads (grep's records: stack and creator 0) matches only bodies it would
 * read, for the same reason: what it checks of a line (gs_lines_plain, func_line_ok) its
 * fixed text says, and an argument list whose last byte is no UTF-8 one.
 *
 * Its text is bounded (GS_SKEL_TEXT_MAX); when full it starts afresh. Like the memo it is a
 * cache of the model: a node names a stack and a frame of the model, which never loses
 * them.
 */
#ifndef GS_SKEL_H
#define GS_SKEL_H

#include <stddef.h>
#include <stdint.h>

#include "memo/body.h"
#include "buf.h"

#define GS_SKEL_TEXT_MAX ((size_t)8 << 20)

enum { GS_SKEL_ARGS = 1, GS_SKEL_PARENT, GS_SKEL_END };

struct gs_skel_node {
	uint32_t seg, seglen;     /* the fixed text: text[seg .. seg + seglen) */
	uint32_t child, nchild;   /* nchild 1: the child; more: their run in kids */
	uint32_t crit, minlen;    /* nchild > 1: the children's common prefix, the shortest */
	uint32_t win;             /* ... and the bytes after crit they are found by (<= 8) */
	uint32_t pre;             /* ARGS, PARENT: the bytes of the VAR's line before it */
	uint32_t longest;         /* the longest line wholly inside the segment */
	uint32_t next;            /* what follows the segment: GS_SKEL_ARGS .. GS_SKEL_END */
	/* GS_SKEL_END: what the body made, and its shape */
	uint32_t stack, creator, nframes, nlines, created;
};

struct gs_skel_kid {
	uint64_t w;               /* the child's bytes after its parent's crit */
	uint32_t node;
};

struct gs_skel {
	struct gs_skel_node *nodes;   /* nodes[0]: the root, with no segment */
	size_t nnodes, node_cap;
	struct gs_skel_kid *kids;     /* the runs of nodes with children */
	size_t nkids, kid_cap;
	struct gs_buf text;
};

void gs_skel_init(struct gs_skel *k);
void gs_skel_release(struct gs_skel *k);

/* b, read by gs_body_read from s (its blank line at s + b->bytes) and kept by the memo
 * (gs_memo_add or gs_memo_find), made this stack, creator frame (0: none); or b read by
 * gs_body_lines, in a skel that learns only such: 1 when learned, 0 when not (no memory,
 * or a body too large for the bound). */
int gs_skel_add(struct gs_skel *k, const struct gs_body *b, const char *s, uint32_t stack,
                uint32_t creator);

/* The body at s, its blank line before lim, each line at most max_line bytes: the end node
 * of a body learned with the same fixed text (its stack, creator, nframes, nlines), and b's
 * bytes, nlines, nframes, argoff, arglen, created, parent_known and parent as
 * gs_body_read gives them; NULL when there is none (b's fields undefined then). */
const struct gs_skel_node *gs_skel_match(const struct gs_skel *k, struct gs_body *b,
                                         const char *s, const char *lim, size_t max_line);

#endif
