/* grammar.c - the grammar's and readers' lifetimes. See grammar.h; the machines are in
 * grammar_machines.h, the header recogniser in header.c. */
#include "grammar.h"

#include <string.h>

#include "parser.h"
#include "scan.h"

void gs_grammar_init(struct gs_grammar *g)
{
	g->mode = GS_KIND_GOROUTINE;
	gs_gor_init(&g->gor);
	gs_prof_init(&g->prof);
}

void gs_grammar_release(struct gs_grammar *g)
{
	gs_gor_release(&g->gor);
}

int gs_reader_init(struct gs_reader *rd, gs_lines_fn fn, void *ctx)
{
	gs_grammar_init(&rd->g);
	rd->lr = gs_lines_new(GS_MAX_LINE, fn, ctx);
	return rd->lr ? 0 : -1;
}

void gs_reader_release(struct gs_reader *rd)
{
	gs_lines_free(rd->lr);
	rd->lr = NULL;
	gs_grammar_release(&rd->g);
}
