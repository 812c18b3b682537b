/* regex.h - a user's PCRE2 pattern, compiled once and matched many times.
 *
 * Byte mode (no PCRE2_UTF): a dump may hold any bytes, and an invalid UTF-8 sequence must
 * never make a match fail. JIT when the library has it (a failure only costs speed), one
 * match data per pattern, reused; the length is always passed, never a NUL terminator.
 * When the JIT's default stack is too small for a pattern, a larger one is attached once.
 */
#ifndef GS_REGEX_H
#define GS_REGEX_H

#include <stddef.h>

struct regex {
	void *code;       /* pcre2_code_8 * */
	void *md;         /* pcre2_match_data_8 *, reused */
	void *jit_stack;  /* pcre2_jit_stack_8 *, only after PCRE2_ERROR_JIT_STACKLIMIT */
	void *mctx;       /* pcre2_match_context_8 * holding it */
	int jit;          /* compiled by the JIT: matched by pcre2_jit_match */
	void *lines_code; /* compiled MULTILINE for regex_may_match, NULL when not safe */
	void *lines_md;
	int lines_jit;
	char *literal;    /* the pattern is this plain text (see regex_literal), else NULL */
	size_t literal_len;
	unsigned long matches; /* matches run: tests check that caches spare them */
};

#define REGEX_CASELESS 0x1u

/* 0, or -1 with "WHAT 'PATTERN': MESSAGE at offset N" in err (what: "--match", ...). */
int regex_compile(struct regex *re, const char *pattern, unsigned flags, const char *what,
                  char *err, size_t errlen);
/* 1 when the pattern matches somewhere in s[0..n), else 0 (errors such as a match limit
 * count as no match). */
int regex_match(struct regex *re, const char *s, size_t n);
/* The first match at or after `from`: 1 with [*start, *end), else 0. An empty match is
 * reported as such; callers step past it. */
int regex_find(struct regex *re, const char *s, size_t n, size_t from, size_t *start,
               size_t *end);
/* s: lines joined by "\n". 0 when no line of them can match (one search instead of one a
 * line), 1 when one may: match each to know. Patterns for which one search cannot tell
 * (\\A \\z \\Z \\G, "(?", "(*", possessive quantifiers) always give 1. */
int regex_may_match(struct regex *re, const char *s, size_t n);
/* s: lines each followed by "\n" (the last one's may be missing). 1 when the pattern
 * matches in one of them, matched line by line: one memmem for a literal, one search for
 * regex_may_match, then the lines only when that may. */
int regex_match_lines(struct regex *re, const char *s, size_t n);
/* When the pattern matches exactly the occurrences of a plain text (no metacharacters,
 * punctuation escaped, not caseless), that text, never holding "\n": a memmem over many
 * lines joined by "\n" finds what matching each line would. Else NULL. */
const char *regex_literal(const struct regex *re, size_t *len);
void regex_free(struct regex *re);

#endif
