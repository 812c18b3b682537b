/* regex.c - see regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "select/regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text a pattern matches when it is plain text: letters, digits, and other bytes that
 * are not metacharacters, or punctuation escaped with a backslash ("sync\\.\\(\\*Cond\\)").
 * Anything else (a class, an anchor, \\d, an option, caseless) is no literal: -1. */
static int literal_of(const char *pattern, unsigned flags, char *out, size_t *len)
{
	const char *p;
	size_t n = 0;

	if (flags & REGEX_CASELESS || *pattern == '\0')
		return -1;
	for (p = pattern; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\\') {
			c = (unsigned char)*++p;
			if (c == '\0' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z'))
				return -1; /* \d, \Q, \x41, \1 ...: not plain text */
		} else if (strchr("^$.[]|()?*+{}", c) != NULL || c == '\n') {
			return -1;
		}
		out[n++] = (char)c;
	}
	*len = n;
	return 0;
}

/* Whether a match of the pattern in a line is also a match in the lines joined by "\n"
 * (compiled MULTILINE: ^ and $ at every line's ends). Not with what sees the subject's
 * ends or around a match: \\A \\z \\Z \\G, "(?" (options, lookarounds, atomic groups),
 * "(*" verbs, and possessive quantifiers (a+b*+ could eat the "\n" and then fail). A
 * pattern that can match "\n" itself (\\s, [^x]) only finds lines that do not match:
 * regex_may_match is a filter, each line is matched after it. */
static int lines_safe(const char *p)
{
	int quant = 0; /* the byte before was an unescaped quantifier: a '+' now is possessive */

	for (; *p; p++) {
		if (p[0] == '\\') {
			if (p[1] == '\0' || strchr("AzZG", p[1]) != NULL)
				return 0;
			p++;
			quant = 0;
			continue;
		}
		if (p[0] == '(' && (p[1] == '?' || p[1] == '*'))
			return 0;
		if (p[0] == '+' && quant)
			return 0;
		quant = strchr("*+?}", p[0]) != NULL;
	}
	return 1;
}

int regex_compile(struct regex *re, const char *pattern, unsigned flags, const char *what,
                  char *err, size_t errlen)
{
	pcre2_code *code;
	uint32_t opts = 0;
	int ec;
	PCRE2_SIZE eo;
	PCRE2_UCHAR msg[256];

	memset(re, 0, sizeof *re);
	if (flags & REGEX_CASELESS)
		opts |= PCRE2_CASELESS;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, NULL);
	if (code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(err, errlen, "%s '%s': %s at offset %zu", what, pattern, (const char *)msg,
		         (size_t)eo);
		return -1;
	}
	re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (re->md == NULL) {
		pcre2_code_free(code);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	re->code = code;
	if (lines_safe(pattern)) {
		/* a second code for regex_may_match; without it, only slower */
		re->lines_code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
		                               opts | PCRE2_MULTILINE, &ec, &eo, NULL);
		if (re->lines_code)
			re->lines_jit = pcre2_jit_compile(re->lines_code, PCRE2_JIT_COMPLETE) == 0;
		re->lines_md = re->lines_code ? pcre2_match_data_create_from_pattern(re->lines_code, NULL)
		                              : NULL;
		if (re->lines_md == NULL) {
			pcre2_code_free(re->lines_code);
			re->lines_code = NULL;
		}
	}
	re->literal = malloc(strlen(pattern) + 1);
	if (re->literal && literal_of(pattern, flags, re->literal, &re->literal_len) != 0) {
		free(re->literal);
		re->literal = NULL;
	}
	return 0;
}

/* pcre2_jit_match, the JIT's fast path (no option checks: a tenth of grep's time went to
 * pcre2_match's), or pcre2_match without a JIT. lines: the MULTILINE code of
 * regex_may_match. */
static int match(struct regex *re, int lines, const char *s, size_t n, size_t from)
{
	pcre2_code *code = lines ? re->lines_code : re->code;
	pcre2_match_data *md = lines ? re->lines_md : re->md;

	if (lines ? re->lines_jit : re->jit)
		return pcre2_jit_match(code, (PCRE2_SPTR)s, n, from, 0, md, re->mctx);
	return pcre2_match(code, (PCRE2_SPTR)s, n, from, 0, md, re->mctx);
}

/* A match, with the JIT stack grown once when the default 32 KiB is not enough. */
static int run(struct regex *re, int lines, const char *s, size_t n, size_t from)
{
	int rc;

	re->matches++;
	rc = match(re, lines, s, n, from);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT && re->jit_stack == NULL) {
		re->jit_stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		re->mctx = pcre2_match_context_create(NULL);
		if (re->jit_stack == NULL || re->mctx == NULL)
			return rc;
		pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
		rc = match(re, lines, s, n, from);
	}
	return rc;
}

int regex_match(struct regex *re, const char *s, size_t n)
{
	return run(re, 0, s, n, 0) >= 0;
}

int regex_may_match(struct regex *re, const char *s, size_t n)
{
	return re->lines_code == NULL || run(re, 1, s, n, 0) != PCRE2_ERROR_NOMATCH;
}

int regex_match_lines(struct regex *re, const char *s, size_t n)
{
	const char *end = s + n, *nl;

	if (re->literal)
		return memmem(s, n, re->literal, re->literal_len) != NULL;
	if (!regex_may_match(re, s, n))
		return 0;
	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		if (regex_match(re, s, (size_t)(nl - s)))
			return 1;
	}
	return 0;
}

int regex_find(struct regex *re, const char *s, size_t n, size_t from, size_t *start,
               size_t *end)
{
	PCRE2_SIZE *ov;

	if (from > n || run(re, 0, s, n, from) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(re->md);
	*start = ov[0];
	*end = ov[1] < ov[0] ? ov[0] : ov[1]; /* \K can put the end before the start */
	return 1;
}

const char *regex_literal(const struct regex *re, size_t *len)
{
	*len = re->literal_len;
	return re->literal;
}

void regex_free(struct regex *re)
{
	free(re->literal);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	pcre2_match_data_free(re->lines_md);
	pcre2_code_free(re->lines_code);
	pcre2_match_context_free(re->mctx);
	pcre2_jit_stack_free(re->jit_stack);
	memset(re, 0, sizeof *re);
}
