/* pace.h - rounds every DUR (fetch --every, watch --every): when the next one is due, and
 * by how much a round overran.
 *
 * A round that takes longer than DUR (a slow host, a long timeout) is neither followed by
 * a burst of rounds catching up with the slots it missed nor stretched in silence: the
 * next round starts at once, the schedule is counted again from it, and the caller says
 * by how much the round overran. Pure (tests/cli/test_fetch.c).
 */
#ifndef GS_PACE_H
#define GS_PACE_H

struct pace {
	long every_ms;
	long long due_ms;        /* when the current round was due to begin */
};

/* The first round is due at now_ms. */
void pace_start(struct pace *p, long every_ms, long long now_ms);
/* The current round ended at now_ms: p->due_ms becomes the next one's due time. 0 when it
 * ended within its interval, else the milliseconds it ran past it (the next is due now). */
long long pace_next(struct pace *p, long long now_ms);

#endif
