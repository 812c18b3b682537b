/* grammar.h - the grammar of every input format, once. Internal to libgostacks.
 *
 * The state machines of the formats (goroutine dumps, the debug=1 profiles) and the switch
 * between them (grammar_machines.h; their helpers in goroutine.c, profile.c and grammar.c)
 * turn each normalised line into events:
 * a dump begins, a goroutine or record header, a frame, a creator, a record ends, a line
 * belongs to nothing, each with its diagnostic if any. They build nothing. A sink takes the
 * events in order and makes something of them: the model builder (build.h, for parser.c)
 * and grep's record splitter (records.c). The machines are compiled into each sink, so an
 * event is a direct call the compiler inlines, not a pointer per line.
 *
 *   struct gs_grammar g;      gs_grammar_init(&g);
 *   grammar_line(&g, sink, s, n, no);    each line: its events go to sink_event(sink, ...)
 *   grammar_finish(&g, sink, last_no);   the input ended: what closes the open record
 *   gs_grammar_release(&g);
 * grammar_line and grammar_finish are compiled into each sink's file (grammar_machines.h
 * says how).
 *
 * Which lines a goroutine or a record is made of, which header is one, when a dump begins
 * and ends, and what is skipped and why are decided here and only here; what the events'
 * text means beyond that (numbers in a frame line, labels, MemStats values) is the sink's.
 *
 * A reader (struct gs_reader) is a line reader (lines.h) and a grammar: what a parser and
 * a record splitter have in common, and what two threads reading one input hand over.
 */
#ifndef GS_GRAMMAR_H
#define GS_GRAMMAR_H

#include <stddef.h>
#include <stdint.h>

#include "goroutine.h"
#include "header.h"
#include "lines.h"
#include "model.h"
#include "profile.h"

enum gs_ev {
	/* ---- dumps ---- */
	GS_EV_DUMP = 1,   /* a dump of `kind` begins at this line: a profile's header, a panic or
	                     signal line, a goroutine header after text or repeating an id
	                     (GS_EVF_MOVE), any header with no dump open */
	GS_EV_DUMP_END,   /* the open profile ends, its open record with it (GS_EVF_EOF: the
	                     input ended; else a line that is no part of it came) */
	GS_EV_PANIC,      /* "panic: ..." / "fatal error: ..." of the dump */
	GS_EV_SIGNAL,     /* "SIGQUIT: quit", "Signal 12", "[signal ...]" of the dump */
	GS_EV_RACE,       /* "WARNING: DATA RACE": a race report, skipped */
	GS_EV_THREAD,     /* "goroutine 0 [idle]:": a thread's g0 stack, skipped; no goroutine */
	GS_EV_META,       /* another line of the dump that is no record (PC=, registers, "-----",
	                     "runtime stack:", "exit status", a '#' line of a skipped record) */
	GS_EV_ATTR,       /* "key=value" of a contention profile */
	GS_EV_STAT,       /* "# Key = Value" of a heap profile's MemStats trailer */
	GS_EV_SKIP,       /* a goroutine or record header that could not be read: no record;
	                     why says why, at where in the line */
	GS_EV_JUNK,       /* a line that belongs to nothing the grammar knows (why: a warning,
	                     or NULL) */
	/* ---- records: a dump's goroutine, a profile's record ---- */
	GS_EV_HEADER,     /* a goroutine header, read (gs_grammar_header): a record opens */
	GS_EV_RECORD,     /* a profile record's "N @ 0x..." line, read (gs_grammar_values) */
	GS_EV_FUNC,       /* a function line; its arguments start at the "(" at `at` */
	GS_EV_FILE,       /* the file line of the last function line */
	GS_EV_NOFILE,     /* the last function line has no file line (no line of its own; why:
	                     a warning, or NULL when the record's end says it) */
	GS_EV_CREATED,    /* "created by FUNC [in goroutine N]" */
	GS_EV_CFILE,      /* its file line */
	GS_EV_NOCFILE,    /* "created by" has no file line (no line of its own; why as NOFILE) */
	GS_EV_ELIDED,     /* "...additional frames elided...", "...N frames elided..." */
	GS_EV_UNAVAILABLE, /* "goroutine running on other thread; stack unavailable" */
	GS_EV_FRAME,      /* a profile record's "#\t0x..." frame line */
	GS_EV_LABELS,     /* a profile record's "# labels: {...}" */
	GS_EV_LINE,       /* another line of the open record: ancestors, "non-Go function",
	                     or (why set) a line not understood inside it */
	GS_EV_END,        /* the open record ends (no line of its own) */
	GS_EV_CUT         /* the input ended: the last line, not understood, stood where a frame
	                     belonged; the record it cut is the open one (GS_EVF_OPEN) or the
	                     one before it */
};

