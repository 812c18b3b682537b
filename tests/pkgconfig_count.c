/* pkgconfig_count.c - a program that knows libgostacks only as installed: <gostacks/...>
 * headers and `pkg-config --cflags --libs gostacks`. Prints how many goroutines the dump on
 * stdin holds, the number summary's footer starts with (tests/deb.sh compares them). */
#include <stdio.h>

#include <gostacks/parser.h>

int main(void)
{
	struct gs_model *m = gs_model_new();
	struct gs_parser *p = m ? gs_parser_new(m, "-") : NULL;
	char chunk[65536];
	size_t n, i;
	unsigned long long goroutines = 0;

	if (p == NULL)
		return 1;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		if (gs_parser_feed(p, chunk, n) != 0)
			return 1;
	if (gs_parser_finish(p) != 0)
		return 1;
	for (i = 0; i < m->ngoroutines; i++)
		goroutines += m->goroutines[i].count; /* a debug=1 record stands for count */
	printf("%llu\n", goroutines);
	gs_parser_free(p);
	gs_model_free(m);
	return 0;
}
