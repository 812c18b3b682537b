#!/bin/bash
# The Debian packages as an operator gets them: `make deb`, lintian with no error or warning,
# then both packages installed with apt-get in a fresh bookworm root (debootstrap minbase,
# chroot), where the installed gostacks, man page, completion and library are tried.
#
#   tests/deb.sh BIN    BIN: the host's gostacks, whose goroutine count the packages must match
#
# B (default build) is the Makefile's build directory: the packages are read from $B/deb.
# Installs debootstrap and lintian when missing (through sudo when not root). Skipped, exit
# 0, only when the Debian mirror DEB_MIRROR cannot be reached. The root is cached as a
# tarball in DEB_CACHE (default /tmp/gostacks-deb-cache): a first run takes minutes more.
set -euo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
B=${B:-build}
MIRROR=${DEB_MIRROR:-http://deb.debian.org/debian}
CACHE=${DEB_CACHE:-/tmp/gostacks-deb-cache}
# In the cached root already: what the checks inside use besides the packages under test.
INCLUDE=man-db,gcc,libc6-dev,pkg-config
export DEBIAN_FRONTEND=noninteractive
start=$SECONDS
say() { printf 'deb: %s (%d s)\n' "$*" $((SECONDS - start)); }

host=${MIRROR#*://}
host=${host%%/*}
port=80
[[ $MIRROR == https://* ]] && port=443
if ! timeout 15 bash -c "exec 3<>/dev/tcp/${host%:*}/$port" 2>/dev/null; then
	echo "deb: SKIPPED: no network to the Debian mirror $MIRROR (set DEB_MIRROR for another)"
	exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { echo "deb: needs root or sudo (debootstrap, chroot)" >&2; exit 1; }
	sudo="sudo"
fi
need=""
command -v debootstrap >/dev/null || need="$need debootstrap"
command -v lintian >/dev/null || need="$need lintian"
if [ -n "$need" ]; then
	say "installing$need"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

say "make deb"
make --no-print-directory deb B="$B" >"$B/deb.log" 2>&1 || { tail -20 "$B/deb.log"; exit 1; }
debs=("$B"/deb/gostacks_*_amd64.deb "$B"/deb/libgostacks-dev_*_amd64.deb)

say "lintian"
lintian --fail-on error,warning "$B"/deb/gostacks_*.changes

want=$("$BIN" summary samples/goroutine.debug2.txt | awk '/ goroutines in /{n = $1} END{print n}')
if [ -z "$want" ] || [ "$want" -eq 0 ]; then
	echo "deb: the host's $BIN counted no goroutine" >&2
	exit 1
fi

# The tarball's name follows what it holds, so a changed INCLUDE or mirror makes a new one.
tarball=$CACHE/bookworm-minbase-$(printf '%s %s' "$MIRROR" "$INCLUDE" | md5sum | cut -c1-8).tgz
if [ ! -s "$tarball" ]; then
	say "debootstrap bookworm (cached afterwards in $CACHE)"
	$sudo mkdir -p "$CACHE"
	$sudo rm -rf "$CACHE/root"
	$sudo debootstrap --variant=minbase --include="$INCLUDE" bookworm "$CACHE/root" "$MIRROR" \
		>"$B/debootstrap.log" 2>&1 || { tail -20 "$B/debootstrap.log"; exit 1; }
	# the downloaded .debs and package lists would double the tarball; apt-get update inside
	# fetches fresh lists anyway
	$sudo rm -rf "$CACHE"/root/var/cache/apt/archives/*.deb "$CACHE"/root/var/lib/apt/lists/*_*
	$sudo tar -C "$CACHE/root" -czf "$tarball.tmp" .
	$sudo mv "$tarball.tmp" "$tarball"
	$sudo rm -rf --one-file-system "$CACHE/root"
fi
root=$(mktemp -d /tmp/gostacks-deb-root.XXXXXX)
# /proc is mounted, not bound, and rm stays on the root's file system: nothing of the host's
# can be removed with the root, whatever state a failed run leaves it in.
cleanup() {
	$sudo umount "$root/proc" 2>/dev/null || true
	$sudo rm -rf --one-file-system "$root"
}
trap cleanup EXIT
$sudo tar -C "$root" -xzf "$tarball"
$sudo cp /etc/resolv.conf "$root/etc/resolv.conf"
$sudo mount -t proc proc "$root/proc"
$sudo mkdir "$root/t"
$sudo cp "${debs[@]}" samples/goroutine.debug2.txt tests/pkgconfig_count.c "$root/t/"

# Run from a file, not fed on stdin, so that no command inside can read the rest of it.
$sudo tee "$root/t/inside.sh" >/dev/null <<'INSIDE'
set -uo pipefail
cd /t
want=$1
pass=0 fail=0
check() { # check NAME COMMAND...: one line per check, the command's output only on failure
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass=$((pass + 1)); echo "ok   $name"
	else
		fail=$((fail + 1)); echo "FAIL $name"; printf '%s\n' "$out" | tail -15 | sed 's/^/     /'
	fi
}
summary_count() {
	gostacks summary goroutine.debug2.txt | awk '/ goroutines in /{n = $1} END{print n}'
}
url_needs_libcurl() { # the URL fails, and says how to get libcurl exactly when it is absent
	local err
	if err=$(gostacks summary http://127.0.0.1:9/ 2>&1 >/dev/null); then return 1; fi
	echo "$err"
	case $err in *"apt-get install libcurl4"*) return "$1" ;; *) return $((1 - $1)) ;; esac
}
man_renders() {
	local page
	page=$(man -P cat gostacks 2>&1) || return 1
	echo "$page" | head -5
	echo "$page" | grep -q 'read Go goroutine dumps and pprof text profiles'
}
completes() {
	# shellcheck source=/dev/null
	source /usr/share/bash-completion/completions/gostacks
	COMP_WORDS=(gostacks su); COMP_CWORD=1; COMPREPLY=()
	_gostacks
	printf '%s\n' "${COMPREPLY[@]}" | grep -qx summary
}
library_counts() {
	cc -Wall -Werror $(pkg-config --cflags gostacks) -o count pkgconfig_count.c \
		$(pkg-config --libs gostacks) || return 1
	[ "$(./count <goroutine.debug2.txt)" = "$want" ]
}
headers_compile_alone() {
	local h
	for h in /usr/include/gostacks/*.h; do
		printf '#include <gostacks/%s>\n' "${h##*/}" |
			cc -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c - || return 1
	done
}

check "apt-get update" apt-get update -qq
# libcurl4 is only recommended: installed without it first, as --no-install-recommends would
check "apt-get install ./gostacks_*.deb ./libgostacks-dev_*.deb (no recommends)" \
	apt-get install -y -qq --no-install-recommends ./gostacks_*.deb ./libgostacks-dev_*.deb
check "gostacks recommends libcurl4" \
	test "$(dpkg-query -W -f='${Recommends}' gostacks)" = libcurl4
check "--version without libcurl" bash -c 'gostacks --version | grep -x "libcurl not installed, .*"'
check "a URL without libcurl says: apt-get install libcurl4" url_needs_libcurl 0
check "apt-get install libcurl4" apt-get install -y -qq libcurl4
check "a URL with libcurl loads it" url_needs_libcurl 1
check "summary counts $want goroutines, as the host's build" test "$(summary_count)" = "$want"
check "man gostacks renders" man_renders
check "bash completion offers summary" completes
check "every installed header compiles alone" headers_compile_alone
check "pkg-config --cflags --libs gostacks: a program counts $want goroutines" library_counts
echo "deb: $pass passed, $fail failed"
[ "$fail" = 0 ]
INSIDE
say "in the root: apt-get install ./gostacks_*.deb ./libgostacks-dev_*.deb, then the checks"
$sudo chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
	DEBIAN_FRONTEND=noninteractive /bin/bash /t/inside.sh "$want" </dev/null
say "done"
