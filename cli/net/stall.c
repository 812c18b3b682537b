/* stall.c - see stall.h. */
#include "net/stall.h"

void stall_init(struct stall *s, long limit, long time_ms)
{
	s->limit = limit;
	s->time_ms = time_ms;
	s->started = 0;
	s->step_ms = 0;
	s->step_bytes = 0;
	s->slow_since_ms = -1;
}

int stall_check(struct stall *s, long long now_ms, uint64_t bytes)
{
	long long elapsed;

	if (s->limit <= 0 || s->time_ms <= 0)
		return 0;
	if (!s->started) {
		if (bytes == 0)
			return 0; /* a slow start: --timeout's business */
		s->started = 1;
		s->step_ms = now_ms;
		s->step_bytes = bytes;
		return 0;
	}
	elapsed = now_ms - s->step_ms;
	if (elapsed >= STALL_STEP_MS) {
		/* bytes per second over the step, compared without dividing */
		if ((bytes - s->step_bytes) * 1000 >= (uint64_t)s->limit * (uint64_t)elapsed)
			s->slow_since_ms = -1;
		else if (s->slow_since_ms < 0)
			s->slow_since_ms = s->step_ms;
		s->step_ms = now_ms;
		s->step_bytes = bytes;
	}
	return s->slow_since_ms >= 0 && now_ms - s->slow_since_ms >= s->time_ms;
}
