/* summary_profile.c - see summary_profile.h. */
#include "reports/summary_profile.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "group.h"
#include "reports/keys.h"
#include "select/kinds.h"
#include "outputs/msg.h"
#include "reports/render_profile.h"
#include "reports/render_profile_json.h"
#include "reports/render_text.h"
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
	v->color = term_want_color(c->color, STDOUT_FILENO);
	v->cap = term_isatty(STDOUT_FILENO) ? TEXT_CELL_MAX : 0;
	return EXIT_OK;
}

int summary_profile(struct gs_model *m, unsigned kinds, const char *by,
                    const struct where_opts *wo, const unsigned char *keep_samples,
                    enum out_format format, const struct cli *c)
{
	struct gs_sites_opts so;
	struct gs_sites sites;
	struct profile_view v;

	memset(&so, 0, sizeof so);
	memset(&v, 0, sizeof v);
	v.kind = kinds_result(m, kinds);
	if (format != FORMAT_TEXT && format != FORMAT_JSON) {
		cli_usage_error(c, "a %s is summarised as text or json", gs_kind(v.kind)->noun);
		return EXIT_USAGE;
	}
	v.kinds = kinds;
	v.col = gs_kind(v.kind)->default_column;
	v.scaled = 1;
	if (format == FORMAT_TEXT)
		v.limit = PROFILE_SUMMARY_ROWS; /* JSON has every site */
	so.keep_samples = keep_samples;
	so.where = where_frame;
	so.where_ctx = (void *)(uintptr_t)wo;
	if (profile_sites(&v, &so, &sites, m, by ? by : PROFILE_DEFAULT_BY, c) != EXIT_OK)
		return EXIT_USAGE;
	if (format == FORMAT_JSON) {
		render_profile_summary_json(&v, stdout);
	} else {
		render_profile_summary_text(&v, stdout);
	}
	gs_sites_free(&sites);
	return EXIT_OK;
}
