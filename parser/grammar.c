/* grammar.c - the header recogniser, and the grammar's and readers' lifetimes. See
 * grammar.h; the machines are in grammar_machines.h. */
#include "grammar.h"

#include <string.h>

#include "parser.h"
#include "scan.h"

/* goroutine_header = "goroutine " DIGITS ( " [" | " gp=" ) ... ":" BLANKS */
static int goroutine_header_at(const char *s, size_t n)
{
	size_t i = sizeof("goroutine ") - 1;

	if (i >= n || !scan_is_digit(s[i]))
		return 0;
	while (i < n && scan_is_digit(s[i]))
		i++;
	if (!STARTS(s + i, n - i, " [") && !STARTS(s + i, n - i, " gp="))
		return 0;
	n = scan_trim_end(s, n);
	return n - i >= 3 && s[n - 1] == ':';
}

enum gs_kind gs_header_kind_at(const char *s, size_t n)
{
	switch (s[0]) {
	case 'g':
		if (!STARTS(s, n, "goroutine "))
			return GS_KIND_UNKNOWN;
		if (STARTS(s, n, "goroutine profile: total "))
			return GS_KIND_GOROUTINE1;
		return goroutine_header_at(s, n) ? GS_KIND_GOROUTINE : GS_KIND_UNKNOWN;
	case 't':
		return STARTS(s, n, "threadcreate profile: total ") ? GS_KIND_THREADCREATE
		                                                     : GS_KIND_UNKNOWN;
	case 'h':
		return STARTS(s, n, "heap profile: ") ? GS_KIND_HEAP : GS_KIND_UNKNOWN;
	case '-':
		if (STARTS(s, n, "--- mutex:"))
			return GS_KIND_MUTEX;
		if (STARTS(s, n, "--- contention:"))
			return GS_KIND_BLOCK;
		return GS_KIND_UNKNOWN;
	default:
		return GS_KIND_UNKNOWN;
	}
}

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
