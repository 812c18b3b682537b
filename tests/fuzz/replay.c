/* replay.c - a main() for the fuzz harnesses without libFuzzer: every file named, and every
 * file inside a directory named (sorted, not recursive), is read and handed to
 * LLVMFuzzerTestOneInput once. `make test` replays the seed corpus and the regressions
 * this way with a plain gcc build. A crash names the file it was running on stderr. */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current = "";

/* Only async-signal-safe calls: the name of the file, then the default action. */
static void on_fatal(int sig)
{
	static const char msg[] = "replay: crashed on ";

	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0 ||
	    write(STDERR_FILENO, current, strlen(current)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0) {
		/* nothing more can be said */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_file(const char *path)
{
	struct gs_buf b = GS_BUF_INIT;
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (gs_buf_add(&b, chunk, n) != 0) {
			fclose(f);
			gs_buf_release(&b);
			fprintf(stderr, "%s: out of memory\n", path);
			return -1;
		}
	}
	fclose(f);
	current = path;
	/* a private copy of the exact size: ASan sees reads past the end */
	{
		uint8_t *copy = malloc(b.len ? b.len : 1);

		if (copy == NULL) {
			gs_buf_release(&b);
			return -1;
		}
		memcpy(copy, b.data, b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
	}
	gs_buf_release(&b);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (d == NULL)
		return run_file(dir) == 0 ? (++*count, 0) : -1;
	while ((e = readdir(d)) != NULL) {
		struct gs_buf path = GS_BUF_INIT;

		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap ? cap * 2 : 64) * sizeof *nn);

			if (nn == NULL)
				break;
			names = nn;
			cap = cap ? cap * 2 : 64;
		}
		if (gs_buf_addf(&path, "%s/%s", dir, e->d_name) != 0)
			break;
		names[n++] = gs_buf_detach(&path, NULL);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		if (run_file(names[i]) != 0)
			rc = -1;
		else
			++*count;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	signal(SIGABRT, on_fatal);
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGFPE, on_fatal);
	signal(SIGILL, on_fatal);
	for (i = 1; i < argc; i++)
		if (run_dir(argv[i], &count) != 0)
			rc = 1;
	printf("%s: %zu inputs replayed\n", argc > 0 ? argv[0] : "replay", count);
	return rc;
}
