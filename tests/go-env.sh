# tests/go-env.sh - sourced by the scripts that build Go programs (net.sh, big.sh) after
# setting NAME: BIN is $1 made absolute, the working directory is tests/ (TESTS), Go is
# pinned offline to the local toolchain, and without `go` the script skips (exit 0; `make
# deps` installs golang-go).
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
