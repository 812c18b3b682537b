/* formats.c - see formats.h. */
#include "outputs/formats.h"

#include <string.h>

#include "outputs/msg.h"
#include "outputs/report_csv.h"
#include "outputs/report_html.h"
#include "outputs/report_md.h"
#include "outputs/report_text.h"
#include "outputs/usage.h"

/* In enum order; the order words are listed in. */
static const struct format_row rows[FORMAT_COUNT] = {
	{ FORMAT_TEXT, "text", NULL, ANSWER_REPORT, REPORT_TERMINAL, report_print_text,
	  "aligned; on a terminal coloured, code shortened to fit" },
	{ FORMAT_JSON, "json", NULL, ANSWER_JSON, 0, NULL,
	  "a document for programs, schema" },
	{ FORMAT_MD, "md", "markdown", ANSWER_REPORT, REPORT_DETAILS, report_print_md,
	  "markdown for a ticket, stacks in <details>" },
	{ FORMAT_CSV, "csv", NULL, ANSWER_REPORT, REPORT_DATA, report_print_csv,
	  "RFC 4180 rows for a spreadsheet, whole numbers" },
	{ FORMAT_HTML, "html", NULL, ANSWER_REPORT, REPORT_DETAILS | REPORT_GRAPH,
	  report_print_html, "one self-contained page: no script, nothing loaded" },
	{ FORMAT_FOLDED, "folded", NULL, ANSWER_FOLDED, 0, NULL,
	  "'root;...;leaf before after' for flamegraph.pl" },
};

const struct format_row *format_row(enum out_format f)
{
	return &rows[f < FORMAT_COUNT ? f : FORMAT_TEXT];
}

int formats_parse(const char *word, unsigned answers, enum out_format *out)
{
	size_t i;

	for (i = 0; i < FORMAT_COUNT; i++) {
		if (!(rows[i].answer & answers))
			continue;
		if (strcmp(word, rows[i].word) == 0 || (rows[i].alias && strcmp(word, rows[i].alias) == 0)) {
			*out = rows[i].id;
			return 0;
		}
	}
	return -1;
}

static void words(struct gs_buf *b, unsigned answers, const char *first_after)
{
	size_t i, n = 0, k = 0;

	for (i = 0; i < FORMAT_COUNT; i++)
		n += (rows[i].answer & answers) != 0;
	for (i = 0; i < FORMAT_COUNT; i++) {
		if (!(rows[i].answer & answers))
			continue;
		if (k > 0)
			gs_buf_adds(b, k + 1 == n ? " or " : ", ");
		gs_buf_adds(b, rows[i].word);
		if (k == 0)
			gs_buf_adds(b, first_after);
		k++;
	}
}

void formats_words(struct gs_buf *b, unsigned answers)
{
	words(b, answers, "");
}

void formats_help(struct gs_buf *b, unsigned answers, const char *schema)
{
	size_t i;

	words(b, answers, " (default)");
	for (i = 0; i < FORMAT_COUNT; i++) {
		if (!(rows[i].answer & answers))
			continue;
		gs_buf_addf(b, "\n%-7s %s", rows[i].word, rows[i].help);
		if (rows[i].answer == ANSWER_JSON)
			gs_buf_addf(b, " %s", schema ? schema : "in README.md");
	}
}

void formats_print(enum out_format f, const struct answer *a, const struct cli *c, FILE *out)
{
	const struct format_row *row = format_row(f);
	struct report r;
	int fd = fileno(out);

	if (row->answer == ANSWER_JSON) {
		a->json(a->ctx, out);
		return;
	}
	if (row->answer == ANSWER_FOLDED) {
		a->folded(a->ctx, out);
		return;
	}
	report_init(&r, row->shows);
	if (row->shows & REPORT_TERMINAL) {
		r.color = term_want_color(c->color, fd);
		/* a table fits the terminal, shortening only code cells; --wide: never */
		r.width = c->wide ? 0 : term_columns(fd);
	}
	a->report(&r, a->ctx);
	row->render(&r, out);
	report_free(&r);
}