/* event flags */
#define GS_EVF_SPAN      0x01u /* the line is part of its dump's text (the dump reaches it) */
#define GS_EVF_TRUNCATED 0x02u /* END: the record stopped inside a frame */
#define GS_EVF_EOF       0x04u /* END, DUMP_END: the input ended (or, for a goroutine, a
                                  profile began) with the record open */
#define GS_EVF_MOVE      0x08u /* DUMP: the last goroutine read moves into the new dump (it
                                  was the [running] writer of the next debug=2 dump) */
#define GS_EVF_OPEN      0x10u /* CUT: the open record, not the one ended before */

struct gs_event {
	unsigned char type;       /* enum gs_ev */
	unsigned char flags;      /* GS_EVF_* */
	enum gs_kind kind;        /* GS_KIND_GOROUTINE for a dump's events, else the profile's
	                             (a heap profile's is GS_KIND_HEAP) */
	size_t at;                /* FUNC: offset of the "(" of the arguments; SKIP: of the text
	                             the warning is about */
	const char *why;          /* a warning about the line (static text), NULL when none */
};

/* The machines hand each event to the sink's handler, always inlined where they emit it:
 * the handler's switch folds to the one case, a direct call (grammar_machines.h). */
#define GS_ALWAYS_INLINE inline __attribute__((always_inline))
/* ... and the rare lines' way kept out of the common one's (no registers saved for it) */
#define GS_NOINLINE __attribute__((noinline))

struct gs_grammar {
	enum gs_kind mode;        /* GS_KIND_GOROUTINE, or the kind of the open profile */
	struct gor gor;
	struct prof prof;
};

void gs_grammar_init(struct gs_grammar *g);
void gs_grammar_release(struct gs_grammar *g);
/* A line of a log entry comes (GS_LINE_ENTRY: it shares its number with the entry's other
 * lines): the last line not understood, if any, was not the input's last, which the numbers
 * alone cannot say. */
static inline void gs_grammar_entry_line(struct gs_grammar *g)
{
	g->gor.odd_no = 0;
}
/* The goroutine header of the last HEADER event (offsets into its line). */
static inline const struct gor_header *gs_grammar_header(const struct gs_grammar *g)
{
	return &g->gor.h;
}
/* The numbers of the last RECORD event (profile.h: by the profile's kind). */
static inline const int64_t *gs_grammar_values(const struct gs_grammar *g)
{
	return g->prof.v;
}

/* ---- readers: a line reader and a grammar, and the hand-over between two of them ---- */

struct gs_reader {
	struct gs_lines *lr;
	struct gs_grammar g;
};

/* 0, or -1 when memory ran out. The lines go to fn(ctx) (lines.h), which runs the grammar. */
int gs_reader_init(struct gs_reader *rd, gs_lines_fn fn, void *ctx);
void gs_reader_release(struct gs_reader *rd);

/* Where rd stands, for a second reader of the same input started fresh at the next line
 * (a line that begins with "goroutine "; rest, when not NULL, is that reader):
 *   0  inside something (a partial line, a line prefix in force, a record, a profile ...);
 *   1  between records: a fresh reader hands out the records rd would have;
 *   2  between two goroutines of a dump and in nothing else (no text since the last one,
 *      no "-----"), and no goroutine of rest's first dump has an id read in rd's dump:
 *      rest's goroutines are the ones rd would have read, into the same dump. */
int gs_reader_between(const struct gs_reader *rd, const struct gs_reader *rest);
/* rd goes on where rest stopped: rest read the input after rd's `off` lines, from a fresh
 * start. rd takes rest's state (its line reader's too: a prefix, a partial line; line
 * numbers go on from off; the normalisations either saw are kept). joined: rd stood at 2
 * and rest read one dump, which continued rd's (its ids and goroutines add to the dump's);
 * else the dump is rest's last. rest is left holding rd's old state, to be released. 0, or -1 when memory
 * ran out (rd is then unusable). */
int gs_reader_take(struct gs_reader *rd, struct gs_reader *rest, uint64_t off, int joined);

#endif
