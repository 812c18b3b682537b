# tests/go-env.sh - sourced by the scripts that build Go programs (net.sh, big.sh) after
# setting NAME: BIN is $1 made absolute, the working directory is tests/ (TESTS), Go is
# pinned offline to the local toolchain, and without `go` the script skips (exit 0; `make
# deps` installs golang-go). ok and not_ok count checks in pass and fail; not_ok shows
# the first lines of $tmp/err when the script keeps a command's stderr there.
if [ $# -ne 1 ]; then
	echo "usage: tests/$NAME.sh BIN" >&2
	exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
TESTS=$(pwd)

if ! command -v go >/dev/null 2>&1; then
	echo "$NAME: SKIPPED: 'go' is not installed (make deps installs golang-go)"
	exit 0
fi
export LC_ALL=C NO_COLOR=1 GOPROXY=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
case "$(go env GOCACHE 2>/dev/null)" in
"" | off) export GOCACHE="$TESTS/../build/go-cache" ;;
esac

pass=0
fail=0
ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}
not_ok() {
	fail=$((fail + 1))
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
	if [ -s "${tmp:-}/err" ]; then sed -n '1,5s/^/#   stderr: /p' "$tmp/err"; fi
}
