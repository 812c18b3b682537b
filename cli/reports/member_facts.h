/* member_facts.h - what a report reads of every group's members, gathered in one pass over
 * the goroutines in input order.
 *
 * A group's members are in input order, but groups interleave: walking them group by group
 * reads the model's goroutines (64 bytes each) far apart, a wait on memory at each, and
 * show and JSON walked every group three times (its info, its distinct stacks, its ids).
 * One pass in input order reads each goroutine once, next to the last, and writes what those
 * walks need in member order (grouping->member's order) to three small arrays, which they
 * then read in order: 13 bytes a member.
 *
 * The pass needs each goroutine's group, and a grouping has members in input order within
 * a group (group.h): the k-th member of a group met in input order is its member k.
 */
#ifndef GS_MEMBER_FACTS_H
#define GS_MEMBER_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "reports/render.h"

/* bits[p] of member p */
#define MF_NOSTATE 0x1u /* a debug=1 record: no id, no state (GS_G_NOSTATE) */
#define MF_ONE     0x2u /* it stands for one goroutine (count 1): else read its count */
#define MF_FIRST   0x4u /* the first goroutine of its stack: the stack keeps its arguments */
#define MF_FAILED  0x8u /* the goroutine its dump's panic or fault names (gs_dump_failed) */

struct member_facts {
	struct group_info *info; /* per group (index into grouping->groups): render_group_info's */
	size_t *first;           /* per stack id: its first goroutine, whose arguments the model
	                            keeps, so a group's stack is shown with its own member's
	                            arguments when it can be (gs_model_first_of_stack) */
	uint64_t *id;            /* per member position p: the goroutine's id */
	uint32_t *canon;         /* ... its canonical stack */
	unsigned char *bits;     /* ... MF_* */
};

/* Everything above for r's grouping; dies when memory runs out (msg.h). */
void member_facts_make(const struct render_ctx *r, struct member_facts *f);
void member_facts_free(struct member_facts *f);

/* The goroutines member p stands for. */
uint64_t member_facts_count(const struct render_ctx *r, const struct member_facts *f, size_t p);

/* The distinct canonical stacks among g's members: a group whose members differ there says
 * so rather than show one stack as if it stood for all; 1 without asking when the stack is
 * in the key. slot: one zeroed entry per stack id + 1, left zeroed. */
uint32_t member_facts_stacks(const struct render_ctx *r, const struct member_facts *f,
                             const struct group *g, uint32_t *slot);

#endif
