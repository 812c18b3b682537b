# tests/hardening.mk - fuzzing, sanitizers, valgrind and the chunking differential.
# Included by the Makefile; see tests/fuzz/README.md.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_JOBS=1] [FUZZ_ONLY='heap lines']
#                        libFuzzer (clang-14, ASan+UBSan) on every harness for that long each
#   make fuzz-long [FUZZ_LONG_SECONDS=3600] [FUZZ_JOBS=2]
#                        every harness for that long each (an hour by default), then what
#                        they grew that adds coverage merged into tests/fuzz/corpus/H
#                        (minimise.sh) and the cumulative figures printed (stats.sh)
#   make fuzz-afl        the same harnesses built with AFL++ (afl-clang-fast), run as long
#   make fuzz-replay     the seed corpus and every regression through a plain gcc build
#   make fuzz-cov        llvm-cov of parser/ over the seed corpus (+ the fuzzers' own corpus)
#   make test-chunks     every sample and tests/*.txt parsed whole, line by line and byte by
#                        byte: same JSON; grep's records are the model's, skips alike
#   make test-san        unit tests, replays, test-chunks, test-paste and test-fold under ASan+UBSan
#                        in build/san/
#   make test-valgrind   golden cases under valgrind memcheck (VALGRIND_CASES: a subset)
#   make test-caps       the command's caps end to end (tests/caps.sh)
#   make test-hostile    write errors, output size, sums, escapes, endless inputs end to end
#                        (tests/hostile.sh)
#   make test-santool [CORPUS=DIR]
#                        the whole command built with ASan+UBSan (build/san/gostacks) over
#                        samples/, tests/*.txt and, when it exists, the corpus (tests/santool.sh)
#   make test-tsan       tests/big.sh with a ThreadSanitizer build in build/tsan/: a race
#                        report in a two-thread run breaks its comparison with one thread
#   make test-hardening  what `make test` runs of these: fuzz-replay, test-chunks, test-caps,
#                        test-san, test-tsan, test-valgrind

FUZZ_LIB_HARNESSES = goroutine count heap contention lines records
# The command's own: argv from a grammar over the fuzzer's bytes (cli), an HTTP reply through
# fetch's code on a socketpair (http). They link cli/ (less main.c), PCRE2, zlib, libdl.
FUZZ_CLI_HARNESSES = cli http
FUZZ_HARNESSES = $(FUZZ_LIB_HARNESSES) $(FUZZ_CLI_HARNESSES)
FUZZ_ONLY     ?= $(FUZZ_HARNESSES)
FUZZ_SECONDS  ?= 60
FUZZ_LONG_SECONDS ?= 3600
FUZZ_JOBS     ?= 1
FUZZ_CC       ?= clang-14
FUZZ_DIR       = tests/fuzz
FUZZ_SUPPORT   = $(FUZZ_DIR)/fuzz_common.c $(FUZZ_DIR)/model_json.c
FUZZ_HDRS      = $(FUZZ_DIR)/fuzz_common.h $(FUZZ_DIR)/model_json.h $(LIB_HDRS)
FUZZ_CPPFLAGS  = -D_GNU_SOURCE -Iparser -I$(FUZZ_DIR)
FUZZ_SAN       = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_LF        = $(B)/fuzz/libfuzzer
FUZZ_LF_BINS   = $(FUZZ_HARNESSES:%=$(FUZZ_LF)/fuzz_%)
FUZZ_REPLAY_BINS = $(FUZZ_HARNESSES:%=$(B)/fuzz/replay/fuzz_%)

