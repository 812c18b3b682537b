/* report_csv.h - a report (report.h) as CSV (RFC 4180), for spreadsheets.
 *
 * The rows of its primary table only (no lines, details or aside tables): a header row
 * with the column names in
 * lower case and '_' for blanks ("CREATED BY" -> created_by), then one line per row, "\n"
 * line ends. A field holding ',' or '"' is quoted with its quotes doubled; control bytes
 * from dumps (CR and LF included) are written as \xNN, so every record is one line. A
 * field that starts with = + - or @ and is not a number gets a leading ' (OWASP's advice
 * against CSV formula injection): a spreadsheet shows it as text instead of running it. */
#ifndef GS_REPORT_CSV_H
#define GS_REPORT_CSV_H

#include <stdio.h>

#include "buf.h"
#include "outputs/report.h"

void report_print_csv(const struct report *r, FILE *f);
/* One field, escaped and quoted as needed. */
void table_csv_field(struct gs_buf *out, const char *s, size_t len);

#endif
