/* grammar.c - the grammar's and readers' lifetimes (grammar.h; the machines are in
 * grammar_machines.h), and the header recogniser the grammar switches formats on (header.h).
 * Profile headers are the kinds' own literals (kind.h), so a new kind's header is read as
 * soon as it has its row. */
#include "grammar.h"

#include <string.h>

#include "header.h"
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

/* ---- the header recogniser (header.h) ---- */

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
	size_t i;
	int k;

	if (n == 0)
		return GS_KIND_UNKNOWN;
	/* the goroutine header first: it opens every goroutine, the literals a dump or two */
	if (STARTS(s, n, "goroutine ") && n > 10 && scan_is_digit(s[10]))
		return goroutine_header_at(s, n) ? GS_KIND_GOROUTINE : GS_KIND_UNKNOWN;
	/* the first row whose literal starts the line: heap before allocs, which prints the
	 * same header */
	for (k = 0; k < GS_NKINDS; k++) {
		const char *h = gs_kind_rows[k].header;

		if (h == NULL || h[0] != s[0])
			continue;
		for (i = 1; i < n && h[i] != '\0' && h[i] == s[i]; i++)
			;
		if (h[i] == '\0')
			return (enum gs_kind)k;
	}
	return GS_KIND_UNKNOWN;
}
