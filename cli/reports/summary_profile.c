/* summary_profile.c - see summary_profile.h. */
#include "reports/summary_profile.h"

#include <stdio.h>
#include <string.h>

#include "group.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/keys.h"
#include "reports/profile_report.h"
#include "reports/json.h"
#include "select/kinds.h"
#include "sites.h"

int profile_parse_by(const char *by, struct gs_model *m, unsigned *keys, uint32_t *label_key,
                     const char *noun, char *err, size_t errlen)
{
	if (keys_parse_by(by, m, keys, label_key, err, errlen) != 0)
		return -1;
	if (*keys & gs_keys_with(GS_KF_STATE)) {
		/* state, wait and creator are goroutine facts a profile record does not carry */
		snprintf(err, errlen, "--by %s: %ss have no goroutine state, wait or creator; "
		         "group by where, func, stack, labels or label:KEY", by, noun);
		return -1;
	}
	return 0;
}

int profile_sites(struct profile_view *v, struct gs_sites_opts *so, struct gs_sites *sites,
                  struct gs_model *m, const char *by, const struct cli *c)
{
	char err[256];

	if (profile_parse_by(by, m, &so->keys, &so->label_key, gs_kind(v->kind)->noun, err,
	                     sizeof err) != 0) {
		cli_usage_error(c, "%s", err);
		return EXIT_USAGE;
	}
	so->kinds = v->kinds;
	if (gs_sites_build(m, so, sites) != 0)
		die_oom();
	v->m = m;
	v->sites = sites;
	v->keys = so->keys;
	v->label_key = so->label_key;
	v->by = by;
	/* top (the cum view) shows what `go tool pprof -top` does: not the sites with neither
	 * a value of their own nor a cum in the column shown */
	if (so->cum)
		gs_sites_drop_zero(sites, v->col, v->scaled);
	gs_sites_sort_top(m, sites, v->col, v->scaled, v->limit);
	v->keep_samples = so->keep_samples;
	v->keep_goroutines = so->keep_goroutines;
	return EXIT_OK;
}

static void summary_as_report(struct report *rep, void *v)
{
	profile_summary_report(rep, v);
}

static void summary_as_json(void *v, FILE *f)
{
	json_profile_summary(v, f);
}

int summary_profile(struct gs_model *m, unsigned kinds, const char *by,
                    const struct where_opts *wo, const unsigned char *keep_samples,
                    enum out_format format, const struct cli *c)
{
	struct gs_sites_opts so;
	struct gs_sites sites;
	struct profile_view v;
	struct answer a = { summary_as_report, summary_as_json, NULL, &v };

	memset(&so, 0, sizeof so);
	memset(&v, 0, sizeof v);
	v.kind = kinds_result(m, kinds);
	v.kinds = kinds;
	v.col = gs_kind(v.kind)->default_column;
	v.scaled = 1;
	so.keep_samples = keep_samples;
	so.where = where_frame;
	so.where_ctx = (void *)(uintptr_t)wo;
	if (profile_sites(&v, &so, &sites, m, by ? by : PROFILE_DEFAULT_BY, c) != EXIT_OK)
		return EXIT_USAGE;
	/* every site is in order (JSON and a spreadsheet have them all); people get the top */
	v.limit = PROFILE_SUMMARY_ROWS;
	formats_print(format, &a, c, stdout);
	gs_sites_free(&sites);
	return EXIT_OK;
}
