/* fuzz_records.c - the streaming record splitter (parser/records.h) used by `grep`: every
 * record handed out is written as JSON (its lines, frames, header fields and canonical
 * labels), and every skipped header with its line; the chunked and the whole read must
 * agree. The variant picks a header fed
 * before the input: none (dump text), a count, heap or mutex profile. Read as grep reads it
 * (gs_records_without_lines, _frames), each record has the text and line count it has with
 * them. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "model.h"
#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct out {
	struct gs_buf json;
	struct gs_buf bare;      /* each record's kind, flags, line count, text, count and id */
	size_t nrec;
	size_t stop_at;  /* the callback stops the reader at this record (0: never) */
};

static int on_record(void *ctx, const struct gs_record *rec)
{
	struct out *o = ctx;
	struct gs_jsonw w;
	struct gs_buf canon = GS_BUF_INIT;
	size_t i;

	gs_jw_init(&w, &o->bare, 0);
	gs_jw_arr_begin(&w);
	gs_jw_uint(&w, (uint64_t)rec->kind);
	gs_jw_uint(&w, rec->flags);
	gs_jw_uint(&w, rec->nlines);
	gs_jw_strn(&w, rec->text, rec->text_len);
	gs_jw_uint(&w, rec->count);
	gs_jw_uint(&w, rec->id);
	gs_jw_arr_end(&w);
	gs_buf_addch(&o->bare, '\n');
	if (rec->lines == NULL)
		return ++o->nrec == o->stop_at ? 5 : 0;
	gs_jw_init(&w, &o->json, 0);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "kind");
	gs_jw_str(&w, gs_kind_name(rec->kind));
	gs_jw_key(&w, "flags");
	gs_jw_uint(&w, rec->flags);
	gs_jw_key(&w, "lines");
	gs_jw_arr_begin(&w);
	for (i = 0; i < rec->nlines; i++) {
		gs_jw_uint(&w, rec->lines[i].no);
		gs_jw_strn(&w, rec->lines[i].text, rec->lines[i].len);
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "frames");
	gs_jw_arr_begin(&w);
	for (i = 0; i < rec->nframes; i++) {
		const struct gs_record_frame *f = &rec->frames[i];

		gs_jw_strn(&w, f->func, f->func_len);
		if (f->file)
			gs_jw_strn(&w, f->file, f->file_len);
		else
			gs_jw_null(&w);
		gs_jw_uint(&w, f->line);
	}
	gs_jw_arr_end(&w);
	gs_jw_key(&w, "count");
	gs_jw_uint(&w, rec->count);
	gs_jw_key(&w, "id");
	gs_jw_uint(&w, rec->id);
	gs_jw_key(&w, "state");
	if (rec->state)
		gs_jw_strn(&w, rec->state, rec->state_len);
	else
		gs_jw_null(&w);
	gs_jw_key(&w, "gflags");
	gs_jw_uint(&w, rec->gflags);
	gs_jw_key(&w, "wait");
	gs_jw_uint(&w, rec->wait);
	gs_jw_key(&w, "labels");
	if (rec->labels) {
		gs_jw_strn(&w, rec->labels, rec->labels_len);
		gs_jw_int(&w, gs_labels_canon(rec->labels, rec->labels_len, &canon));
		gs_jw_strn(&w, canon.data, canon.len);
	} else {
		gs_jw_null(&w);
	}
	gs_jw_obj_end(&w);
	gs_buf_addch(&o->json, '\n');
	gs_buf_release(&canon);
	return ++o->nrec == o->stop_at ? 5 : 0;
}

static void on_skip(void *ctx, uint64_t line, const char *why, const char *near, size_t nlen)
{
	struct out *o = ctx;
	struct gs_jsonw w;

	gs_jw_init(&w, &o->json, 0);
	gs_jw_obj_begin(&w);
	gs_jw_key(&w, "skipped");
	gs_jw_uint(&w, line);
	gs_jw_key(&w, "why");
	gs_jw_str(&w, why);
	gs_jw_key(&w, "near");
	gs_jw_strn(&w, near, nlen);
	gs_jw_obj_end(&w);
	gs_buf_addch(&o->json, '\n');
}

static int records_feed_fn(void *ctx, const char *data, size_t len)
{
	return gs_records_feed(ctx, data, len);
}

/* result: the records as JSON (bare: read without lines and frames, none); bare_result:
 * as struct out's bare */
static void read_records(const struct gs_buf *text, const struct fz_input *in, unsigned mode,
                         int bare, struct gs_buf *result, struct gs_buf *bare_result)
{
	struct out o;
	struct gs_records *r;
	int rc;
	char num[32];
	int n;

	memset(&o, 0, sizeof o);
	gs_buf_init(&o.json, 0);
	gs_buf_init(&o.bare, 0);
	o.stop_at = in->analyses == 7 ? 1 + in->seed % 8 : 0;
	r = gs_records_new(on_record, &o);
	if (r == NULL)
		return;
	gs_records_on_skip(r, on_skip, &o);
	if (bare) {
		gs_records_without_lines(r);
		gs_records_without_frames(r);
	}
	rc = fz_chunks(text->data, text->len, mode, in->seed, records_feed_fn, r);
	if (rc == 0)
		rc = gs_records_finish(r);
	gs_records_free(r);
	n = snprintf(num, sizeof num, "rc %d\n", rc);
	gs_buf_add(&o.json, num, (size_t)n);
	gs_buf_add(result, o.json.data, o.json.len);
	gs_buf_add(bare_result, o.bare.data, o.bare.len);
	gs_buf_release(&o.json);
	gs_buf_release(&o.bare);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const heads[4] = {
		"", "goroutine profile: total ", "heap profile: ", "--- mutex:\n",
	};
	struct fz_input in;
	struct gs_buf text = GS_BUF_INIT, a = GS_BUF_INIT, b = GS_BUF_INIT;
	struct gs_buf a_bare = GS_BUF_INIT, b_bare = GS_BUF_INIT, c = GS_BUF_INIT;
	struct gs_buf c_bare = GS_BUF_INIT;

	if (fz_input(data, size, &in) != 0)
		return 0;
	if (gs_buf_adds(&text, heads[in.variant]) == 0 && gs_buf_add(&text, in.text, in.len) == 0) {
		read_records(&text, &in, in.mode, 0, &a, &a_bare);
		if (in.mode != FZ_CHUNK_WHOLE) {
			read_records(&text, &in, FZ_CHUNK_WHOLE, 0, &b, &b_bare);
			fz_same("records: chunked vs whole", &a, &b);
		}
		read_records(&text, &in, FZ_CHUNK_WHOLE, 1, &c, &c_bare);
		fz_same("records: without lines and frames vs with", &a_bare, &c_bare);
	}
	gs_buf_release(&text);
	gs_buf_release(&a);
	gs_buf_release(&b);
	gs_buf_release(&c);
	gs_buf_release(&a_bare);
	gs_buf_release(&b_bare);
	gs_buf_release(&c_bare);
	return 0;
}
