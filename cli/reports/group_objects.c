/* group_objects.c - see group_objects.h. */
#include "reports/group_objects.h"

#include <inttypes.h>

#include "object.h"
#include "outputs/msg.h"
#include "select/ranges.h"

#define HOLDERS_SHOWN 8
#define OBJECTS_SHOWN 4

/* "Mutex 0x6bd668 (6), Mutex 0x6bd980 (2), none (3)": the objects a group's members wait
 * on, in order of first sight, with how many wait on each */
static void objects_counted(struct gs_buf *b, const struct render_ctx *r, const struct group *g)
{
	const struct gs_model *m = r->m;
	uint64_t obj[OBJECTS_SHOWN + 1], count[OBJECTS_SHOWN + 1];
	char text[GS_OBJECT_TEXT_MAX];
	size_t n = 0, k, j, more = 0;

	for (k = 0; k < g->records; k++) {
		size_t i = r->gr->member[g->members + k];
		uint64_t o = gs_goroutine_object(m, i);

		for (j = 0; j < n && obj[j] != o; j++)
			;
		if (j == n && n == OBJECTS_SHOWN) {
			more += m->goroutines[i].count;
			continue;
		}
		if (j == n) {
			obj[n] = o;
			count[n++] = 0;
		}
		count[j] += m->goroutines[i].count;
	}
	for (j = 0; j < n; j++) {
		if (j)
			gs_buf_adds(b, ", ");
		if (obj[j])
			gs_buf_add(b, text, gs_object_format(obj[j], text, sizeof text));
		else
			gs_buf_adds(b, "none known");
		gs_buf_addf(b, " (%" PRIu64 ")", count[j]);
	}
	if (more)
		gs_buf_addf(b, ", others (%" PRIu64 ")", more);
	gs_buf_adds(b, "; --by object splits them");
}

/* "waits on: Mutex 0x5f7150" and its candidate holders, one a line with its state and
 * where frame; for members waiting on several objects, each with its count. */
void group_object_lines(struct table *t, const struct render_ctx *r, const struct group *g,
                        const struct group_info *gi, struct gs_holders *h)
{
	uint32_t object = gi->object;
	const struct gs_model *m = r->m;
	struct gs_holder held[HOLDERS_SHOWN];
	enum gs_object_kind kind = gs_object_kind_of(gi->object_value);
	struct gs_buf tmp = XBUF_INIT;
	size_t n, k;
	int lock;

	table_span(t, TS_BOLD, "waits on: ", 10);
	if (object == RENDER_MIXED) {
		objects_counted(&tmp, r, g);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
		table_layout(t, "\n");
		gs_buf_release(&tmp);
		return;
	}
	table_span(t, TS_PLAIN, gs_str(m, object), gs_intern_len(m->strings, object));
	table_layout(t, "\n");
	n = render_holders(r, h, g, gi->object_value, held, HOLDERS_SHOWN);
	/* a lock is held; a WaitGroup, Cond or channel is only known to others */
	lock = kind == GS_OBJ_MUTEX || kind == GS_OBJ_RWMUTEX;
	if (n == 0 && !lock) {
		gs_buf_release(&tmp);
		return;
	}
	table_span(t, TS_BOLD, lock ? "held by?: " : "known to: ", 10);
	if (n == 0)
		table_span(t, TS_DIM, "no other goroutine's frames show its address", 44);
	for (k = 0; k < n && k < HOLDERS_SHOWN; k++) {
		gs_buf_reset(&tmp);
		if (k)
			table_layout(t, "\n          ");
		render_goroutine_status(&tmp, m, &m->goroutines[held[k].g]);
		gs_buf_adds(&tmp, " at ");
		render_frame_raw(&tmp, m, held[k].frame);
		table_span(t, TS_PLAIN, tmp.data, tmp.len);
	}
	if (n > HOLDERS_SHOWN)
		table_spanf(t, TS_DIM, " and %zu more", n - HOLDERS_SHOWN);
	table_layout(t, "\n");
	gs_buf_release(&tmp);
}

/* The ids of the group's candidate holders: "31", "7, 40-41", "-" */
void group_holders_cell(struct table *t, const struct render_ctx *r, const struct group *g,
                        struct gs_holders *h)
{
	struct gs_buf *b = table_cell(t);
	struct gs_holder held[64];
	uint64_t ids[64];
	size_t n, k;

	/* keyed by the object: every member waits on the first's */
	n = h ? render_holders(r, h, g, gs_goroutine_object(r->m, r->gr->member[g->members]), held,
	                       64)
	      : 0;
	for (k = 0; k < n && k < 64; k++)
		ids[k] = r->m->goroutines[held[k].g].id;
	if (n == 0)
		gs_buf_addch(b, '-');
	else
		ranges_format(b, ids, k);
	if (n > 64)
		gs_buf_addf(b, " and %zu more", n - 64);
}
