/* table_csv.h - a table (table.h) as CSV (RFC 4180), for spreadsheets.
 *
 * The rows only (no notes, details or footer): a header row with the column names in
 * lower case and '_' for blanks ("CREATED BY" -> created_by), then one line per row, "\n"
 * line ends. A field holding ',' or '"' is quoted with its quotes doubled; control bytes
 * from dumps (CR and LF included) are written as \xNN, so every record is one line. */
#ifndef GS_TABLE_CSV_H
#define GS_TABLE_CSV_H

#include <stdio.h>

#include "buf.h"
#include "outputs/table.h"

void table_print_csv(const struct table *t, FILE *f);
/* One field, escaped and quoted as needed. */
void table_csv_field(struct buf *out, const char *s, size_t len);

#endif
