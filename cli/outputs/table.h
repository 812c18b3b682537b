/* table.h - the neutral table of a report (report.h), which every format prints.
 *
 * Columns and rows of cells (raw text: from dumps, anything), a style per cell, and per
 * row an optional detail (a heading and styled text, e.g. the group's stack). The backends
 * (formats.h) escape for their format. The first row is the header. Cells fill rows left to
 * right, ncols per row. On a terminal, a table with details prints each row under the
 * header with its detail below (show); in markdown and HTML details follow the table.
 */
#ifndef GS_TABLE_H
#define GS_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/* What a cell or span means to the eye; each renderer picks its colour or class. */
enum table_style {
	TS_PLAIN = 0,
	TS_BOLD,
	TS_DIM,
	TS_RED,
	TS_GREEN,
	TS_YELLOW,
	TS_CYAN,
	TS_STDLIB,   /* a function of the Go standard library (runtime included) */
	TS_MAIN,     /* package main */
	TS_OTHER,    /* any other package: modules, vendored code */
	TS_MATCH,    /* text a pattern matched (grep --color) */
	TS_LAYOUT,   /* the renderer's own '\n', '\t' and ' ' (never dump text): kept as is */
	TS_NSTYLES
};

/* A run of styled text inside a detail. Dump text has every control byte escaped by the
 * renderer; line breaks and indentation are TS_LAYOUT spans (table_layout). */
struct table_span {
	size_t off, len;         /* in table.text */
	enum table_style style;
};

struct table_detail {
	size_t row;              /* data row it belongs to (1 = first row after the header) */
	size_t heading, heading_len; /* in table.text: a one-line summary */
	size_t first_span, nspans;
};

struct table {
	struct gs_buf text;         /* every cell's, note's, span's raw text, back to back */
	size_t *start;           /* per cell: offset in text */
	size_t *end;
	unsigned char *style;    /* per cell: enum table_style */
	size_t ncells, cap;
	size_t ncols;
	unsigned char *right;    /* per column: right-aligned (numbers) */
	unsigned char *whole;    /* per column: never cut on a terminal */
	unsigned char *code;     /* per column: code (functions, paths): monospace in html */
	/* html: the table's heading ("Groups"), what to do with it, the heading of the details
	 * and what they hold: static text without < > &, NULL none */
	const char *caption, *hint, *details_caption, *details_hint;
	int details_open;        /* html: details shown open (show) rather than folded */
	struct table_span *spans;
	size_t nspans, spans_cap;
	struct table_detail *details;
	size_t ndetails, details_cap;
};

void table_init(struct table *t, size_t ncols);
void table_free(struct table *t);
void table_right(struct table *t, size_t col);
void table_whole(struct table *t, size_t col);
void table_code(struct table *t, size_t col);
/* Starts the next cell and returns the buffer to append its raw text to; it ends when the
 * next cell, span or note starts (call table_end_cell before writing elsewhere). */
struct gs_buf *table_cell(struct table *t);
void table_lit(struct table *t, const char *s);
void table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void table_cellb(struct table *t, const char *s, size_t len);
/* The style of the cell just started. */
void table_style(struct table *t, enum table_style style);
size_t table_rows(const struct table *t);
/* Cell (row, col)'s raw text; "" past the last cell. */
void table_get(const struct table *t, size_t row, size_t col, const char **s, size_t *len);

/* Opens the detail of the last row added, with a one-line heading (raw text). */
void table_detail(struct table *t, const char *heading, size_t len);
/* Appends styled raw text to the open detail. */
void table_span(struct table *t, enum table_style style, const char *s, size_t len);
/* Appends layout ("\n", "\n\t", "  "): only blanks and line breaks. */
void table_layout(struct table *t, const char *s);
void table_spanf(struct table *t, enum table_style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The detail of data row `row`, NULL when it has none. */
const struct table_detail *table_row_detail(const struct table *t, size_t row);

/* The style of a function by its package: TS_STDLIB, TS_MAIN or TS_OTHER. */
enum table_style table_func_style(const char *func, size_t len);
/* TERM_GREEN -> TS_GREEN, ...: for colours chosen as ANSI (term_state_color). */
enum table_style table_style_of_ansi(const char *ansi);

/* Writes out to f and resets it once it holds more than 64 KiB (or always when force): a
 * renderer builds its text in a buf and writes it in pieces, so output never waits for
 * the whole of a large table. */
void table_flush(struct gs_buf *out, FILE *f, int force);

#endif
