/* pace.c - see pace.h. */
#include "net/pace.h"

void pace_start(struct pace *p, long every_ms, long long now_ms)
{
	p->every_ms = every_ms;
	p->due_ms = now_ms;
}

long long pace_next(struct pace *p, long long now_ms)
{
	long long next = p->due_ms + p->every_ms;

	if (now_ms <= next) {
		p->due_ms = next;
		return 0;
	}
	p->due_ms = now_ms;
	return now_ms - next;
}
