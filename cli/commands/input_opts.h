/* input_opts.h - the rows (opts.h) of the options whose meaning lives below the commands:
 * the filters, which select/filter.h's filter_option takes by their getopt codes, and the
 * URL options of every SOURCE, which net/fetch_opts.h's fetch_option takes so. Here is how
 * they are spelled and helped; there, what they do. cmd_input.c hands every code to both.
 */
#ifndef GS_INPUT_OPTS_H
#define GS_INPUT_OPTS_H

#include "commands/opts.h"
#include "net/fetch_opts.h"
#include "select/filter.h"

/* The filters' rows, shown after the command's own whichever comes first in its table. */
#define FILTER_ROW(name, val, metavar, help) \
	{ name, 0, OPTS_REQUIRED, val, metavar, help, OPTS_AFTER }
#define FILTER_OPTIONS \
	{ NULL, 0, OPTS_NONE, 0, NULL, "\nfilters (applied before grouping; repeat " \
	  "--match/--exclude/--state/--id for any,\n--label for all):\n", OPTS_AFTER }, \
	FILTER_ROW("match", FILTER_OPT_MATCH, "RE", \
	           "keep goroutines with a frame whose function or FILE:LINE\n" \
	           "matches (PCRE2, bytes)"), \
	FILTER_ROW("exclude", FILTER_OPT_EXCLUDE, "RE", \
	           "drop goroutines with such a frame (wins over --match)"), \
	FILTER_ROW("state", FILTER_OPT_STATE, "RE", \
	           "keep goroutines whose state matches"), \
	FILTER_ROW("min-wait", FILTER_OPT_MIN_WAIT, "D", \
	           "keep goroutines waiting at least D (30m, 2h, 1h30m; no\n" \
	           "printed wait counts as 0)"), \
	FILTER_ROW("max-wait", FILTER_OPT_MAX_WAIT, "D", \
	           "keep goroutines waiting at most D"), \
	FILTER_ROW("label", FILTER_OPT_LABEL, "K=V, K~RE", \
	           "keep goroutines whose label K is V / matches RE"), \
	FILTER_ROW("id", FILTER_OPT_ID, "LIST", \
	           "keep these goroutine ids: 7,12,100-200"), \
	{ "leaked", 0, OPTS_NONE, FILTER_OPT_LEAKED, NULL, \
	  "keep goroutines the runtime proved leaked (Go 1.26+); a bare\n" \
	  "host:port then reads /debug/pprof/goroutineleak?debug=2", OPTS_AFTER }, \
	{ "ignore-case", 'i', OPTS_NONE, 'i', NULL, "patterns ignore case", OPTS_AFTER }

/* The URL options' rows. fetch lists them with its own -H; every other command parses the
 * same rows, with --header only, and names them in the paragraph its text ends with
 * (commands.c: URL_HELP), so they are OPTS_PROSE there. */
#define INPUT_URL_ROW(name, val, metavar, help, flags) \
	{ name, 0, OPTS_REQUIRED, val, metavar, help, flags }
/* header_letter: 'H' (fetch) or 0; flags: 0 (fetch) or OPTS_PROSE */
#define INPUT_URL_OPTIONS(header_letter, flags) \
	{ "profile", 'p', OPTS_REQUIRED, FETCH_OPT_PROFILE, "WORD", \
	  "for a bare host:port or URL: goroutine (goroutine?debug=2,\n" \
	  "the default), goroutine1 (goroutine?debug=1), goroutineleak,\n" \
	  "goroutineleak1 (the same, the goroutines proven leaked marked,\n" \
	  "or only them; Go 1.26+), heap, allocs, mutex, block,\n" \
	  "threadcreate (WORD?debug=1)", flags }, \
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
	              "... for this long after its first byte is stalled and\n" \
	              "stopped (default 15s, at most half of --timeout)", flags)

/* The rows of a command that reads SOURCEs (cmd_input.h hands their codes on). */
#define INPUT_URL_PROSE INPUT_URL_OPTIONS(0, OPTS_PROSE)

#endif
