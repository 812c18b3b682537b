# grow_profile.awk - a big debug=1 profile from a real one, for bench/run.sh:
#
#   awk -v target=BYTES [-v rate=N] -f bench/grow_profile.awk samples/heap.debug1.txt > big.txt
#
# Repeats the records of a heap/allocs or goroutine/threadcreate debug=1 profile until the
# output has about `target` bytes. Copy k gets new addresses (every 0x gets k's hex digits in
# front) and its frame lines' line numbers shifted by k % 64, so the number of distinct
# stacks grows with the size as in a big real profile. The header's totals are recomputed
# from the records; a heap profile's MemStats trailer is kept; `rate` replaces the number
# after "heap/" (samples/heap.debug1.txt was taken at MemProfileRate=1, where nothing is
# scaled; a server's profile says heap/1048576). POSIX awk (mawk) is enough.
BEGIN { nrec = 0; cur = 0; trailer = "" }
NR == 1 { header = $0; next }
/^# runtime\.MemStats/ { in_trailer = 1 }
in_trailer { trailer = trailer $0 "\n"; next }
/^[0-9]/ { nrec++; rec[nrec] = $0 "\n"; cur = nrec; next }
/^$/ { cur = 0; next }
cur { rec[cur] = rec[cur] $0 "\n" }
END {
	heap = header ~ /^heap profile:/
	newrate = rate
	size = 0
	for (k = 1; size < target; k++) {
		prefix = sprintf("0x%x", k)
		for (i = 1; i <= nrec && size < target; i++) {
			n = split(rec[i], lines, "\n")
			out = ""
			for (j = 1; j < n; j++) {
				l = lines[j]
				gsub(/0x/, prefix, l)
				if (j == 1) {
					split(l, f, /[^0-9]+/)
					if (heap) { io += f[1]; ib += f[2]; ao += f[3]; ab += f[4] }
					else total += f[1]
				} else if (match(l, /:[0-9]+$/)) {
					l = substr(l, 1, RSTART) (substr(l, RSTART + 1) + k % 64)
				}
				out = out l "\n"
			}
			body[++nbody] = out "\n"
			size += length(out) + 1
		}
	}
	if (heap) {
		rate = header
		sub(/.*@ /, "", rate)
		if (newrate != "")
			sub(/\/[0-9]+$/, "/" newrate, rate)
		printf "heap profile: %d: %d [%d: %d] @ %s\n", io, ib, ao, ab, rate
	} else {
		name = header
		sub(/ profile:.*/, "", name)
		printf "%s profile: total %d\n", name, total
	}
	for (i = 1; i <= nbody; i++)
		printf "%s", body[i]
	printf "%s", trailer
}
