/* curl_dl.c - libcurl, loaded on first use.
 *
 * Linking libcurl pulls in about thirty shared libraries (TLS, GSSAPI, LDAP, HTTP/2, ...)
 * whose loading cost 20 ms on every start, more than reading a 5 MB profile. Only URL
 * sources and fetch need it, so this file defines the libcurl functions the CLI calls
 * and resolves them from libcurl.so.4 with dlopen the first time one is called; the
 * global init happens then too. The rest of cli/ includes <curl/curl.h> and calls
 * libcurl as usual.
 *
 * The variadic setopt/getinfo calls are forwarded by option type, which libcurl encodes
 * in the option number (CURLOPTTYPE_* bands, CURLINFO_* type bits). */
#include <curl/curl.h>

#include <dlfcn.h>
#include <stdarg.h>
#include <stdlib.h>

#include "net/curl_dl.h"
#include "outputs/msg.h"

#define CURL_SONAME "libcurl.so.4"

/* Process state, not an option: the library is loaded once per process, whoever asks. */
static void *lib;  /* dlopen'ed by --version's probe or by the first call */
static int loaded; /* the functions resolved and the global init done */

struct curl_api {
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	void (*free)(void *);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *);
	CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	curl_version_info_data *(*version_info)(CURLversion);
};

static struct curl_api api;

static void *sym(const char *name)
{
	void *p = dlsym(lib, name);

	if (p == NULL) {
		errorf("%s lacks %s: libcurl 7.80 or later is needed", CURL_SONAME, name);
		exit(EXIT_INPUT);
	}
	return p;
}

static void unload(void)
{
	api.global_cleanup();
}

/* Object pointers from dlsym become function pointers through a union: ISO C has no
 * cast between the two, POSIX guarantees the representation. */
#define LOAD(field, name)                                                              \
	do {                                                                           \
		union { void *obj; __typeof__(api.field) fn; } u_;                     \
		u_.obj = sym(name);                                                    \
		api.field = u_.fn;                                                     \
	} while (0)

static void *open_lib(void)
{
	if (lib == NULL)
		lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	return lib;
}

static void load(void)
{
	if (loaded)
		return;
	if (open_lib() == NULL) {
		/* the Debian package only recommends libcurl4: say what to install first */
		errorf("URLs need libcurl: apt-get install libcurl4 (%s)", dlerror());
		exit(EXIT_INPUT);
	}
	LOAD(global_init, "curl_global_init");
	LOAD(global_cleanup, "curl_global_cleanup");
	LOAD(easy_init, "curl_easy_init");
	LOAD(easy_cleanup, "curl_easy_cleanup");
	LOAD(easy_setopt, "curl_easy_setopt");
	LOAD(easy_getinfo, "curl_easy_getinfo");
	LOAD(easy_strerror, "curl_easy_strerror");
	LOAD(free, "curl_free");
	LOAD(multi_init, "curl_multi_init");
	LOAD(multi_cleanup, "curl_multi_cleanup");
	LOAD(multi_add_handle, "curl_multi_add_handle");
	LOAD(multi_remove_handle, "curl_multi_remove_handle");
	LOAD(multi_perform, "curl_multi_perform");
	LOAD(multi_poll, "curl_multi_poll");
	LOAD(multi_info_read, "curl_multi_info_read");
	LOAD(multi_setopt, "curl_multi_setopt");
	LOAD(slist_append, "curl_slist_append");
	LOAD(slist_free_all, "curl_slist_free_all");
	LOAD(url, "curl_url");
	LOAD(url_cleanup, "curl_url_cleanup");
	LOAD(url_get, "curl_url_get");
	LOAD(url_set, "curl_url_set");
	LOAD(version_info, "curl_version_info");
	if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		errorf("cannot initialise libcurl");
		exit(EXIT_INPUT);
	}
	loaded = 1;
	atexit(unload);
}

const char *curl_dl_version(void)
{
	if (open_lib() == NULL)
		return NULL;
	return curl_version_info(CURLVERSION_NOW)->version;
}

/* The parentheses around each name keep curl.h's type-checking macros from expanding. */

CURLcode (curl_global_init)(long flags)
{
	(void)flags;
	load();
	return CURLE_OK;
}

void (curl_global_cleanup)(void)
{
	/* done at exit, once, by unload() */
}

CURL *(curl_easy_init)(void)
{
	load();
	return api.easy_init();
}

void (curl_easy_cleanup)(CURL *h)
{
	load();
	api.easy_cleanup(h);
}

CURLcode (curl_easy_setopt)(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	load();
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = api.easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = api.easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = api.easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		rc = api.easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		rc = api.easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode (curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;

	load();
	va_start(ap, info);
	rc = api.easy_getinfo(h, info, va_arg(ap, void *)); /* always a pointer to the result */
	va_end(ap);
	return rc;
}

const char *(curl_easy_strerror)(CURLcode rc)
{
	load();
	return api.easy_strerror(rc);
}

void (curl_free)(void *p)
{
	load();
	api.free(p);
}

CURLM *(curl_multi_init)(void)
{
	load();
	return api.multi_init();
}

CURLMcode (curl_multi_cleanup)(CURLM *m)
{
	load();
	return api.multi_cleanup(m);
}

CURLMcode (curl_multi_add_handle)(CURLM *m, CURL *h)
{
	load();
	return api.multi_add_handle(m, h);
}

CURLMcode (curl_multi_remove_handle)(CURLM *m, CURL *h)
{
	load();
	return api.multi_remove_handle(m, h);
}

CURLMcode (curl_multi_perform)(CURLM *m, int *running)
{
	load();
	return api.multi_perform(m, running);
}

CURLMcode (curl_multi_poll)(CURLM *m, struct curl_waitfd *fds, unsigned int n, int ms, int *ret)
{
	load();
	return api.multi_poll(m, fds, n, ms, ret);
}

CURLMsg *(curl_multi_info_read)(CURLM *m, int *left)
{
	load();
	return api.multi_info_read(m, left);
}

CURLMcode (curl_multi_setopt)(CURLM *m, CURLMoption opt, ...)
{
	va_list ap;
	CURLMcode rc;

	load();
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = api.multi_setopt(m, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = api.multi_setopt(m, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = api.multi_setopt(m, opt, va_arg(ap, void (*)(void)));
	else
		rc = api.multi_setopt(m, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

struct curl_slist *(curl_slist_append)(struct curl_slist *l, const char *s)
{
	load();
	return api.slist_append(l, s);
}

void (curl_slist_free_all)(struct curl_slist *l)
{
	/* nothing to free needs no libcurl: every command frees its (empty) header list */
	if (l == NULL)
		return;
	load();
	api.slist_free_all(l);
}

CURLU *(curl_url)(void)
{
	load();
	return api.url();
}

void (curl_url_cleanup)(CURLU *u)
{
	load();
	api.url_cleanup(u);
}

CURLUcode (curl_url_get)(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	load();
	return api.url_get(u, what, part, flags);
}

CURLUcode (curl_url_set)(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	load();
	return api.url_set(u, what, part, flags);
}

curl_version_info_data *(curl_version_info)(CURLversion v)
{
	load();
	return api.version_info(v);
}
