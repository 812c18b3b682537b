/* report_csv.c - see report_csv.h. */
#include "outputs/report_csv.h"

#include <string.h>

#include "outputs/msg.h"
#include "outputs/term.h"

/* A number as the report writes one: [+-]digits[.digits][%], which a spreadsheet reads as
 * a number and never as a formula. */
static int is_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (i < len && s[i] == '%')
		i++;
	return digits > 0 && i == len;
}

void table_csv_field(struct gs_buf *out, const char *s, size_t len)
{
	struct gs_buf esc = XBUF_INIT;
	size_t i;

	/* A cell a spreadsheet would run as a formula (=cmd|' /C calc'!A0 as a function name
	 * or a label) gets a leading quote, as OWASP recommends; tab and CR cannot lead, they
	 * are escaped below. Numbers (deltas are negative) stay numbers, and "-" (none) is no
	 * formula. */
	if (len > 0 && strchr("=+-@", s[0]) != NULL && !is_number(s, len) &&
	    !(len == 1 && s[0] == '-'))
		gs_buf_addch(&esc, '\'');
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
