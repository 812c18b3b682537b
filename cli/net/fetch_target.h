/* fetch_target.h - what to fetch and where to save it: targets, profile words, URLs, file
 * names, hosts files, and a sniff of a reply's first bytes. Pure (tests/test_fetch.c).
 */
#ifndef GS_FETCH_TARGET_H
#define GS_FETCH_TARGET_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "model.h"

/* The path a -p word asks a host for (its kind's row, kind.h): goroutine ->
 * /debug/pprof/goroutine?debug=2, goroutine1 -> /debug/pprof/goroutine?debug=1, heap ->
 * /debug/pprof/heap?debug=1, ... NULL for an unknown word, with why naming the known ones. */
const char *fetch_profile_path(const char *word, char *why, size_t whylen);

/* What the reader fetches instead of opening: a SOURCE starting http:// or https://, and
 * host:port (^[A-Za-z0-9.-]+:[0-9]+$; the reader first looks for a file of that name). */
int fetch_is_url(const char *s);
int fetch_is_hostport(const char *s);
/* host:port/PATH with no scheme ("10.0.0.5:6060/debug/pprof/goroutine?debug=2"), which
 * wget and curl take as an http:// URL. */
int fetch_is_hostport_path(const char *s);

/* A target is an http:// or https:// URL, host:port, or host:port/PATH (http:// added).
 * A bare host (host:port, or a URL whose path is empty or "/") gets the path of profile
 * (NULL: goroutine); so does the /debug/pprof/ index page when profile is given, which
 * without one is refused with the profiles it offers (-1). A profile's path without
 * debug= in its query gets its kind's (goroutine debug=2, the others debug=1): then 1,
 * for the caller's note. 0 with the URL in url, 1 likewise, or -1 with why. */
int fetch_target_url(const char *target, const char *profile, struct gs_buf *url, char *why,
                     size_t whylen);
/* The -p word a URL asks for (goroutine, goroutine1, heap, ...); for any other path its
 * last segment made file-name safe, or "profile". */
void fetch_url_profile(const char *url, struct gs_buf *word);
/* GS_KIND_HEAP or GS_KIND_ALLOCS when the URL's path names that profile, else
 * GS_KIND_UNKNOWN: heap and allocs print the same text. */
enum gs_kind fetch_url_kind(const char *url);
/* HOST_PORT.PROFILE.YYYYMMDDTHHMMSSZ.txt, t in UTC, the host made file-name safe and the
 * port the URL's (80 or 443 when absent). 0, or -1 when the URL has no host. */
int fetch_file_name(const char *url, const char *profile, time_t t, struct gs_buf *out);

/* Targets from a hosts file: one a line; '#' starts a comment at the start of a line or
 * after a blank; blank lines are ignored; blanks around a target are dropped. Each target
 * is checked with fetch_target_url. 0, or -1 with why ("FILE:LINE: ..."). */
struct fetch_targets {
	char **v;
	size_t n, cap;
};
int fetch_targets_parse(struct fetch_targets *t, const char *text, size_t len,
                        const char *file, char *why, size_t whylen);
void fetch_targets_add(struct fetch_targets *t, const char *target);
void fetch_targets_free(struct fetch_targets *t);

/* NULL when the first bytes of a 2xx body may be a text profile, else what they are and
 * what to ask for instead (n == 0: an empty reply). */
const char *fetch_sniff(const char *head, size_t n);

#endif
