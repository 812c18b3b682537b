#!/bin/bash
# Seeds of the command's harnesses (fuzz_cli.c, fuzz_http.c), from our own samples and
# tests/*.txt: tests/fuzz/mkcorpus-cli.sh replaces tests/fuzz/corpus/cli and corpus/http.
#   cli:  four control bytes (the command, format, --by, filter, options, the cut of diff and
#         trend; fuzz_cli.c) then the first 4 KiB of a sample, three commands per file
#   http: two control bytes (the -p word, the size cap; fuzz_http.c) then a reply as sent:
#         200 with Content-Length, chunked, gzip, a 404, a redirect, a 200 that is no profile
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
b() { printf "\\$(printf '%03o' "$1")"; }

rm -rf "$here/corpus/cli" "$here/corpus/http"
mkdir -p "$here/corpus/cli" "$here/corpus/http"
i=0
for f in "$top"/samples/*.txt "$top"/samples/*.md "$top"/tests/*.txt; do
	for cmd in $((i % 8)) $(((i + 3) % 8)) $(((i + 6) % 8)); do
		fmt=$(((i + cmd) % 6)) by=$((i % 8)) filt=$(((i / 8) % 8)) own=$((i % 8))
		{ b "$cmd"; b $((fmt | (by << 3) | ((i % 5 == 0) << 6))); b $(((filt * (i % 3 == 0)) | ((i % 3) << 3) | (own << 5))); b 128
			head -c 4096 "$f"; } >"$here/corpus/cli/$(basename "$f" .txt).$cmd"
		i=$((i + 1))
	done
done

reply() { # NAME WORD CAP then the reply on stdin
	{ b "$2"; b "$3"; cat; } >"$here/corpus/http/$1"
}
body() { head -c 3000 "$top/samples/$1"; }
n=0
for s in goroutine.debug2.txt:0 goroutine.debug1.txt:1 heap.debug1.txt:2 allocs.debug1.txt:3 \
	mutex.debug1.txt:4 block.debug1.txt:5 threadcreate.debug1.txt:6; do
	f=${s%:*} w=${s#*:}
	len=$(body "$f" | wc -c)
	{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n' "$len"; body "$f"; } |
		reply "len-${f%.txt}" "$w" 0
	{ printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n' "$len"; body "$f"; printf '\r\n0\r\n\r\n'; } |
		reply "chunked-${f%.txt}" "$w" 2
	gz=$(body "$f" | gzip -c | wc -c)
	{ printf 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n' "$gz"; body "$f" | gzip -c; } |
		reply "gzip-${f%.txt}" "$w" 3
	n=$((n + 1))
done
printf 'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 19\r\n\r\n404 page not found\n' | reply 404 0 0
printf 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nForbidden\n' | reply forbidden 0 0
printf 'HTTP/1.1 200 OK\r\n\r\n{"error":"unauthorized"}\n' | reply json 7 0
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html><title>Sign in</title>\n' | reply html 0 0
printf 'HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n' | reply redirect 0 0
printf 'HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\ngoroutine 1 [running]:\nmain.f()\n' | reply short 0 1
printf 'HTTP/1.0 200 OK\r\n\r\n\xef\xbb\xbf\n\ngoroutine 1 [running]:\nmain.f()\n\t/a.go:1\n' | reply bom-http10 8 0
echo "cli: $(ls "$here/corpus/cli" | wc -l) seeds, http: $(ls "$here/corpus/http" | wc -l) seeds"
