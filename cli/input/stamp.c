/* stamp.c - see stamp.h. */
#include "input/stamp.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define STAMP_LEN 16 /* YYYYMMDDTHHMMSSZ */

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* One field: 0 and *t when it is a valid UTC time (timegm normalises 20240231 to March:
 * a round trip rejects what was not a real date). */
static int parse_field(const char *s, int64_t *t)
{
	struct tm tm, back;
	int y, mo, d, h, mi, se;
	time_t tt;

	if (s[8] != 'T' || s[15] != 'Z')
		return -1;
	if (digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d) ||
	    digits(s + 9, 2, &h) || digits(s + 11, 2, &mi) || digits(s + 13, 2, &se))
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tt = timegm(&tm); /* normalises tm in place: compare with the fields as read */
	if (tt == (time_t)-1 || gmtime_r(&tt, &back) == NULL)
		return -1;
	if (back.tm_year != y - 1900 || back.tm_mon != mo - 1 || back.tm_mday != d ||
	    back.tm_hour != h || back.tm_min != mi || back.tm_sec != se)
		return -1;
	*t = (int64_t)tt;
	return 0;
}

int stamp_from_name(const char *name, int64_t *t)
{
	const char *base = strrchr(name, '/'), *p, *end;
	int found = -1;

	base = base ? base + 1 : name;
	end = base + strlen(base);
	/* the last field that fits wins: a host name could look like one, the stamp is last */
	for (p = base; p + STAMP_LEN <= end; p++) {
		if (p > base && p[-1] != '.')
			continue;
		if (p + STAMP_LEN < end && p[STAMP_LEN] != '.')
			continue;
		if (parse_field(p, t) == 0)
			found = 0;
	}
	return found;
}

enum stamp_source stamp_of(const char *name, int64_t *t)
{
	struct stat st;

	*t = 0;
	if (stamp_from_name(name, t) == 0)
		return STAMP_NAME;
	if (strcmp(name, "-") != 0 && stat(name, &st) == 0 && S_ISREG(st.st_mode)) {
		*t = (int64_t)st.st_mtime;
		return STAMP_MTIME;
	}
	*t = 0;
	return STAMP_NONE;
}

const char *stamp_source_name(enum stamp_source s)
{
	switch (s) {
	case STAMP_NAME: return "filename";
	case STAMP_MTIME: return "mtime";
	case STAMP_NONE: break;
	}
	return "none";
}

void stamp_format(int64_t t, char *out, unsigned long outlen)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (outlen == 0)
		return;
	if (gmtime_r(&tt, &tm) == NULL || strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}
