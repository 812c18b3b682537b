/* group_objects.h - what a group of goroutines waits on (object.h), in a group report
 * (group_report.h): the detail lines under a group and the HELD BY? cell of --by object.
 *
 *   waits on: Mutex 0x5f7150
 *   held by?: goroutine 21 [chan receive, 7 minutes] at main.(*cache).refill shop/cache.go:88
 *
 * A lock is held; a WaitGroup, Cond or channel is only "known to" the goroutines whose frames
 * show it. Members waiting on several objects get each with its count instead.
 */
#ifndef GS_GROUP_OBJECTS_H
#define GS_GROUP_OBJECTS_H

#include "group.h"
#include "outputs/table.h"
#include "reports/render.h"

struct gs_holders;

/* The lines of a group whose members wait on an object (gi->object not 0), into the open
 * detail of t. */
void group_object_lines(struct table *t, const struct render_ctx *r, const struct group *g,
                        const struct group_info *gi, struct gs_holders *h);
/* The cell of the ids of the group's candidate holders: "31", "7, 40-41", "-". The group is
 * keyed by the object (--by object); h NULL: none. */
void group_holders_cell(struct table *t, const struct render_ctx *r, const struct group *g,
                        struct gs_holders *h);

#endif
