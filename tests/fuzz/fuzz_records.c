/* fuzz_records.c - the streaming record splitter (parser/records.h) used by `grep`: every
 * record handed out is written as JSON (its lines, frames, header fields and canonical
 * labels), and every skipped header with its line; the chunked and the whole read must
 * agree. The variant picks a header fed
 * before the input: none (dump text), a count, heap or mutex profile. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "model.h"
#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct out {
	struct buf json;
	size_t nrec;
	size_t stop_at;  /* the callback stops the reader at this record (0: never) */
};

static int on_record(void *ctx, const struct gs_record *rec)
{
	struct out *o = ctx;
	struct jsonw w;
	struct buf canon = BUF_INIT;
	size_t i;

	jw_init(&w, &o->json, 0);
	jw_obj_begin(&w);
	jw_key(&w, "kind");
	jw_str(&w, gs_kind_name(rec->kind));
	jw_key(&w, "flags");
	jw_uint(&w, rec->flags);
	jw_key(&w, "lines");
	jw_arr_begin(&w);
	for (i = 0; i < rec->nlines; i++) {
		jw_uint(&w, rec->lines[i].no);
		jw_strn(&w, rec->lines[i].text, rec->lines[i].len);
	}
	jw_arr_end(&w);
	jw_key(&w, "frames");
	jw_arr_begin(&w);
	for (i = 0; i < rec->nframes; i++) {
		const struct gs_record_frame *f = &rec->frames[i];

		jw_strn(&w, f->func, f->func_len);
		if (f->file)
			jw_strn(&w, f->file, f->file_len);
		else
			jw_null(&w);
		jw_uint(&w, f->line);
	}
	jw_arr_end(&w);
	jw_key(&w, "count");
	jw_uint(&w, rec->count);
	jw_key(&w, "id");
	jw_uint(&w, rec->id);
	jw_key(&w, "state");
	if (rec->state)
		jw_strn(&w, rec->state, rec->state_len);
	else
		jw_null(&w);
	jw_key(&w, "gflags");
	jw_uint(&w, rec->gflags);
	jw_key(&w, "wait");
	jw_uint(&w, rec->wait);
	jw_key(&w, "labels");
	if (rec->labels) {
		jw_strn(&w, rec->labels, rec->labels_len);
		jw_int(&w, gs_labels_canon(rec->labels, rec->labels_len, &canon));
		jw_strn(&w, canon.data, canon.len);
	} else {
		jw_null(&w);
	}
	jw_obj_end(&w);
	buf_addch(&o->json, '\n');
	buf_release(&canon);
	return ++o->nrec == o->stop_at ? 5 : 0;
}

static void on_skip(void *ctx, uint64_t line, const char *why, const char *near, size_t nlen)
{
	struct out *o = ctx;
	struct jsonw w;

	jw_init(&w, &o->json, 0);
	jw_obj_begin(&w);
	jw_key(&w, "skipped");
	jw_uint(&w, line);
	jw_key(&w, "why");
	jw_str(&w, why);
	jw_key(&w, "near");
	jw_strn(&w, near, nlen);
	jw_obj_end(&w);
	buf_addch(&o->json, '\n');
}

static int records_feed_fn(void *ctx, const char *data, size_t len)
{
	return gs_records_feed(ctx, data, len);
}

static void read_records(const struct buf *text, const struct fz_input *in, unsigned mode,
                         struct buf *result)
{
	struct out o;
	struct gs_records *r;
	int rc;
	char num[32];
	int n;

	memset(&o, 0, sizeof o);
	buf_init(&o.json, 0);
	o.stop_at = in->analyses == 7 ? 1 + in->seed % 8 : 0;
	r = gs_records_new(on_record, &o);
	if (r == NULL)
		return;
	gs_records_on_skip(r, on_skip, &o);
	rc = fz_chunks(text->data, text->len, mode, in->seed, records_feed_fn, r);
	if (rc == 0)
		rc = gs_records_finish(r);
	gs_records_free(r);
	n = snprintf(num, sizeof num, "rc %d\n", rc);
	buf_add(&o.json, num, (size_t)n);
	buf_add(result, o.json.data, o.json.len);
	buf_release(&o.json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const heads[4] = {
		"", "goroutine profile: total ", "heap profile: ", "--- mutex:\n",
	};
	struct fz_input in;
	struct buf text = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

	if (fz_input(data, size, &in) != 0)
		return 0;
	if (buf_adds(&text, heads[in.variant]) == 0 && buf_add(&text, in.text, in.len) == 0) {
		read_records(&text, &in, in.mode, &a);
		if (in.mode != FZ_CHUNK_WHOLE) {
			read_records(&text, &in, FZ_CHUNK_WHOLE, &b);
			fz_same("records: chunked vs whole", &a, &b);
		}
	}
	buf_release(&text);
	buf_release(&a);
	buf_release(&b);
	return 0;
}
