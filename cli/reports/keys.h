/* keys.h - group keys (key.h) as columns, cells and JSON: the one place a key's value is
 * printed, by the type of value its row says it holds. Headers, cells and JSON loop over
 * the table in its order, so a new key is printed wherever keys are.
 */
#ifndef GS_KEYS_H
#define GS_KEYS_H

#include <stdint.h>

#include "buf.h"
#include "jsonw.h"
#include "key.h"
#include "model.h"
#include "group.h"
#include "outputs/table.h"
#include "outputs/usage.h"
#include "select/where.h"

/* How a stack fits in a cell: its functions all ("f < caller < its caller"), or brief,
 * the first frame with its line and at most two callers ("f file:12 < g < h < …"). */
enum keys_stack { KEYS_STACK_FUNCS = 0, KEYS_STACK_BRIEF };

/* A header cell per key of keys (GK_ bits) in table order: its title, and for label:KEY
 * the KEY after it ("LABEL tenant"); the column is code (table.h) but for state and wait. */
void keys_headers(struct table *t, const struct gs_model *m, unsigned keys, uint32_t label_key);
/* A key's value as raw cell text: "-" for none. */
void keys_text(struct gs_buf *b, const struct gs_model *m, enum gs_key_id id, uint32_t v,
               enum keys_stack stack);
/* A cell per key of keys, in the order of keys_headers; state cells get their colour. */
void keys_cells(struct table *t, const struct gs_model *m, unsigned keys,
                const struct gs_key *k, enum keys_stack stack);
/* One key's member in a JSON object ("state": "chan receive", "where": {...},
 * "label": {"tenant": "acme"}); v is the key's value. */
void keys_json(struct gs_jsonw *w, const struct gs_model *m, enum gs_key_id id, uint32_t v,
               uint32_t label_key);
/* --by SPEC (gs_by_parse) with the CLI's message for an error: 0, or -1 with err filled
 * ("unknown --by field 'x' (known: state, ...)"). */
int keys_parse_by(const char *spec, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                  char *err, size_t errlen);
/* --by (when not NULL) into go's keys, and --where/--skip as go's where function kept in
 * wo: what grouping needs from the command line. 0, or -1 after the usage error. */
int keys_setup(const struct cli *c, struct gs_model *m, const char *by, enum where_mode wmode,
               const char *skip, struct group_opts *go, struct where_opts *wo);
/* The text of a canonical label set: "k=v,k2=v2", "-" for none. */
void keys_labels_text(struct gs_buf *b, const struct gs_model *m, uint32_t labels);
/* A label set as Go 1.27 prints it after a goroutine header: "{k: v, k2: \"v 2\"}", a key
 * or value quoted when it holds a byte outside [A-Za-z0-9./_]; nothing for none. */
void keys_labels_go(struct gs_buf *b, const struct gs_model *m, uint32_t labels);

#endif
