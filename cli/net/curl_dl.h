/* curl_dl.h - what curl_dl.c adds to the libcurl API it loads on first use. */
#ifndef GS_CURL_DL_H
#define GS_CURL_DL_H

/* libcurl's version, or NULL when libcurl.so.4 cannot be loaded: --version works without
 * libcurl (a Recommends of the Debian package), where a URL stops with a message. */
const char *curl_dl_version(void);

#endif
