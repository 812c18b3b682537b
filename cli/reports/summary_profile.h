/* summary_profile.h - `gostacks summary` of heap, allocs, mutex and block profiles.
 *
 * cmd_summary.c reads the sources and picks the kind to summarise (kinds.h); when it is one
 * of these, the records are grouped into sites (sites.h) by --by and rendered by
 * profile_report.c (and JSON): totals, the sampling and MemStats digest, the top sites.
 */
#ifndef GS_SUMMARY_PROFILE_H
#define GS_SUMMARY_PROFILE_H

#include "outputs/usage.h"
#include "model.h"
#include "outputs/formats.h"
#include "reports/profile_report.h"
#include "sites.h"
#include "select/where.h"

#define PROFILE_DEFAULT_BY "where"

/* --by for sites: where, func, stack, labels, label:KEY. 0, or -1 with a message in err
 * (err of errlen bytes) naming what the kind has instead; `noun` names the input in it. */
int profile_parse_by(const char *by, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                     const char *noun, char *err, size_t errlen);

/* What summary and top share: the sites of the dumps of v->kinds, keyed by `by`
 * (profile_parse_by; the usage error printed), sorted by v->col (v->scaled) into sites;
 * so holds the caller's keep, cum and where. With so->cum (top) the sites with neither
 * flat nor cum in that column are left out, as pprof does. Only the first v->limit sites
 * are promised in order (0: all). Sets v's m, sites, keys, label_key, by and keeps.
 * EXIT_OK or EXIT_USAGE. */
int profile_sites(struct profile_view *v, struct gs_sites_opts *so, struct gs_sites *sites,
                  struct gs_model *m, const char *by, const struct cli *c);

/* Summarises the dumps of `kinds` (a KIND_BIT mask of heap, allocs, mutex or block);
 * by NULL means PROFILE_DEFAULT_BY; keep_samples (per m->samples index, NULL: all) leaves
 * filtered records out. In format (formats.h). EXIT_OK, or EXIT_USAGE after a usage error. */
int summary_profile(struct gs_model *m, unsigned kinds, const char *by,
                    const struct where_opts *wo, const unsigned char *keep_samples,
                    enum out_format format, const struct cli *c);

#endif
