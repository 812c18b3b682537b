/* budget.h - what rendering may add to the model's memory.
 *
 * README promises a run stays within 1.5 times GOSTACKS_MAX_MEMORY. The model stops at the
 * cap by itself; but a report of a million groups (its table, the text backend's layout
 * of it, show's stacks, the icicle graph) took as much again and more: show peaked at
 * 862 MB under a 256 MiB cap. So the run's cap is set once the model is read, a report
 * builder notes the heap in use (model and grouping) when it starts its rows, and asks
 * budget_left every few hundred rows: rows stop being added when what they took so far,
 * counted four times (the backends lay out a copy of the table; the allocator keeps what
 * it freed), would pass 1.4 times the cap. The report then says how many rows it left
 * out, and main exits 1 with an error. Process state: one run renders on one thread.
 */
#ifndef GS_BUDGET_H
#define GS_BUDGET_H

#include <stddef.h>

/* The run's cap (0: none, every call to budget_left says yes). */
void budget_set(size_t cap);
/* A report's rows begin: the heap in use now is what they are counted from. */
void budget_begin(void);
/* 1 while rendering may go on adding rows, 0 from the first time it may not. */
int budget_left(void);
/* Whether a report was cut (main says so, exit 1). */
int budget_was_hit(void);

#endif
