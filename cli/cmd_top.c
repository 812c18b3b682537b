/* cmd_top.c - `gostacks top`: the sites of a profile (or dump) ranked by one value, with
 * flat, flat%, sum%, cum and cum% as `go tool pprof -top` prints them. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "filter.h"
#include "kinds.h"
#include "msg.h"
#include "render_profile.h"
#include "render_profile_json.h"
#include "render_text.h"
#include "sites.h"
#include "source.h"
#include "summary_profile.h"
#include "where.h"

#define TOP_DEFAULT_ROWS 10

enum { OPT_VALUE = 256, OPT_BY, OPT_FORMAT, OPT_RAW, OPT_WHERE, OPT_SKIP, OPT_STRICT,
       OPT_COLOR };

static const struct option top_options[] = {
	FILTER_LONG_OPTIONS,
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "by", required_argument, NULL, OPT_BY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* --value words per family, in column order; "delay" is the delay_ns column. */
static int value_column(enum gs_family fam, const char *value)
{
	static const char *const heap[] = { "inuse_objects", "inuse_space", "alloc_objects",
	                                    "alloc_space" };
	static const char *const cont[] = { "delay", "contentions" };
	int i;

	switch (fam) {
	case GS_FAM_HEAP:
		for (i = 0; i < 4; i++)
			if (strcmp(value, heap[i]) == 0)
				return i;
		break;
	case GS_FAM_CONTENTION:
		for (i = 0; i < 2; i++)
			if (strcmp(value, cont[i]) == 0)
				return i;
		break;
	case GS_FAM_COUNT:
		if (strcmp(value, "count") == 0)
			return 0;
		break;
	case GS_FAM_NONE:
		break;
	}
	return -1;
}

static const char *value_words(enum gs_family fam)
{
	switch (fam) {
	case GS_FAM_HEAP: return "inuse_space, inuse_objects, alloc_space, alloc_objects";
	case GS_FAM_CONTENTION: return "delay, contentions";
	case GS_FAM_COUNT: return "count";
	case GS_FAM_NONE: break;
	}
	return "nothing";
}

/* What `go tool pprof` ranks a kind by. */
static int default_column(enum gs_kind k)
{
	return k == GS_KIND_HEAP ? 1 : k == GS_KIND_ALLOCS ? 3 : 0;
}

/* The class to read: with --value, the first dump's whose kind has that value. */
static unsigned pick_kinds(const struct gs_model *m, const char *value)
{
	uint32_t i;

	if (value == NULL)
		return kinds_pick(m, 0);
	for (i = 0; i < m->ndumps; i++)
		if (value_column(gs_kind_family(m->dumps[i].kind), value) >= 0)
			return kinds_class(m->dumps[i].kind);
	return kinds_pick(m, 0);
}

