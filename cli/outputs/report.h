/* report.h - what a command prints, built once and rendered by one backend per format
 * (formats.h): a title, then blocks in order: lines of text and tables (table.h).
 *
 * Every text is raw (from dumps: anything); each backend escapes for its format. A block
 * of lines has a role, which each backend shows its own way:
 *   alert   a panic or signal line: red on a terminal, a quote in markdown, a red note
 *   para    what the numbers are: the kind, the sampling, what was shown
 *   footer  the counts of the run: text and markdown end with it, HTML opens with it
 * A table is the report's primary one (the one CSV writes) or aside (a profile's totals).
 * On a terminal a blank line separates blocks, except a block put right under the one
 * before (report_under: "... 31 more sites" under its table), and never two blank lines.
 *
 * The report also says what its format shows (REPORT_* of the format's row), so a builder
 * leaves out what would not be shown (stacks, the icicle graph) and builds numbers for a
 * spreadsheet (REPORT_DATA) or for people.
 */
#ifndef GS_REPORT_H
#define GS_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "outputs/table.h"
#include "outputs/folded.h"

/* What a format shows of a report (formats.h gives each format its own). */
#define REPORT_TERMINAL 0x1u /* a terminal or a pipe: compact; prose where it reads best */
#define REPORT_DETAILS  0x2u /* room beside the table for each row's stack (md, html) */
#define REPORT_GRAPH    0x4u /* draws an icicle graph of the stacks (html) */
#define REPORT_DATA     0x8u /* for programs: one table, whole numbers, no units */

enum report_role { REPORT_ALERT, REPORT_PARA, REPORT_FOOTER };

struct report_line {
	size_t off, len;         /* in report.text */
	size_t lead;             /* bytes at its start not coloured as an alert: "FILE: " */
};

struct report_block {
	struct table *table;     /* a table, or NULL: lines */
	int aside;               /* a table CSV leaves out */
	enum report_role role;   /* lines: how they are shown */
	size_t first_line, nlines;
	int under;               /* on a terminal: right under the block before */
};

struct report {
	unsigned shows;          /* REPORT_* of the format */
	int color;               /* terminal: ANSI colours */
	size_t width;            /* text: the terminal's columns, which a table's code cells
	                            shrink to fit (shorten.h); 0: cells whole */
	struct gs_buf title;        /* markdown heading, HTML title; empty: none */
	struct gs_buf text;         /* every line's raw text */
	struct report_line *lines;
	size_t nlines, lines_cap;
	struct report_block *blocks;
	size_t nblocks, blocks_cap;
	struct fold graph;       /* REPORT_GRAPH: the stacks of the icicle graph ... */
	int has_graph;
	const char *graph_what;  /* ... and what their widths count ("goroutines") */
};

void report_init(struct report *r, unsigned shows);
void report_free(struct report *r);
/* Whether the report's format shows this (REPORT_*). */
int report_has(const struct report *r, unsigned what);
void report_titlef(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Starts a block of lines in this role. */
void report_lines(struct report *r, enum report_role role);
/* A line of the last block of lines (one is started, a paragraph, when the last block is a
 * table); the text holds no '\n'. */
void report_line(struct report *r, const char *s, size_t len);
void report_linef(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Each line of s (split at '\n'; a last '\n' ends the last line) as report_line. */
void report_split(struct report *r, const char *s, size_t len);
/* An alert line whose first lead bytes ("FILE: ") are not part of the alert. */
void report_alert(struct report *r, const char *s, size_t len, size_t lead);
/* A table of ncols columns after the blocks so far (table_free'd by report_free). */
struct table *report_table(struct report *r, size_t ncols);
struct table *report_aside(struct report *r, size_t ncols);
/* The last block goes right under the one before it, with no blank line between. */
void report_under(struct report *r);
/* The icicle graph's stacks (REPORT_GRAPH): the report owns the fold. */
struct fold *report_graph(struct report *r, const char *what);
/* The table CSV writes: the first that is not aside, NULL none. */
const struct table *report_primary(const struct report *r);

#endif
