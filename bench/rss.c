/*
 * rss: run a command, then report its wall time and peak resident set size.
 *
 *   rss [-o FILE] COMMAND [ARG...]
 *
 * Writes one line, "WALL_SECONDS MAXRSS_KB STATUS", to FILE (default stderr). STATUS is the
 * exit status, or 128+N for signal N; rss exits with it. The peak RSS comes from wait4(2)'s
 * ru_maxrss, so it covers only the command (not rss itself, nor any earlier child). It exists so
 * that `make bench` needs neither GNU time nor python.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds_since(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
	const char *out_path = NULL;
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out_path = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: rss [-o FILE] COMMAND [ARG...]\n");
		return 2;
	}

	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "rss: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[first], argv + first);
		fprintf(stderr, "rss: %s: %s\n", argv[first], strerror(errno));
		_exit(127);
	}

	int wstatus = 0;
	struct rusage usage;
	memset(&usage, 0, sizeof usage);
	pid_t got;
	do {
		got = wait4(pid, &wstatus, 0, &usage);
	} while (got < 0 && errno == EINTR);
	double wall = seconds_since(&start);
	if (got < 0) {
		fprintf(stderr, "rss: wait4: %s\n", strerror(errno));
		return 2;
	}
	int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
	           : WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : 2;

	FILE *out = stderr;
	if (out_path != NULL) {
		out = fopen(out_path, "w");
		if (out == NULL) {
			fprintf(stderr, "rss: %s: %s\n", out_path, strerror(errno));
			return 2;
		}
	}
	fprintf(out, "%.6f %ld %d\n", wall, (long)usage.ru_maxrss, status);
	if (out != stderr && fclose(out) != 0) {
		fprintf(stderr, "rss: %s: %s\n", out_path, strerror(errno));
		return 2;
	}
	return status;
}
