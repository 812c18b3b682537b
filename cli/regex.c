/* regex.c - see regex.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

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
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (re->md == NULL) {
		pcre2_code_free(code);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	re->code = code;
	return 0;
}

/* pcre2_match with the JIT stack grown once when the default 32 KiB is not enough. */
static int run(struct regex *re, const char *s, size_t n, size_t from)
{
	int rc;

	re->matches++;
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, from, 0, re->md, re->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT && re->jit_stack == NULL) {
		re->jit_stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		re->mctx = pcre2_match_context_create(NULL);
		if (re->jit_stack == NULL || re->mctx == NULL)
			return rc;
		pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
		rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, from, 0, re->md, re->mctx);
	}
	return rc;
}

int regex_match(struct regex *re, const char *s, size_t n)
{
	return run(re, s, n, 0) >= 0;
}

int regex_find(struct regex *re, const char *s, size_t n, size_t from, size_t *start,
               size_t *end)
{
	PCRE2_SIZE *ov;

	if (from > n || run(re, s, n, from) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(re->md);
	*start = ov[0];
	*end = ov[1] < ov[0] ? ov[0] : ov[1]; /* \K can put the end before the start */
	return 1;
}

void regex_free(struct regex *re)
{
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	pcre2_match_context_free(re->mctx);
	pcre2_jit_stack_free(re->jit_stack);
	memset(re, 0, sizeof *re);
}
