# gostacks - plain Makefile (GNU make). See README.md.
VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man
INCLUDEDIR = $(PREFIX)/include
LIBDIR     = $(PREFIX)/lib
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
COMPDIR    = $(PREFIX)/share/bash-completion/completions
PKG_CONFIG ?= pkg-config
CC        ?= cc

WARNINGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wformat=2 -Wvla \
           -Wundef -Wcast-qual -Wimplicit-fallthrough -Wno-unused-parameter -fno-common
ifeq ($(CI),true)
WARNINGS += -Werror
endif
OPT ?= -O2 -g

B = build
DEP_PKGS  = libpcre2-8 libcurl zlib
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(DEP_PKGS) 2>/dev/null)
# libcurl is not linked: cli/net/curl_dl.c loads it with dlopen when a URL is first used,
# which saves the ~20 ms its thirty dependent libraries cost on every start.
DEP_LIBS   = $(shell $(PKG_CONFIG) --libs libpcre2-8 zlib 2>/dev/null) -ldl -pthread
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CPPFLAGS = -D_GNU_SOURCE -DGS_VERSION=\"$(VERSION)\" -Iparser -Icli -I$(B) $(CPPFLAGS)
ALL_CFLAGS   = $(WARNINGS) $(OPT) -ffile-prefix-map=$(CURDIR)=. $(CFLAGS)

LIB_SRCS  = $(sort $(wildcard parser/*.c parser/*/*.c))
LIB_HDRS  = $(sort $(wildcard parser/*.h parser/*/*.h))
# The headers `make install` puts in $(INCLUDEDIR)/gostacks: the entry points a program that
# links libgostacks.a calls, and every header they include, so that each compiles alone.
PUBLIC_HDRS = parser/parser.h parser/model.h parser/kind.h parser/key.h parser/vm.h \
              parser/intern.h parser/records.h parser/group.h parser/sites.h parser/match.h \
              parser/trend.h parser/scale.h parser/jsonw.h parser/buf.h parser/sat.h
