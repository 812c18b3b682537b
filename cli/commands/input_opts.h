/* input_opts.h - the rows (opts.h) of the options whose meaning lives below the commands:
 * the URL options of every SOURCE, which net/fetch_opts.h's fetch_option takes by their
 * getopt codes. Here is how they are spelled and helped; there, what they do.
 *
 * fetch lists them as rows with its own -H; every other command parses the same rows,
 * with --header only, and names them in the paragraph its text ends with
 * (commands.c: URL_HELP), so they are OPTS_PROSE there.
 */
#ifndef GS_INPUT_OPTS_H
#define GS_INPUT_OPTS_H

#include "commands/opts.h"
#include "net/fetch_opts.h"

#define INPUT_URL_ROW(name, val, metavar, help, flags) \
	{ name, 0, OPTS_REQUIRED, val, metavar, help, flags }
/* header_letter: 'H' (fetch) or 0; flags: 0 (fetch) or OPTS_PROSE */
#define INPUT_URL_OPTIONS(header_letter, flags) \
	{ "profile", 'p', OPTS_REQUIRED, FETCH_OPT_PROFILE, "WORD", \
	  "for a bare host:port or URL: goroutine (goroutine?debug=2,\n" \
	  "the default), goroutine1 (goroutine?debug=1), heap, allocs,\n" \
	  "mutex, block, threadcreate (WORD?debug=1)", flags }, \
	INPUT_URL_ROW("timeout", FETCH_OPT_TIMEOUT, "DUR", \
	              "total time of one transfer (default 60s); DUR is 500ms, 30s,\n" \
	              "5m, 1h or a number of seconds", flags), \
	INPUT_URL_ROW("connect-timeout", FETCH_OPT_CONNECT_TIMEOUT, "DUR", \
	              "time to connect (default 5s)", flags), \
	INPUT_URL_ROW("max-size", FETCH_OPT_MAX_SIZE, "SIZE", \
	              "largest input (64k, 10M): a reply, counted as it arrives\n" \
	              "(default 1G), and a file or stdin (default no cap)", flags), \
	{ "header", header_letter, OPTS_REQUIRED, FETCH_OPT_HEADER, "'N: V'", \
	  "an extra request header (repeatable)", flags }, \
	{ "insecure", 0, OPTS_NONE, FETCH_OPT_INSECURE, NULL, \
	  "do not verify TLS certificates (warns once)", flags }, \
	INPUT_URL_ROW("cacert", FETCH_OPT_CACERT, "FILE", \
	              "CA certificates to verify the server with", flags), \
	INPUT_URL_ROW("proxy", FETCH_OPT_PROXY, "URL", \
	              "proxy to use (default: http_proxy, HTTPS_PROXY, ALL_PROXY)", flags), \
	INPUT_URL_ROW("noproxy", FETCH_OPT_NOPROXY, "LIST", \
	              "hosts reached without the proxy (default: NO_PROXY)", flags), \
	INPUT_URL_ROW("user-agent", FETCH_OPT_USER_AGENT, "TEXT", \
	              "default gostacks/VERSION libcurl/VERSION", flags), \
	INPUT_URL_ROW("retry", FETCH_OPT_RETRY, "N", \
	              "retry a failed connection N times, waiting 1s, 2s, 4s...\n" \
	              "(never after an HTTP reply such as 404)", flags), \
	INPUT_URL_ROW("low-speed-limit", FETCH_OPT_LOW_SPEED_LIMIT, "B", \
	              "a transfer under B bytes/s (default 1024) ...", flags), \
	INPUT_URL_ROW("low-speed-time", FETCH_OPT_LOW_SPEED_TIME, "DUR", \
	              "... for this long is stalled and stopped (default 15s, at\n" \
	              "most half of --timeout)", flags)

/* The rows of a command that reads SOURCEs (cmd_input.h hands their codes on). */
#define INPUT_URL_PROSE INPUT_URL_OPTIONS(0, OPTS_PROSE)

#endif