SAN_OPT  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_ENV  = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Every command and every input format once, with the error paths (bad input, binary,
# truncated, hostile): golden under valgrind costs ~1 s a case, all of them ~4 min on 2 cores.
VALGRIND_CASES ?= $(shell sed -n 's/^\([A-Za-z0-9_]*\)$$/\1/p' tests/valgrind-cases.txt 2>/dev/null)

.PHONY: fuzz fuzz-long fuzz-deps fuzz-build fuzz-afl fuzz-replay fuzz-cov test-chunks test-san test-valgrind \
	test-caps test-hostile test-santool test-tsan test-hardening

test-hardening:
	@rc=0; \
	$(MAKE) --no-print-directory fuzz-replay || rc=1; \
	$(MAKE) --no-print-directory test-chunks || rc=1; \
	$(MAKE) --no-print-directory test-caps || rc=1; \
	$(MAKE) --no-print-directory test-hostile || rc=1; \
	$(MAKE) --no-print-directory test-san || rc=1; \
	$(MAKE) --no-print-directory test-santool || rc=1; \
	$(MAKE) --no-print-directory test-tsan || rc=1; \
	$(MAKE) --no-print-directory test-valgrind || rc=1; \
	exit $$rc

# Quiet when clang-14 and its runtime are there; otherwise apt-get (through sudo when not root).
fuzz-deps:
	@missing=""; \
	command -v $(FUZZ_CC) >/dev/null 2>&1 || missing="$$missing clang-14"; \
	dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || missing="$$missing libclang-rt-14-dev"; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	echo "fuzz-deps: installing$$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# libFuzzer builds: the library and the support code instrumented, the harness linked with
# libFuzzer's main. Objects of parser/ only: no CLI, no libcurl, no PCRE2.
$(FUZZ_LF)/obj/%.o: %.c $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(FUZZ_LF)/fuzz_%: $(FUZZ_LF)/obj/$(FUZZ_DIR)/fuzz_%.o $(FUZZ_SUPPORT:%.c=$(FUZZ_LF)/obj/%.o) \
		$(LIB_SRCS:%.c=$(FUZZ_LF)/obj/%.o)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined -o $@ $^ -lm

FUZZ_CLI_CPPFLAGS = $(FUZZ_CPPFLAGS) -Icli -I$(B) -DGS_VERSION=\"$(VERSION)\" $(DEP_CFLAGS)
FUZZ_CLI_SRCS = $(filter-out cli/main.c,$(CLI_SRCS))
FUZZ_CLI_HDRS = $(FUZZ_HDRS) $(wildcard cli/*/*.h)

$(FUZZ_LF)/cliobj/%.o: %.c $(FUZZ_CLI_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CLI_CPPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

# explicit, so the pattern rule of the parser harnesses does not take them
$(FUZZ_LF)/fuzz_cli $(FUZZ_LF)/fuzz_http: $(FUZZ_LF)/fuzz_%: $(FUZZ_LF)/cliobj/$(FUZZ_DIR)/fuzz_%.o \
		$(FUZZ_CLI_SRCS:%.c=$(FUZZ_LF)/cliobj/%.o) $(LIB_SRCS:%.c=$(FUZZ_LF)/obj/%.o)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined -o $@ $^ $(DEP_LIBS) -lm

# kept between runs (make would delete them as intermediates)
.SECONDARY: $(patsubst %.c,$(FUZZ_LF)/obj/%.o,$(FUZZ_SUPPORT) $(LIB_SRCS) \
	$(FUZZ_LIB_HARNESSES:%=$(FUZZ_DIR)/fuzz_%.c)) \
	$(patsubst %.c,$(FUZZ_LF)/cliobj/%.o,$(FUZZ_CLI_SRCS) $(FUZZ_CLI_HARNESSES:%=$(FUZZ_DIR)/fuzz_%.c))

fuzz-build: $(FUZZ_LF_BINS)

fuzz:
	@$(MAKE) --no-print-directory fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	$(FUZZ_DIR)/run.sh $(FUZZ_LF) "$(FUZZ_SECONDS)" "$(FUZZ_JOBS)" $(FUZZ_ONLY)

# The long run behind tests/fuzz/README.md's figures: no crash, then the grown inputs that
# add coverage go to the committed corpus (review and commit them), then the totals so far.
fuzz-long:
	@$(MAKE) --no-print-directory fuzz-deps
	@$(MAKE) --no-print-directory fuzz-build
	$(FUZZ_DIR)/run.sh $(FUZZ_LF) "$(FUZZ_LONG_SECONDS)" "$(FUZZ_JOBS)" $(FUZZ_ONLY)
	$(FUZZ_DIR)/minimise.sh $(FUZZ_LF) $(FUZZ_ONLY)
	$(FUZZ_DIR)/stats.sh $(FUZZ_DIR)/history.tsv $(B)/fuzz/stats.tsv

# AFL++ builds the same harnesses (its driver replaces libFuzzer's main). afl++ is installed
# here only, with apt-get, when afl-clang-fast is missing.
fuzz-afl:
	@if ! command -v afl-clang-fast >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		echo "fuzz-afl: installing afl++"; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++; \
	fi
	@mkdir -p $(B)/fuzz/afl
	@for h in $(filter $(FUZZ_LIB_HARNESSES),$(FUZZ_ONLY)); do \
		echo "afl-clang-fast -fsanitize=fuzzer -o $(B)/fuzz/afl/fuzz_$$h"; \
		AFL_QUIET=1 afl-clang-fast $(FUZZ_CPPFLAGS) -g -O1 -fsanitize=fuzzer -o $(B)/fuzz/afl/fuzz_$$h \
			$(FUZZ_DIR)/fuzz_$$h.c $(FUZZ_SUPPORT) $(LIB_SRCS) -lm || exit 1; \
	done
	$(FUZZ_DIR)/run-afl.sh $(B)/fuzz/afl "$(FUZZ_SECONDS)" $(filter $(FUZZ_LIB_HARNESSES),$(FUZZ_ONLY))

# Replays with a plain build of each harness and replay.c's main(): no libFuzzer needed.
$(B)/fuzz/replay/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_SUPPORT) $(FUZZ_DIR)/replay.c $(FUZZ_HDRS) \
		$(B)/libgostacks.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -I$(FUZZ_DIR) $(ALL_CFLAGS) -o $@ $< $(FUZZ_SUPPORT) \
		$(FUZZ_DIR)/replay.c $(B)/libgostacks.a -lm

# The command's harnesses: the command's objects and replay.c's main().
$(B)/fuzz/replay/fuzz_cli $(B)/fuzz/replay/fuzz_http: $(B)/fuzz/replay/fuzz_%: $(FUZZ_DIR)/fuzz_%.c \
		$(FUZZ_DIR)/replay.c $(CLI_LIBOBJS) $(B)/libgostacks.a $(FUZZ_CLI_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(DEP_CFLAGS) -I$(FUZZ_DIR) $(ALL_CFLAGS) -o $@ $< $(FUZZ_DIR)/replay.c \
		$(CLI_LIBOBJS) $(B)/libgostacks.a $(DEP_LIBS) -lm

fuzz-replay: $(FUZZ_REPLAY_BINS)
	@pass=0; fail=0; for h in $(FUZZ_HARNESSES); do \
		dirs="$(FUZZ_DIR)/corpus/$$h"; \
		[ -d $(FUZZ_DIR)/regressions/$$h ] && dirs="$$dirs $(FUZZ_DIR)/regressions/$$h"; \
		if $(B)/fuzz/replay/fuzz_$$h $$dirs; then pass=$$((pass+1)); \
		else fail=$$((fail+1)); echo "FAILED: fuzz_$$h"; fi; \
	done; echo "fuzz-replay: $$pass passed, $$fail failed"; test $$fail -eq 0

# Coverage of parser/ by the corpus: clang source-based coverage, one build per harness.
fuzz-cov:
	@$(MAKE) --no-print-directory fuzz-deps
	$(FUZZ_DIR)/coverage.sh $(B)/fuzz/cov "$(FUZZ_CC)" $(FUZZ_HARNESSES)

$(B)/tests/chunkdiff: $(FUZZ_DIR)/chunkdiff.c $(FUZZ_DIR)/model_json.c $(FUZZ_HDRS) $(B)/libgostacks.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -I$(FUZZ_DIR) $(ALL_CFLAGS) -o $@ $< $(FUZZ_DIR)/model_json.c \
		$(B)/libgostacks.a -lm

test-chunks: $(B)/tests/chunkdiff
	$(B)/tests/chunkdiff $$(find samples -path samples/gen -prune -o -type f -print | LC_ALL=C sort) \
		$$(ls tests/*.txt | LC_ALL=C sort)

test-caps: $(B)/gostacks $(B)/bench/rss
	tests/caps.sh $(B)/gostacks

test-hostile: $(B)/gostacks
	tests/hostile.sh $(B)/gostacks

# A second build with ASan+UBSan; leaks count as errors. test-paste: the command over every
# pasted form of the samples, and chunkdiff over them, under the sanitizers too.
test-san:
	@$(SAN_ENV) $(MAKE) --no-print-directory B=$(B)/san OPT='$(SAN_OPT)' unit fuzz-replay test-chunks \
		test-paste test-fold

# The command itself under ASan+UBSan (signed overflow included) over every input we have:
# the samples, the hostile files of tests/ and the shared corpus, read where it lies.
test-santool:
	@$(MAKE) --no-print-directory B=$(B)/san OPT='$(SAN_OPT)' all
	tests/santool.sh $(B)/san/gostacks samples $$(ls tests/*.txt) \
		$$(if [ -d "$(CORPUS)" ]; then echo "$(CORPUS)"; else echo "test-santool: no corpus at $(CORPUS)" >&2; fi)

test-tsan:
	@$(MAKE) --no-print-directory B=$(B)/tsan OPT='-O1 -g -fsanitize=thread' all
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 tests/big.sh $(B)/tsan/gostacks

$(B)/valgrind/gostacks: $(B)/gostacks tests/valgrind.supp
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions="%s" "%s" "$$@"\n' \
		"$(CURDIR)/tests/valgrind.supp" "$(CURDIR)/$(B)/gostacks" >$@ && chmod +x $@

# Under valgrind an error is exit status 97 (a case expecting 1 cannot hide it), and the
# report goes to stderr: the case fails on both.
test-valgrind: $(B)/valgrind/gostacks
	@command -v valgrind >/dev/null 2>&1 || { echo "test-valgrind: valgrind missing (make deps)"; exit 1; }
	GOLDEN_TIMEOUT=120 tests/golden.sh $(B)/valgrind/gostacks $(VALGRIND_CASES)