CLI_SRCS  = $(sort $(wildcard cli/*.c cli/*/*.c))
LIB_TEST_SRCS = $(sort $(wildcard tests/lib/test_*.c))
CLI_TEST_SRCS = $(sort $(wildcard tests/cli/test_*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(B)/%.o)
CLI_OBJS  = $(CLI_SRCS:%.c=$(B)/%.o)
CLI_LIBOBJS = $(filter-out $(B)/cli/main.o,$(CLI_OBJS))
LIB_TESTS = $(LIB_TEST_SRCS:tests/%.c=$(B)/tests/%)
CLI_TESTS = $(CLI_TEST_SRCS:tests/%.c=$(B)/tests/%)
TESTS     = $(LIB_TESTS) $(CLI_TESTS)

# `make test-corpus CORPUS=...`: a checkout of the shared conformance corpus (MANIFEST.tsv inside).
CORPUS ?= ../shared/corpus

# Debian packages behind each thing `deps` checks: pkg-config module or command -> package.
DEPS_PC  = libpcre2-8:libpcre2-dev libcurl:libcurl4-openssl-dev cmocka:libcmocka-dev zlib:zlib1g-dev
DEPS_CMD = cc:build-essential make:build-essential pkg-config:pkg-config go:golang-go \
           valgrind:valgrind tmux:tmux

.PHONY: all deps deps-go127 run test unit golden test-net test-watch test-big test-completion test-docs test-browser test-corpus test-paste test-fold bench lint install uninstall clean deb test-deb
all: $(B)/gostacks

# Quiet when everything is there; otherwise apt-get update + install what is missing
# (through sudo when not root). A sub-make runs after it, so pkg-config is asked afresh.
deps:
	@missing=""; \
	for pair in $(DEPS_CMD); do \
		command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	for pair in $(DEPS_PC); do \
		$(PKG_CONFIG) --exists "$${pair%%:*}" 2>/dev/null || missing="$$missing $${pair#*:}"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	missing=$$(printf '%s\n' $$missing | sort -u | tr '\n' ' '); \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "deps: missing: $$missing; run as root: apt-get install $$missing" >&2; exit 1; fi; \
	echo "deps: installing $$missing"; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# Optional: Go 1.27 beside the system's Go, for tests/leaks.sh's real leaking program (the
# goroutineleak profile needs Go 1.26+; bookworm has 1.19). Debian unstable's packages are
# downloaded with a sources list of their own under /tmp and unpacked with dpkg -x into
# GO127_DIR: nothing is installed, the system's apt state is not touched. make test passes
# without it (that part is skipped).
GO127_DIR ?= /tmp/gostacks-go127
GO127_PKGS = golang-1.27-go golang-1.27-src
deps-go127:
	@if [ -x "$(GO127_DIR)/usr/lib/go-1.27/bin/go" ]; then \
		echo "deps-go127: $$($(GO127_DIR)/usr/lib/go-1.27/bin/go version) in $(GO127_DIR)"; exit 0; fi; \
	apt=$$(mktemp -d /tmp/gostacks-apt.XXXXXX) || exit 1; \
	trap 'rm -rf "$$apt"' EXIT; \
	mkdir -p "$$apt/lists/partial" "$$apt/cache/archives/partial" "$$apt/debs" && \
	echo 'deb http://deb.debian.org/debian unstable main' >"$$apt/sources.list" && \
	opts="-o Dir::Etc::SourceList=$$apt/sources.list -o Dir::Etc::SourceParts=/dev/null \
	      -o Dir::State::Lists=$$apt/lists -o Dir::Cache=$$apt/cache -o Debug::NoLocking=1 \
	      -o APT::Sandbox::User=$$(id -un)" && \
	apt-get $$opts -qq update && \
	(cd "$$apt/debs" && apt-get $$opts -qq download $(GO127_PKGS)) && \
	mkdir -p "$(GO127_DIR)" && \
	for d in "$$apt"/debs/*.deb; do dpkg -x "$$d" "$(GO127_DIR)" || exit 1; done && \
	echo "deps-go127: $$($(GO127_DIR)/usr/lib/go-1.27/bin/go version) in $(GO127_DIR)"

$(B)/libgostacks.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(B)/gostacks: $(CLI_OBJS) $(B)/libgostacks.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libgostacks.a $(DEP_LIBS) -lm

# The git revision for --version: rewritten only when it changes, so main.o is rebuilt
# exactly then. Outside a git checkout it is "unknown".
REVISION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
$(B)/revision.h: FORCE
	@mkdir -p $(@D)
	@printf '#define GS_REVISION "%s"\n' '$(REVISION)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(B)/cli/main.o: $(B)/revision.h
.PHONY: FORCE
FORCE:

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(DEP_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# A library module's test links the library alone (and cmocka): what an embedder links.
$(B)/tests/lib/%: tests/lib/%.c tests/testutil.c tests/testutil.h $(B)/libgostacks.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -Itests -o $@ $< tests/testutil.c \
		$(B)/libgostacks.a $(CMOCKA_LIBS) -lm

$(B)/tests/cli/%: tests/cli/%.c tests/testutil.c tests/testutil.h $(CLI_LIBOBJS) $(B)/libgostacks.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(DEP_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) -Itests -o $@ $< tests/testutil.c \
		$(CLI_LIBOBJS) $(B)/libgostacks.a $(DEP_LIBS) $(CMOCKA_LIBS) -lm

# Bench helper: runs a command, reports wall time and peak RSS (wait4). No dependencies.
$(B)/bench/rss: bench/rss.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# Bench helper: read() into 64 KiB and count newlines, or only read (-r): the machine's floor.
$(B)/bench/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

run:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	$(B)/gostacks summary samples/goroutine.debug2.txt

# Unit tests run from tests/ (they open ../samples/...). cmocka's summary is on stderr: kept.
# One binary, or one case of it: make unit T=lib/test_kind CASE='test_fetch*' (CASE is
# cmocka's test filter, a glob; testutil.c reads it from GS_TEST_CASE).
T ?=
CASE ?=
unit: $(if $(T),$(B)/tests/$(T),$(TESTS))
	@pass=0; fail=0; for t in $(if $(T),$(B)/tests/$(T),$(TESTS)); do \
		if (cd tests && GS_TEST_CASE='$(CASE)' ../$$t); then pass=$$((pass+1)); else fail=$$((fail+1)); echo "FAILED: $$t"; fi; \
	done; echo "unit: $$pass passed, $$fail failed"; test $$fail -eq 0

golden: $(B)/gostacks
	tests/golden.sh $(B)/gostacks

test:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@rc=0; \
	$(MAKE) --no-print-directory unit || rc=1; \
	$(MAKE) --no-print-directory golden || rc=1; \
	$(MAKE) --no-print-directory test-fold || rc=1; \
	$(MAKE) --no-print-directory test-paste || rc=1; \
	$(MAKE) --no-print-directory test-net || rc=1; \
	$(MAKE) --no-print-directory test-watch || rc=1; \
	$(MAKE) --no-print-directory test-big || rc=1; \
	$(MAKE) --no-print-directory test-completion || rc=1; \
	$(MAKE) --no-print-directory test-docs || rc=1; \
	$(MAKE) --no-print-directory test-hardening || rc=1; \
	exit $$rc

# URL sources and fetch against servers the script starts and stops on 127.0.0.1
# (samples/gen -serve, tests/faultserver, tests/leakserver, and with Go 1.26+ a leaking
# program: make deps-go127); skipped only when go is missing.
test-net: $(B)/gostacks
	@rc=0; tests/net.sh $(B)/gostacks || rc=1; \
	GO127_DIR=$(GO127_DIR) tests/leaks.sh $(B)/gostacks || rc=1; exit $$rc

# watch on a terminal: in a tmux of its own against a leaking pprof server on 127.0.0.1;
# skipped when tmux or go is missing
test-watch: $(B)/gostacks
	tests/watch.sh $(B)/gostacks

# large dumps: two threads give what one gives; plain, gzip and stdin readers agree
test-big: $(B)/gostacks
	tests/big.sh $(B)/gostacks

test-completion: $(B)/gostacks
	tests/completion.sh $(B)/gostacks

# every command and option of --help is in the man page and README.md
test-docs: $(B)/gostacks
	tests/docs.sh $(B)/gostacks

# summary's text and CSV, fold, diff and trend count a dump's equal goroutines on one entry: the
# same answers as an entry a goroutine (GOSTACKS_FOLD=0), over the samples (the corpus in
# test-corpus; big dumps, on one thread and two, in test-big)
test-fold: $(B)/gostacks
	tests/folded.sh $(B)/gostacks samples tests/modern

# the samples' dumps wrapped, flattened, re-typed, in JSON logs, reversed: read as the clean ones
test-paste: $(B)/gostacks $(B)/tests/chunkdiff
	CHUNKDIFF=$(abspath $(B)/tests/chunkdiff) tests/paste.sh $(B)/gostacks

# ... and every corpus file parsed whole, line by line and byte by byte: the same model;
# its dumps pasted as test-paste pastes the samples'.
test-corpus: $(B)/gostacks $(B)/tests/chunkdiff
	@rc=0; tests/corpus.sh $(B)/gostacks $(CORPUS) || rc=1; \
	GO127_DIR=$(GO127_DIR) tests/leaks.sh $(B)/gostacks $(CORPUS) || rc=1; \
	CHUNKDIFF=$(abspath $(B)/tests/chunkdiff) tests/paste.sh $(B)/gostacks $(CORPUS) || rc=1; \
	tests/folded.sh $(B)/gostacks $(CORPUS) || rc=1; \
	$(B)/tests/chunkdiff $$(find $(CORPUS) -type f ! -name MANIFEST.tsv ! -name README.md | LC_ALL=C sort) \
		|| rc=1; exit $$rc

# The HTML report in headless Chromium (installed with apt-get when missing, else skipped):
# groups in the DOM, no <script>, no request. Screenshots in $(B)/browser/*.png.
test-browser: $(B)/gostacks
	tests/browser.sh $(B)/gostacks $(B)/browser

bench: $(B)/gostacks $(B)/bench/rss $(B)/bench/floor
	bench/run.sh

BANNED = atoi|sprintf|strcpy|strcat|strtok|gets
lint:
	@echo "lint: banned functions ($(BANNED))"; \
	hits=$$(grep -nHE '\b($(BANNED))[[:space:]]*\(' $(wildcard parser/*.[ch] parser/*/*.[ch] cli/*.[ch] cli/*/*.[ch] tests/*.c tests/*.h tests/*/*.c tests/fuzz/*.[ch]) /dev/null \
		| grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)'); \
	if [ -n "$$hits" ]; then printf '%s\n' "$$hits"; echo "lint: banned function used" >&2; exit 1; fi
	@echo "lint: the command's buffers die when memory runs out (XBUF_INIT, xbuf_init)"; \
	hits=$$(grep -nHE '\b(GS_BUF_INIT|gs_buf_init)\b' $(filter-out cli/outputs/msg.c cli/outputs/msg.h,$(wildcard cli/*.[ch] cli/*/*.[ch])) /dev/null); \
	if [ -n "$$hits" ]; then printf '%s\n' "$$hits"; echo "lint: a buffer of cli/ that returns -1 no one checks" >&2; exit 1; fi
	@if command -v cppcheck >/dev/null 2>&1; then \
		echo "lint: cppcheck"; \
		cppcheck --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -q \
			-D_GNU_SOURCE -Iparser -Icli parser cli; \
	else echo "lint: cppcheck not installed, skipped"; fi
	@if [ -f gostacks.1 ]; then \
		if command -v mandoc >/dev/null 2>&1; then echo "lint: mandoc -Tlint gostacks.1"; mandoc -Tlint gostacks.1; \
		else echo "lint: mandoc not installed, skipped"; fi; \
	fi

