/* fuzz_cli.c - the whole command in process: an argv from a small grammar, the fuzzer's
 * bytes as its SOURCE, every command that reads one and every format.
 *
 * The parser harnesses stop at the model; this one goes on through what a user runs:
 * option parsing, filters, grouping, every report builder and backend, the escaping, the
 * sums. An input is four control bytes, then the text:
 *   byte 0  the command (summary show grep fold top diff trend check)
 *   byte 1  bits 0-2 the format (text json md csv html folded; a misfit is a usage
 *           error, which is tested too), bits 3-5 the --by SPEC, bit 6 --strict,
 *           bit 7 --color always
 *   byte 2  bits 0-2 a filter, bits 3-4 --where runtime / --skip / --sort wait, bits 5-7 the
 *           command's own option (show --all or --group 2, fold --by-state, top --raw or
 *           -n 0, grep -c, ...)
 *   byte 3  diff and trend: where the text is cut into A and B (seed * len / 256); bit 0
 *           --wide
 * The SOURCEs are memory files (memfd), named by /proc/self/fd/N. stdout and stderr are
 * /dev/null for the command (the sanitizers write to the descriptor, which stays). No
 * network: fetch and URLs are not in the grammar. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "commands/cli.h"
#include "commands/commands.h"

static const char *const commands[] = { "summary", "show", "grep", "fold", "top", "diff",
                                        "trend", "check" };
static const char *const formats[] = { NULL, "json", "md", "csv", "html", "folded", "text",
                                       "json" };
static const char *const bys[] = { NULL, "stack,source", "func,labels", "creator,wait=exact",
                                   "label:k", "where,state,dump", "wait", "labels,where" };
static const char *const filters[][2] = {
	{ NULL, NULL }, { "--state", "^chan" }, { "--min-wait", "1m" }, { "--id", "1-5,9" },
	{ "--match", "main\\." }, { "--exclude", "^runtime" }, { "--label", "k=v" },
	{ "--label", "k~^a" },
};

static FILE *null_out;

/* A memory file holding len bytes: its /proc/self/fd name in path; the descriptor. */
static int mem_file(const uint8_t *data, size_t len, char *path, size_t size)
{
	int fd = memfd_create("fuzz_cli", 0);
	size_t off = 0;
	ssize_t w;

	if (fd < 0)
		abort();
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	snprintf(path, size, "/proc/self/fd/%d", fd);
	return fd;
}

static void add(char **argv, int *argc, const char *s)
{
	argv[(*argc)++] = (char *)(uintptr_t)s;
}

/* The command's own option, by the three bits given. */
static void own_option(const char *cmd, unsigned bits, char **argv, int *argc)
{
	if (strcmp(cmd, "show") == 0) {
		if (bits & 1)
			add(argv, argc, "--all");
		if (bits & 2) {
			add(argv, argc, "--group");
			add(argv, argc, bits & 4 ? "2" : "18446744073709551616");
		}
	} else if (strcmp(cmd, "fold") == 0 || strcmp(cmd, "top") == 0) {
		if (bits & 1)
			add(argv, argc, "--raw");
		if (bits & 2) {
			add(argv, argc, "--value");
			add(argv, argc, bits & 4 ? "alloc_space" : "contentions");
		} else if (bits & 4) {
			add(argv, argc, strcmp(cmd, "fold") == 0 ? "--by-state" : "-n0");
		}
	} else if (strcmp(cmd, "grep") == 0) {
		if (bits & 1)
			add(argv, argc, "-c");
		if (bits & 2)
			add(argv, argc, "-l");
		if (bits & 4)
			add(argv, argc, "-i");
	} else if (strcmp(cmd, "diff") == 0 || strcmp(cmd, "trend") == 0) {
		if (bits & 1)
			add(argv, argc, "--raw");
		if (bits & 2)
			add(argv, argc, strcmp(cmd, "diff") == 0 ? "--exit-code" : "--min-rise=1");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[32], path_a[64], path_b[64];
	const struct command *cmd;
	const char *name;
	struct cli c;
	FILE *out, *err;
	size_t cut;
	int argc = 0, fa, fb = -1;
	unsigned f, by, filter, where, own;

	if (size < 4)
		return 0;
	if (null_out == NULL) {
		null_out = fopen("/dev/null", "w");
		/* the model's cap well under libFuzzer's -rss_limit_mb */
		setenv("GOSTACKS_MAX_MEMORY", "256M", 1);
		setenv("GOSTACKS_THREADS", "1", 1);
	}
	name = commands[data[0] % 8];
	f = data[1] & 7;
	by = (data[1] >> 3) & 7;
	filter = data[2] & 7;
	where = (data[2] >> 3) & 3;
	own = data[2] >> 5;
	cut = (size_t)data[3] * (size - 4) / 256;
	data += 4;
	size -= 4;

	add(argv, &argc, name);
	if (formats[f] && strcmp(name, "fold") != 0 && strcmp(name, "grep") != 0) {
		add(argv, &argc, "--format");
		add(argv, &argc, formats[f]);
	}
	if (bys[by] && (strcmp(name, "summary") == 0 || strcmp(name, "show") == 0 ||
	                strcmp(name, "diff") == 0 || strcmp(name, "trend") == 0)) {
		add(argv, &argc, "--by");
		add(argv, &argc, bys[by]);
	}
	if (filters[filter][0]) {
		add(argv, &argc, filters[filter][0]);
		add(argv, &argc, filters[filter][1]);
	}
	if (where == 1 && strcmp(name, "grep") != 0 && strcmp(name, "fold") != 0 &&
	    strcmp(name, "check") != 0)
		add(argv, &argc, "--where=runtime"); /* user is the default */
	else if (where == 2 && strcmp(name, "grep") != 0 && strcmp(name, "fold") != 0 &&
	         strcmp(name, "check") != 0)
		add(argv, &argc, "--skip=^sync\\.");
	else if (where == 3 && (strcmp(name, "summary") == 0 || strcmp(name, "show") == 0))
		add(argv, &argc, "--sort=wait");
	own_option(name, own, argv, &argc);
	if (strcmp(name, "grep") == 0)
		add(argv, &argc, where == 3 ? "^goroutine" : "main|chan");

	if (strcmp(name, "diff") == 0 || strcmp(name, "trend") == 0) {
		fa = mem_file(data, cut, path_a, sizeof path_a);
		fb = mem_file(data + cut, size - cut, path_b, sizeof path_b);
		add(argv, &argc, path_a);
		add(argv, &argc, path_b);
		if (strcmp(name, "trend") == 0)
			add(argv, &argc, path_a);
	} else {
		fa = mem_file(data, size, path_a, sizeof path_a);
		add(argv, &argc, path_a);
	}
	argv[argc] = NULL;

	memset(&c, 0, sizeof c);
	c.strict = (data[-3] >> 6) & 1;
	c.color = (data[-3] >> 7) ? COLOR_ALWAYS : COLOR_NEVER;
	c.write_error = 1;
	c.wide = data[-1] & 1;
	cmd = command_find(name);
	if (cmd == NULL)
		abort();
	c.name = cmd->name;
	c.usage = cmd->usage;
	out = stdout;
	err = stderr;
	stdout = null_out;
	stderr = null_out;
	optind = 0; /* getopt starts afresh: each input is a new invocation */
	(void)cmd->fn(argc, argv, &c);
	fflush(null_out);
	clearerr(null_out);
	stdout = out;
	stderr = err;
	close(fa);
	if (fb >= 0)
		close(fb);
	return 0;
}
