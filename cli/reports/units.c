/* units.c - see units.h. */
#include "reports/units.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* pprof's ScaledLabel: "%.2f" of the scaled value, ".00" dropped, "0" for zero. */
static void scaled_label(struct gs_buf *out, double v, const char *unit)
{
	char text[64];
	size_t n;

	snprintf(text, sizeof text, "%.2f", v);
	n = strlen(text);
	if (n > 3 && strcmp(text + n - 3, ".00") == 0)
		text[n - 3] = '\0';
	if (strcmp(text, "0") == 0 || strcmp(text, "-0") == 0) {
		gs_buf_addch(out, '0');
		return;
	}
	gs_buf_adds(out, text);
	gs_buf_adds(out, unit);
}

void units_bytes(struct gs_buf *out, int64_t v)
{
	static const char *const names[] = { "B", "kB", "MB", "GB", "TB" };
	double x = (double)v, mag = fabs(x);
	int u = 0;

	while (u < 4 && mag >= 1024.0) {
		mag /= 1024.0;
		x /= 1024.0;
		u++;
	}
	scaled_label(out, x, names[u]);
}

void units_ns(struct gs_buf *out, int64_t v)
{
	double x = (double)v, mag = fabs(x);

	if (mag >= 1e9)
		scaled_label(out, x / 1e9, "s");
	else if (mag >= 1e6)
		scaled_label(out, x / 1e6, "ms");
	else if (mag >= 1e3)
		scaled_label(out, x / 1e3, "us");
	else
		scaled_label(out, x, "ns");
}

void units_format(struct gs_buf *out, enum gs_unit u, int64_t v)
{
	switch (u) {
	case GS_UNIT_BYTES:
		units_bytes(out, v);
		return;
	case GS_UNIT_NS:
		units_ns(out, v);
		return;
	case GS_UNIT_COUNT:
	case GS_UNIT_CYCLES:
		break;
	}
	gs_buf_addf(out, "%" PRId64, v);
}

/* A share of a total is never negative: a total of 0 or less (values from a hostile
 * file) has no shares, and a negative value is none of it. */
double units_percent_value(int64_t v, int64_t total)
{
	if (total <= 0 || v <= 0)
		return 0;
	return round((double)v / (double)total * 10000.0) / 100.0;
}

void units_percent(struct gs_buf *out, int64_t v, int64_t total)
{
	if (total <= 0) {
		gs_buf_addch(out, '-');
		return;
	}
	gs_buf_addf(out, "%.2f%%", v > 0 ? (double)v / (double)total * 100.0 : 0.0);
}