int cmd_top(int argc, char **argv, struct cli *c)
{
	const char *by = PROFILE_DEFAULT_BY, *value = NULL, *skip = NULL;
	enum out_format format = FORMAT_TEXT;
	enum where_mode wmode = WHERE_RUNTIME;
	struct where_opts wo;
	struct gs_sites_opts so;
	struct gs_sites sites;
	struct profile_view v;
	struct gs_model *m;
	char *stdin_only[] = { (char *)(uintptr_t)"-" };
	char *const *names;
	char errbuf[512], *end;
	unsigned long rows = TOP_DEFAULT_ROWS;
	unsigned char *goroutines_kept = NULL, *samples_kept = NULL;
	uint64_t filtered;
	struct filter flt;
	unsigned kinds;
	int opt, nnames, failed, code, raw = 0;

	filter_init(&flt);
	optind = 0;
	for (;;) {
		opt = getopt_long(argc, argv, "hn:" FILTER_SHORT_OPTIONS, top_options, NULL);
		if (opt == -1)
			break;
		switch (filter_option(&flt, opt, optarg, errbuf, sizeof errbuf)) {
		case 1:
			continue;
		case -1:
			cli_usage_error(c, "%s", errbuf);
			code = EXIT_USAGE;
			goto done;
		default:
			break;
		}
		switch (opt) {
		case OPT_VALUE:
			value = optarg;
			break;
		case OPT_BY:
			by = optarg;
			break;
		case 'n':
			rows = strtoul(optarg, &end, 10);
			if (end == optarg || *end || optarg[0] == '-') {
				cli_usage_error(c, "-n '%s': a number of rows (0: all)", optarg);
				code = EXIT_USAGE;
				goto done;
			}
			break;
		case OPT_FORMAT:
			if (cli_parse_format(optarg, &format) != 0) {
				cli_usage_error(c, "unknown --format '%s' (text or json)", optarg);
				code = EXIT_USAGE;
				goto done;
			}
			break;
		case OPT_RAW:
			raw = 1;
			break;
		case OPT_WHERE:
			if (where_parse_mode(optarg, &wmode) != 0) {
				cli_usage_error(c, "unknown --where '%s' (runtime or user)", optarg);
				code = EXIT_USAGE;
				goto done;
			}
			break;
		case OPT_SKIP:
			skip = optarg;
			break;
		case OPT_STRICT:
			c->strict = 1;
			break;
		case OPT_COLOR:
			if (term_parse_color(optarg, &c->color) != 0) {
				cli_usage_error(c, "unknown --color '%s' (auto, always or never)", optarg);
				code = EXIT_USAGE;
				goto done;
			}
			break;
		case 'h':
			cli_help(c, stdout);
			code = EXIT_OK;
			goto done;
		default:
			cli_usage_error(c, "bad option");
			code = EXIT_USAGE;
			goto done;
		}
	}
	if (value && value_column(GS_FAM_HEAP, value) < 0 &&
	    value_column(GS_FAM_CONTENTION, value) < 0 && value_column(GS_FAM_COUNT, value) < 0) {
		cli_usage_error(c, "unknown --value '%s' (inuse_space, inuse_objects, alloc_space, "
		                "alloc_objects, contentions, delay or count)", value);
		code = EXIT_USAGE;
		goto done;
	}
	if (filter_compile(&flt, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		code = EXIT_USAGE;
		goto done;
	}
	names = argv + optind;
	nnames = argc - optind;
	if (nnames == 0) {
		if (term_isatty(STDIN_FILENO)) {
			cli_usage_error(c, "no SOURCE given and stdin is a terminal");
			code = EXIT_USAGE;
			goto done;
		}
		names = stdin_only;
		nnames = 1;
	}
	if (where_init(&wo, wmode, skip, errbuf, sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		code = EXIT_USAGE;
		goto done;
	}
	m = gs_model_new();
	if (m == NULL)
		die_oom();
	memset(&so, 0, sizeof so);
	memset(&v, 0, sizeof v);

	failed = source_read_all(m, names, nnames, NULL);
	msg_print_diags(m);
	if (failed == nnames) {
		code = EXIT_INPUT;
		goto out;
	}
	kinds = pick_kinds(m, value);
	if (kinds == 0) {
		errorf("no goroutine dump or profile found in the input");
		code = EXIT_INPUT;
		goto out;
	}
	kinds_note_unread(m, kinds, "top");
	v.kind = kinds_result(m, kinds);
	v.col = value ? value_column(gs_kind_family(v.kind), value) : default_column(v.kind);
	if (v.col < 0) {
		cli_usage_error(c, "--value %s: a %s has %s", value, render_profile_noun(v.kind),
		                value_words(gs_kind_family(v.kind)));
		code = EXIT_USAGE;
		goto out;
	}
	if (profile_parse_by(by, m, &so.keys, &so.label_key, render_profile_noun(v.kind), errbuf,
	                     sizeof errbuf) != 0) {
		cli_usage_error(c, "%s", errbuf);
		code = EXIT_USAGE;
		goto out;
	}
	so.kinds = kinds;
	so.where = where_frame;
	so.where_ctx = &wo;
	so.cum = 1;
	goroutines_kept = filter_goroutines(&flt, m, &filtered);
	samples_kept = filter_samples(&flt, m, &filtered);
	so.keep_goroutines = goroutines_kept;
	so.keep_samples = samples_kept;
	if (gs_sites_build(m, &so, &sites) != 0)
		die_oom();
	v.m = m;
	v.sites = &sites;
	v.kinds = kinds;
	v.keys = so.keys;
	v.label_key = so.label_key;
	v.by = by;
	v.scaled = !raw;
	v.limit = rows;
	gs_sites_sort(m, &sites, v.col, v.scaled);
	if (format == FORMAT_JSON) {
		render_top_json(&v, stdout);
	} else {
		v.color = term_want_color(c->color, STDOUT_FILENO);
		v.cap = term_isatty(STDOUT_FILENO) ? TEXT_CELL_MAX : 0;
		render_top_text(&v, stdout);
	}
	gs_sites_free(&sites);
	code = msg_exit_code(m, failed > 0, c->strict);
out:
	free(goroutines_kept);
	free(samples_kept);
	where_free(&wo);
	gs_model_free(m);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_INPUT;
done:
	filter_free(&flt);
	return code;
}
