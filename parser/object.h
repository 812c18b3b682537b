/* object.h - which lock, which channel: the object a goroutine waits on, and who may hold it.
 *
 * In a debug=2 dump the argument words of the frames a goroutine waits in name the object:
 *   sync.(*Mutex).lockSlow(0xc0000a0078)        Mutex      the receiver
 *   sync.(*RWMutex).RLock(0x...), .Lock(0x...)  RWMutex    the receiver, or the Mutex
 *                                                          frames' under Lock (its first field)
 *   sync.(*WaitGroup).Wait(0x...)               WaitGroup  the receiver
 *   sync.runtime_notifyListWait(0x..., N)       Cond       the notify list inside the Cond
 *   sync.(*Cond).Wait(0x...)                               (else the receiver)
 *   runtime.chanrecv/chansend[12](0x..., ...)   chan       the channel (runtime frames are
 *                                                          printed at GOTRACEBACK=system)
 * (internal/sync's Mutex frames count as sync's). Only frames of the run of runtime, sync and
 * internal/sync frames at the leaf count: the goroutine waits in them. A word counts only
 * when Go marks it exact: with the register ABI (Go 1.17+) a word printed "0x0?" is a guess
 * of a register's spilled value, so it never joins a group by address.
 *
 * A stack says, once when it is made, whether and in which frames it waits on an object
 * (gs_stack_object_frames); a goroutine's own words, read while its arguments are at hand,
 * make its object: the kind and the address in one word (gs_object_parse), kept per
 * goroutine (model.h: gs_goroutine_object). Dumps without such waits pay nothing, and a
 * dump of many objects no string each: the text "Mutex 0xc0000a0078" is made when shown
 * or grouped by (gs_object_format, gs_object_intern).
 *
 * A holder is a goroutine of the same dump that does not wait on the object (nor on one of
 * its kind it cannot be told from) and whose frames show the object's address as an exact
 * argument word: the goroutine that took the lock and blocked elsewhere, as a candidate.
 * The model keeps one argument text per stack, the first goroutine's with it: a holder is
 * found when it is that goroutine (a holder's stack is mostly its own).
 */
#ifndef GS_OBJECT_H
#define GS_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum gs_object_kind {
	GS_OBJ_NONE = 0,
	GS_OBJ_MUTEX,
	GS_OBJ_RWMUTEX,
	GS_OBJ_WAITGROUP,
	GS_OBJ_COND,
	GS_OBJ_CHAN
};

/* "Mutex", "RWMutex", "WaitGroup", "Cond", "chan"; "" for none. */
const char *gs_object_kind_name(enum gs_object_kind k);

/* An object as one word: its kind in the top byte, its address below (addresses past 56
 * bits name no object). 0 is none. */
#define GS_OBJECT_VALUE(kind, addr) (((uint64_t)(kind) << 56) | (uint64_t)(addr))
static inline enum gs_object_kind gs_object_kind_of(uint64_t v)
{
	return (enum gs_object_kind)(v >> 56);
}
static inline uint64_t gs_object_addr(uint64_t v)
{
	return v & (((uint64_t)1 << 56) - 1);
}

/* The object frames of a full stack (frames leaf first): its kind and up to
 * GS_STACK_OBJ_FRAMES frame indexes + 1 to read the word from, in the order to try them, into
 * st. Asks only the frames' function names. */
void gs_stack_object_frames(const struct gs_model *m, const uint32_t *frames, uint32_t len,
                            struct gs_stack *st);

/* The object of kind named by one frame's argument text ("(0x5f7150)", "(0xc0?, 0x1)"):
 * its value, 0 when the first word is not an exact address. */
uint64_t gs_object_parse(enum gs_object_kind kind, const char *args, size_t len);
/* "Mutex 0x5f7150" into out (size bytes, NUL-terminated): its length, 0 for none or when it
 * does not fit (32 bytes always do). */
#define GS_OBJECT_TEXT_MAX 32
size_t gs_object_format(uint64_t v, char *out, size_t size);
/* The text interned in m's string table (shared, like gs_labels_value), 0 for none or when
 * memory ran out: a key's value (key.h). */
uint32_t gs_object_intern(const struct gs_model *m, uint64_t v);
/* An object's text split: its kind name and its address word. 0, or -1 for a text that is
 * not one. */
int gs_object_split(const char *text, size_t len, const char **kind, size_t *kind_len,
                    const char **addr, size_t *addr_len);

/* Candidate holders. */
struct gs_holders;
struct gs_holders *gs_holders_new(const struct gs_model *m); /* NULL when memory ran out */
void gs_holders_free(struct gs_holders *h);
struct gs_holder {
	size_t g;       /* index into m->goroutines */
	uint32_t frame; /* the first of its frames whose arguments show the address */
};
/* The goroutines of dump `dump` that may hold object `object`, at most max of them into
 * out, in input order; returns how many there are in all. */
size_t gs_holders_find(struct gs_holders *h, uint32_t dump, uint64_t object,
                       struct gs_holder *out, size_t max);

#endif
