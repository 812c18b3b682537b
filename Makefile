# gostacks - plain Makefile (GNU make). See README.md.
VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man
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
DEP_LIBS   = $(shell $(PKG_CONFIG) --libs $(DEP_PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CPPFLAGS = -D_GNU_SOURCE -DGS_VERSION=\"$(VERSION)\" -Iparser -Icli $(CPPFLAGS)
ALL_CFLAGS   = $(WARNINGS) $(OPT) -ffile-prefix-map=$(CURDIR)=. $(CFLAGS)

LIB_SRCS  = $(sort $(wildcard parser/*.c))
CLI_SRCS  = $(sort $(wildcard cli/*.c))
TEST_SRCS = $(sort $(wildcard tests/test_*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(B)/%.o)
CLI_OBJS  = $(CLI_SRCS:%.c=$(B)/%.o)
CLI_LIBOBJS = $(filter-out $(B)/cli/main.o,$(CLI_OBJS))
TESTS     = $(TEST_SRCS:tests/%.c=$(B)/tests/%)

.PHONY: all run test unit clean
all: $(B)/gostacks

$(B)/libgostacks.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(B)/gostacks: $(CLI_OBJS) $(B)/libgostacks.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libgostacks.a $(DEP_LIBS) -lm

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(DEP_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/%.c $(CLI_LIBOBJS) $(B)/libgostacks.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(DEP_CFLAGS) $(ALL_CFLAGS) -Itests -o $@ $< $(CLI_LIBOBJS) \
		$(B)/libgostacks.a $(DEP_LIBS) $(CMOCKA_LIBS) -lm

unit: $(TESTS)
	@pass=0; fail=0; for t in $(TESTS); do \
		if (cd tests && ../$$t); then pass=$$((pass+1)); else fail=$$((fail+1)); echo "FAILED: $$t"; fi; \
	done; echo "unit: $$pass passed, $$fail failed"; test $$fail -eq 0

test: all unit

clean:
	rm -rf $(B)

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d)
