/* check_report.h - what `check` found, as a report (report.h): per source the kinds
 * detected, the normalisations applied, dumps, goroutines, g0 stacks, skipped records,
 * bytes and lines, then the diagnostics' count. A terminal gets a few lines per source; a
 * document or a spreadsheet a row per source, the panic and signal lines as alerts.
 */
#ifndef GS_CHECK_REPORT_H
#define GS_CHECK_REPORT_H

#include "outputs/report.h"
#include "reports/render.h"

/* r: the model and its detected normalisations. */
void check_report(struct report *rep, const struct render_ctx *r);

#endif
