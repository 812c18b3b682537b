/* cmd_check.c - `gostacks check`: parse only; what was detected, counts, diagnostics. */
#include <stdint.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/cmd_input.h"
#include "input/source.h"
#include "outputs/formats.h"
#include "outputs/msg.h"
#include "reports/check_report.h"
#include "reports/render.h"
#include "reports/json.h"

const struct opts_row cmd_check_opts[] = {
	CMD_INPUT_FORMAT(""),
	CMD_INPUT_STRICT,
	INPUT_URL_PROSE,
	OPTS_HELP,
	OPTS_END
};

static void check_as_report(struct report *rep, void *rc)
{
	check_report(rep, rc);
}

static void check_as_json(void *rc, FILE *f)
{
	json_check(rc, f);
}

int cmd_check(int argc, char **argv, struct cli *c)
{
	struct cmd_input in;
	struct render_ctx rc;
	struct answer a = { check_as_report, check_as_json, NULL, &rc };
	struct group_opts go;
	char **detected = NULL;
	int code;

	cmd_input_init(&in, c);
	code = cmd_input_parse(&in, argc, argv, cmd_check_opts, NULL, NULL);
	if (code == CMD_CONTINUE)
		code = cmd_input_sources(&in, argc, argv, optind);
	if (code == CMD_CONTINUE)
		code = cmd_input_model(&in);
	if (code != CMD_CONTINUE)
		return cmd_input_finish(&in, code);
	in.m->note_skipped = 1; /* check names every line the footers count as not understood */
	/* nothing read is no reason to stop: it is what check reports */
	cmd_input_read(&in, &detected);
	memset(&go, 0, sizeof go);
	memset(&rc, 0, sizeof rc);
	rc.m = in.m;
	rc.go = &go;
	rc.detected = detected;
	formats_print(in.format, &a, c, stdout);
	/* nothing usable: no source read, or no dump found in any */
	code = msg_exit_code(in.m, in.failed > 0 || in.m->ndumps == 0, c->strict);
	source_free_detected(detected, in.m->nsources);
	return cmd_input_finish(&in, code);
}
