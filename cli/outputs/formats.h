/* formats.h - the table of output formats: the one place a --format word is parsed, listed
 * and turned into output.
 *
 * A row is a format: its word (and an alias: "markdown" for md), the kind of answer it
 * fits, for reports its backend and what it shows of one (report.h), and a line of help.
 * A command says what it answers with (a mask of ANSWER_*, its row in commands.c): it
 * takes every format that fits one of them, and its usage, its --format help and the bash
 * completion (which reads that help) list them from here. Adding a format is a row here and
 * its backend module.
 */
#ifndef GS_FORMATS_H
#define GS_FORMATS_H

#include <stdio.h>

#include "buf.h"
#include "outputs/report.h"
#include "outputs/term.h"

struct cli;

enum out_format { FORMAT_TEXT = 0, FORMAT_JSON, FORMAT_MD, FORMAT_CSV, FORMAT_HTML,
                  FORMAT_FOLDED, FORMAT_COUNT };

/* What a command can answer with. */
#define ANSWER_REPORT 0x1u /* a report (report.h): rows of groups or sites, lines around */
#define ANSWER_JSON   0x2u /* a JSON document written from the model (reports/json.h) */
#define ANSWER_FOLDED 0x4u /* folded stacks, before and after (diff) */

struct format_row {
	enum out_format id;
	const char *word;
	const char *alias;       /* another word for it, NULL none */
	unsigned answer;         /* the ANSWER_* it fits */
	unsigned shows;          /* reports: REPORT_* (what the backend shows of one) */
	void (*render)(const struct report *r, FILE *f); /* reports: the backend */
	const char *help;        /* one line; for json the command's schema follows */
};

const struct format_row *format_row(enum out_format f);
/* The format that word (or its alias) names among those fitting answers: 0, or -1. */
int formats_parse(const char *word, unsigned answers, enum out_format *out);
/* The words of the formats fitting answers: "text, json, md, csv or html". */
void formats_words(struct gs_buf *b, unsigned answers);
/* --format's help: the words (text the default), then a line per format with its help;
 * schema names the JSON document ("gostacks.summary/1"). */
void formats_help(struct gs_buf *b, unsigned answers, const char *schema);

/* What a command answers with: its report builder, its JSON writer, its folded writer (NULL
 * for what it has not); ctx is handed to each. */
struct answer {
	void (*report)(struct report *r, void *ctx);
	void (*json)(void *ctx, FILE *f);
	void (*folded)(void *ctx, FILE *f);
	void *ctx;
};

/* The answer in format f on out: the report built for the format's backend (coloured as
 * color says on a terminal, cells cut there), or the document. */
void formats_print(enum out_format f, const struct answer *a, const struct cli *c, FILE *out);

#endif
