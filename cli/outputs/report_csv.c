/* report_csv.c - see report_csv.h. */
#include "outputs/report_csv.h"

#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"

void table_csv_field(struct gs_buf *out, const char *s, size_t len)
{
	struct gs_buf esc = XBUF_INIT;
	size_t i;

	term_escape(&esc, s, len);
	/* CR and LF are escaped already; RFC 4180 would allow them quoted, but a spreadsheet
	 * row per line is what grep and awk expect too */
	if (memchr(esc.data, ',', esc.len) == NULL && memchr(esc.data, '"', esc.len) == NULL) {
		gs_buf_add(out, esc.data, esc.len);
		gs_buf_release(&esc);
		return;
	}
	gs_buf_addch(out, '"');
	for (i = 0; i < esc.len; i++) {
		if (esc.data[i] == '"')
			gs_buf_addch(out, '"');
		gs_buf_addch(out, esc.data[i]);
	}
	gs_buf_addch(out, '"');
	gs_buf_release(&esc);
}

static void header_field(struct gs_buf *out, const char *s, size_t len)
{
	size_t start = out->len, i;

	table_csv_field(out, s, len);
	for (i = start; i < out->len; i++) {
		if (out->data[i] >= 'A' && out->data[i] <= 'Z')
			out->data[i] = (char)(out->data[i] - 'A' + 'a');
		else if (out->data[i] == ' ')
			out->data[i] = '_';
	}
}

void report_print_csv(const struct report *rep, FILE *f)
{
	const struct table *t = report_primary(rep);
	struct gs_buf out = XBUF_INIT;
	size_t rows, r, c;
	const char *s;
	size_t len;

	if (t == NULL)
		return;
	rows = table_rows(t);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				gs_buf_addch(&out, ',');
			table_get(t, r, c, &s, &len);
			if (r == 0)
				header_field(&out, s, len);
			else
				table_csv_field(&out, s, len);
		}
		gs_buf_addch(&out, '\n');
		table_flush(&out, f, 0);
	}
	table_flush(&out, f, 1);
	gs_buf_release(&out);
}
