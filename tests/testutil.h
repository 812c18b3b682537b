/* testutil.h - what the unit tests share: models parsed from text or files, whole files,
 * interned names and frames. Every step is checked with cmocka's asserts, so a helper
 * fails the test that called it. The Makefile links testutil.c into every test binary. */
#ifndef GS_TESTUTIL_H
#define GS_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* A new model with text parsed into it as one source named name. */
struct gs_model *tu_parse_text(const char *name, const char *text, size_t len);
/* The same for a file, fed to the parser in pieces (the source is named path). */
struct gs_model *tu_parse_file(const char *path);
/* text[0..len) in parts cut before the offsets cut[0..n), every model read with fold
 * (model.h: fold_repeats): the first part read by the first parser, each later one by a
 * parser of its own (a middle one not finished, the last one finished), then adopted in
 * turn (chained), each read by the first parser instead when refused. adopted[i]:
 * gs_parser_adopt's answer for part i + 1; detected (may be NULL, else detected_len bytes):
 * what the first parser says it normalised. */
struct gs_model *tu_parse_parts(const char *text, size_t len, const size_t *cut, int n,
                                int fold, int *adopted, char *detected, size_t detected_len);
/* A whole file, NUL-terminated (malloc'd; *len without the NUL). */
char *tu_slurp(const char *path, size_t *len);
/* a and b hold the same, by value (ids may differ): sources, dumps, goroutines (counts,
 * parents, objects, creators), stacks (frames, arguments), diagnostics. */
void tu_same_model(const struct gs_model *a, const struct gs_model *b);
/* An interned string; a frame of interned func and file. */
uint32_t tu_str(struct gs_model *m, const char *s);
uint32_t tu_frame(struct gs_model *m, const char *func, const char *file, uint32_t line);

#endif
