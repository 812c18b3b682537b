/* test_key.c - the table of group keys (parser/key.c): every row parses from its --by word
 * to its own bit, errors come back as data, keys are made from records, compared and
 * ordered as their rows say. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "group.h"
#include "key.h"
#include "model.h"
#include "testutil.h"

static void test_parse_by(void **state)
{
	struct gs_model *m = gs_model_new();
	struct group_opts o;
	struct gs_by_error err;
	char words[256];

	memset(&o, 0, sizeof o);
	assert_int_equal(gs_by_parse("state,wait,where", m, &o.keys, &o.label_key, &err), 0);
	assert_int_equal(o.keys, GK_STATE | GK_WAIT | GK_WHERE);
	assert_int_equal(o.label_key, 0);
	assert_int_equal(gs_by_parse("wait,wait=exact", m, &o.keys, &o.label_key, &err), 0);
	assert_int_equal(o.keys, GK_WAIT_EXACT); /* wait=exact replaces wait */
	assert_int_equal(gs_by_parse("func,stack,creator,labels,label:k", m, &o.keys,
	                             &o.label_key, &err), 0);
	assert_int_equal(o.keys, GK_FUNC | GK_STACK | GK_CREATOR | GK_LABELS | GK_LABEL);
	assert_string_equal(gs_str(m, o.label_key), "k");
	/* errors are data: the code and the word, no message with flag names */
	assert_int_equal(gs_by_parse("state,bogus", m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(err.code, GS_BY_UNKNOWN);
	assert_string_equal(err.word, "bogus");
	assert_int_equal(gs_by_parse("", m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(err.code, GS_BY_EMPTY);
	assert_int_equal(gs_by_parse("state,,where", m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(err.code, GS_BY_EMPTY);
	assert_int_equal(gs_by_parse("label:", m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(err.code, GS_BY_UNKNOWN);
	assert_int_equal(gs_by_parse("label:a,label:b", m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(err.code, GS_BY_TWO_ARGS);
	/* a long unknown word is cut to fit, NUL-terminated */
	assert_int_equal(gs_by_parse("state,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	                             m, &o.keys, &o.label_key, &err), -1);
	assert_int_equal(strlen(err.word), sizeof err.word - 1);
	gs_by_words(words, sizeof words);
	assert_string_equal(words, "source, dump, state, wait, wait=exact, where, func, stack, "
	                           "creator, labels, label:KEY");
	gs_model_free(m);
}

/* Every row in enum order; every --by word parses to its own bit; keys with flags. */
static void test_key_table(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_by_error err;
	unsigned keys;
	uint32_t label_key;
	char word[64];
	int i;

	for (i = 0; i < GS_NKEYS; i++) {
		const struct gs_key_row *r = gs_key_row((enum gs_key_id)i);

		assert_int_equal(r->id, i);
		assert_non_null(r->title);
		assert_non_null(r->json);
		assert_non_null(r->noun);
		snprintf(word, sizeof word, "%s%s", r->word, r->flags & GS_KF_ARG ? "k" : "");
		assert_int_equal(gs_by_parse(word, m, &keys, &label_key, &err), 0);
		assert_int_equal(keys, GK_BIT(i));
	}
	assert_null(gs_key_row(GS_NKEYS));
	assert_int_equal(gs_keys_with(GS_KF_STATE), GK_STATE | GK_WAIT | GK_WAIT_EXACT | GK_CREATOR);
	assert_int_equal(gs_keys_with(GS_KF_WHERE), GK_WHERE | GK_FUNC);
	assert_int_equal(gs_keys_with(GS_KF_LABELS), GK_LABELS | GK_LABEL);
	gs_model_free(m);
}


/* Keys made from a record: only the asked ones are set; equal records make equal keys, and
 * the order puts longer waits first and an absent value before any. */
static void test_make_and_order(void **state)
{
	struct gs_model *m = gs_model_new();
	struct gs_goroutine a, b;
	struct gs_key_in in;
	struct gs_key ka, kb;
	uint32_t fr[2];

	(void)state;
	assert_non_null(m);
	fr[0] = tu_frame(m, "runtime.gopark", "runtime/proc.go", 398);
	fr[1] = tu_frame(m, "main.wait", "app/w.go", 7);
	memset(&a, 0, sizeof a);
	a.state = tu_str(m, "chan receive");
	a.flags = GS_G_WAIT;
	a.wait = 30;
	a.stack = gs_model_stack(m, fr, NULL, 2, 0);
	a.creator = fr[1];
	b = a;
	b.wait = 300;
	memset(&in, 0, sizeof in);
	in.g = &a;
	in.stack = a.stack;
	in.where = fr[1];
	gs_key_make(m, GK_STATE | GK_WAIT | GK_FUNC, &in, &ka);
	assert_int_equal(ka.v[GS_KEY_STATE], a.state);
	assert_int_equal(ka.v[GS_KEY_WAIT], WB_15_60);
	assert_string_equal(gs_str(m, ka.v[GS_KEY_FUNC]), "main.wait");
	assert_int_equal(ka.v[GS_KEY_WHERE], 0);   /* not asked */
	assert_int_equal(ka.v[GS_KEY_CREATOR], 0);
	in.g = &b;
	gs_key_make(m, GK_STATE | GK_WAIT | GK_FUNC, &in, &kb);
	assert_false(gs_key_eq(&ka, &kb));
	assert_true(gs_key_cmp(m, &kb, &ka) < 0); /* >4h before 15-60m */
	kb.v[GS_KEY_WAIT] = ka.v[GS_KEY_WAIT];
	assert_true(gs_key_eq(&ka, &kb));
	assert_int_equal(gs_key_hash(&ka), gs_key_hash(&kb));
	assert_int_equal(gs_key_cmp(m, &ka, &kb), 0);
	kb.v[GS_KEY_STATE] = 0;
	assert_true(gs_key_cmp(m, &kb, &ka) < 0); /* none first */
	/* a sample (no goroutine) carries no state, wait or creator */
	in.g = NULL;
	gs_key_make(m, GK_STATE | GK_WAIT | GK_CREATOR | GK_STACK, &in, &ka);
	assert_int_equal(ka.v[GS_KEY_STATE], 0);
	assert_int_equal(ka.v[GS_KEY_WAIT], WB_NONE);
	assert_int_equal(ka.v[GS_KEY_CREATOR], 0);
	assert_int_equal(ka.v[GS_KEY_STACK], m->stacks[a.stack].canon);
	gs_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_by),
		cmocka_unit_test(test_key_table),
		cmocka_unit_test(test_make_and_order),
	};

	return cmocka_run_group_tests_name("key", tests, NULL, NULL);
}
