/* source_label.c - see source_label.h. */
#include "source_label.h"

#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "YYYYMMDDTHHMMSSZ" */
static int is_stamp(const char *s, size_t len)
{
	size_t i;

	if (len != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (i = 0; i < 15; i++)
		if (i != 8 && !is_digit(s[i]))
			return 0;
	return 1;
}

/* HOST_PORT.PROFILE.STAMP.txt (a .gz after it allowed): the host and port spans. */
static int fetched_name(const char *base, size_t len, size_t *host_len, const char **port,
                        size_t *port_len)
{
	const char *end = base + len, *dot[3] = { NULL, NULL, NULL }, *p, *us = NULL;
	int n = 0;

	if (len > 3 && memcmp(end - 3, ".gz", 3) == 0)
		end -= 3;
	if (end - base < 4 || memcmp(end - 4, ".txt", 4) != 0)
		return 0;
	end -= 4;
	/* the stamp, the profile word, then HOST_PORT before them */
	for (p = end; p > base && n < 2; p--)
		if (p[-1] == '.')
			dot[n++] = p - 1;
	if (n < 2 || !is_stamp(dot[0] + 1, (size_t)(end - dot[0] - 1)) || dot[1] + 1 == dot[0])
		return 0;
	for (p = base; p < dot[1]; p++)
		if (*p == '_')
			us = p;
	if (us == NULL || us == base || us + 1 == dot[1])
		return 0;
	for (p = us + 1; p < dot[1]; p++)
		if (!is_digit(*p))
			return 0;
	*host_len = (size_t)(us - base);
	*port = us + 1;
	*port_len = (size_t)(dot[1] - us - 1);
	return 1;
}

int gs_source_label(const char *name, size_t len, struct gs_buf *out)
{
	const char *s = name, *end = name + len, *p, *base = name, *port;
	size_t host_len, port_len;
	int rc;

	if (len > 7 && memcmp(s, "http://", 7) == 0)
		s += 7;
	else if (len > 8 && memcmp(s, "https://", 8) == 0)
		s += 8;
	if (s != name) {
		/* a URL: its authority, without a user */
		for (p = s; p < end && *p != '/' && *p != '?' && *p != '#'; p++)
			if (*p == '@')
				s = p + 1;
		return gs_buf_add(out, s, (size_t)(p - s));
	}
	/* host:port with a path, no scheme: a URL too */
	p = memchr(name, '/', len);
	if (p && p > name && memchr(name, ':', (size_t)(p - name))) {
		const char *colon = memchr(name, ':', (size_t)(p - name)), *q;

		for (q = colon + 1; q < p && is_digit(*q); q++)
			;
		if (q == p && q > colon + 1)
			return gs_buf_add(out, name, (size_t)(p - name));
	}
	for (p = name; p < end; p++)
		if (*p == '/')
			base = p + 1;
	if (fetched_name(base, (size_t)(end - base), &host_len, &port, &port_len)) {
		rc = gs_buf_add(out, base, host_len);
		if (rc == 0)
			rc = gs_buf_addch(out, ':');
		return rc == 0 ? gs_buf_add(out, port, port_len) : rc;
	}
	return gs_buf_add(out, name, len);
}