# gostacks.pc is written here, not at build time, so that it names the PREFIX, LIBDIR and
# INCLUDEDIR of this install even when `make` ran with others.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/gostacks \
		$(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 $(B)/gostacks $(DESTDIR)$(BINDIR)/gostacks
	install -m 644 $(B)/libgostacks.a $(DESTDIR)$(LIBDIR)/libgostacks.a
	install -m 644 $(PUBLIC_HDRS) $(DESTDIR)$(INCLUDEDIR)/gostacks/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' gostacks.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/gostacks.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/gostacks.pc
	@if [ -f gostacks.1 ]; then \
		echo "install -m 644 gostacks.1 $(DESTDIR)$(MANDIR)/man1/gostacks.1"; \
		install -d $(DESTDIR)$(MANDIR)/man1 && install -m 644 gostacks.1 $(DESTDIR)$(MANDIR)/man1/gostacks.1; \
	fi
	@if [ -f completions/gostacks.bash ]; then \
		echo "install -m 644 completions/gostacks.bash $(DESTDIR)$(COMPDIR)/gostacks"; \
		install -d $(DESTDIR)$(COMPDIR) && install -m 644 completions/gostacks.bash $(DESTDIR)$(COMPDIR)/gostacks; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gostacks $(DESTDIR)$(LIBDIR)/libgostacks.a \
		$(DESTDIR)$(MANDIR)/man1/gostacks.1 $(DESTDIR)$(COMPDIR)/gostacks \
		$(DESTDIR)$(PKGCONFIGDIR)/gostacks.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/gostacks

# The Debian packages, built from a copy of the tree in $(B)/deb: dpkg-buildpackage writes
# them beside the tree it builds, so they land in $(B)/deb/ and nothing outside the checkout
# is written. The changelog's upstream version must be VERSION.
DEB_DEPS_CMD = dpkg-buildpackage:dpkg-dev dh:debhelper
deb:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory deps DEPS_CMD='$(DEB_DEPS_CMD)' DEPS_PC=
	@v=$$(dpkg-parsechangelog -S Version) && [ "$${v%-*}" = "$(VERSION)" ] || \
		{ echo "deb: debian/changelog is at $$v, VERSION is $(VERSION)" >&2; exit 1; }
	rm -rf $(B)/deb && mkdir -p $(B)/deb/gostacks-$(VERSION)
	tar -cf - --exclude=./$(B) --exclude=./.git --exclude=./debian/build . \
		| tar -xf - -C $(B)/deb/gostacks-$(VERSION)
	cd $(B)/deb/gostacks-$(VERSION) && dpkg-buildpackage -b -us -uc
	rm -rf $(B)/deb/gostacks-$(VERSION)
	@ls $(B)/deb/*.deb

# make deb, lintian, then both packages installed in a fresh bookworm root (debootstrap,
# chroot): the CLI, the man page and a program built with pkg-config. Needs root or sudo;
# skipped when the Debian mirror cannot be reached. Not part of `make test`: minutes.
test-deb: $(B)/gostacks
	B=$(B) tests/deb.sh $(B)/gostacks

# What dpkg-buildpackage leaves when it runs in the checkout itself.
DEB_LEFTOVERS = debian/build debian/.debhelper debian/tmp debian/gostacks debian/libgostacks-dev \
                debian/files debian/*.substvars debian/*.debhelper.log debian/debhelper-build-stamp

clean:
	rm -rf $(B) $(DEB_LEFTOVERS)

# fuzz, fuzz-afl, fuzz-replay, fuzz-cov, test-chunks, test-san, test-valgrind
include tests/hardening.mk

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)
