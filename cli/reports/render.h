/* render.h - what the reports and JSON documents share: the context of one rendering, the
 * per-group facts that are not part of the key, totals, and small formatters.
 */
#ifndef GS_RENDER_H
#define GS_RENDER_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "group.h"
#include "model.h"
#include "outputs/report.h"
#include "outputs/table.h"
#include "sites.h"

struct render_ctx {
	const struct gs_model *m;
	const struct grouping *gr;
	const struct group_opts *go; /* keys, where function */
	const char *by;              /* the --by spec as given */
	char *const *detected;       /* per source index: normalisations, may be NULL */
	enum gs_kind kind;           /* what the groups are of (kinds.h kinds_result): names the
	                                JSON "kind" and the text's nouns; 0 = goroutine */
	size_t failed;               /* the first groups that hold the goroutine that panicked
	                                or faulted (render_failed_first), marked so */
};

#define RENDER_MIXED UINT32_MAX /* members differ in this field */

/* A group's state, where, creator and labels: its key when in the key, else the common
 * value of all its members, RENDER_MIXED when they differ. */
struct group_info {
	uint32_t state;
	uint32_t where;
	uint32_t creator;
	uint32_t labels;
	uint32_t object;  /* the object waited on, its text interned (object.h) */
	uint64_t object_value; /* ... as the model keeps it: 0 none, RENDER_MIXED_OBJECT */
	uint32_t last_stack;   /* the stack of the last member added (the walk's own) */
};
#define RENDER_MIXED_OBJECT UINT64_MAX
void render_group_info(const struct render_ctx *r, const struct group *g, struct group_info *gi);
/* The same in parts, for a walk that is not one group's at a time (member_facts.h): begin
 * with the group's first member, add the others in member order (goroutine indexes), end. */
void render_info_begin(const struct render_ctx *r, const struct group *g, size_t first,
                       struct group_info *gi);
void render_info_add(const struct render_ctx *r, struct group_info *gi, size_t member);
void render_info_end(const struct render_ctx *r, const struct group *g, struct group_info *gi);
/* The SOURCEs a group's members come from: a fleet's group spread over hosts says over how
 * many. seen: render_sources_seen's, one entry per source and a counter, made once per
 * rendering and reused for its groups. */
uint32_t render_group_sources(const struct render_ctx *r, const struct group *g, size_t *seen);
size_t *render_sources_seen(const struct gs_model *m); /* xcalloc'd: the caller frees */

struct render_totals {
	uint64_t skipped;          /* goroutine headers or records not read */
	uint64_t g0_stacks;
	uint64_t lines;
	uint64_t lines_skipped;
	uint64_t bytes;
};
void render_totals(const struct gs_model *m, struct render_totals *t);
/* Whether dumps of kind k are read into a result of kind `result` (kinds.h: its row's
 * read_with; a result of 0 is a goroutine one). */
int render_read_with(enum gs_kind result, enum gs_kind k);
/* The kind of a source: its first dump's, "unknown" when it has none. */
const char *render_source_format(const struct gs_model *m, uint32_t source);

/* The candidate holders of the object a group's members wait on (object.h), in the dumps
 * the members come from: at most max into out; returns how many in all (0 for no object or
 * a mixed one). */
struct gs_holders;
struct gs_holder;
size_t render_holders(const struct render_ctx *r, struct gs_holders *h, const struct group *g,
                      uint64_t object, struct gs_holder *out, size_t max);
/* Whether a goroutine of the groups picked (indexes into r->gr->groups; NULL: the first
 * n groups) waits on an object. */
int render_any_object(const struct render_ctx *r, const size_t *groups, size_t n);
/* "goroutine 12 [chan receive (leaked), 5 minutes, locked to thread]" as Go prints it,
 * without the labels and the colon that follow in a header. */
void render_goroutine_status(struct gs_buf *out, const struct gs_model *m,
                             const struct gs_goroutine *g);

/* The label keys the grouped goroutines carry, sorted, each once: appended to keys, each
 * followed by a NUL. Returns how many. */
size_t render_label_keys(const struct render_ctx *r, struct gs_buf *keys);
/* The next key of render_label_keys' text at *pos, NULL after the last. */
const char *render_label_key_next(const struct gs_buf *keys, size_t *pos);

/* A crash's first question is what failed: the groups holding a goroutine that panicked
 * or faulted (gs_dump_failed) move first, in dump order, whatever their count; the others
 * keep their order. Returns how many moved. */
size_t render_failed_first(const struct gs_model *m, struct grouping *gr);
/* How a failed goroutine's row is marked: "panicked" after a panic, else "crashed". */
const char *render_failed_word(const struct gs_model *m, uint32_t dump);

/* "45m", "1h30m", "2d3h": minutes as people say them (JSON keeps the number). */
void render_minutes(struct gs_buf *out, uint32_t minutes);
/* "-" when no member printed a wait, "12m" or "2h" when all equal, "3-17m" or "45m-2h"
 * otherwise. */
void render_wait_range(struct gs_buf *out, const struct group *g);
/* The last two elements of a path ("grpc/clientconn.go"). */
const char *render_short_path(const char *path);
/* "func dir/file.go:123" as raw text (the backends escape it); "-" for frame 0, "*" for
 * members that differ. */
void render_frame_raw(struct gs_buf *out, const struct gs_model *m, uint32_t frame);
/* The panic and signal lines of a source's dumps as alert lines of rep (report.h), each
 * after lead ("FILE: ", "  ", ""). */
void render_alerts(struct report *rep, const struct gs_model *m, const struct gs_source *src,
                   const char *lead);
/* A canonical stack as the detail of the table's last row: "stack of FUNC", then a line
 * per frame, its file:line under it (markdown, HTML). */
void render_stack_detail(struct table *t, const struct gs_model *m, uint32_t stack);
/* The canonical stack that stands for a profile site: its key's, else its first record's. */
uint32_t render_site_stack(const struct gs_model *m, const struct gs_site *s);
/* Goroutines a dump holds (sum of counts). */
uint64_t render_dump_goroutines(const struct gs_model *m, const struct gs_dump *d);

/* Writes out and resets it once it holds more than 64 KiB (or always when force). */
void render_flush(struct gs_buf *out, FILE *f, int force);

#endif
