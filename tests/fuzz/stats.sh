#!/bin/bash
# Adds up the fuzzing recorded in stats files: tests/fuzz/stats.sh [STATS_TSV...]
# (default build/fuzz/stats.tsv, the line run.sh appends per harness and run). Prints per
# harness the runs, executions, CPU hours, crashes and the highest edge count libFuzzer
# reported. The figures of tests/fuzz/README.md are
#   tests/fuzz/stats.sh tests/fuzz/history.tsv build/fuzz/stats.tsv
# history.tsv is the committed record of every earlier run (build/ goes with the machine):
# append build/fuzz/stats.tsv to it when the figures are updated.
set -u
if [ $# -eq 0 ]; then
	set -- build/fuzz/stats.tsv
fi
for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "stats: no $f (make fuzz writes build/fuzz/stats.tsv)" >&2
		exit 1
	fi
done
awk -F '\t' '
	/^#/ { next }
	{ runs[$2]++; ex[$2] += $4; cpu[$2] += $5; cr[$2] += $6; if ($7 + 0 > cov[$2]) cov[$2] = $7 + 0 }
	END {
		printf "%-12s %5s %14s %10s %8s %8s\n", "harness", "runs", "executions", "cpu_hours", "crashes", "edges"
		for (h in runs) {
			printf "%-12s %5d %14d %10.2f %8d %8d\n", h, runs[h], ex[h], cpu[h] / 3600, cr[h], cov[h]
			t_ex += ex[h]; t_cpu += cpu[h]; t_cr += cr[h]
		}
		printf "%-12s %5s %14d %10.2f %8d\n", "total", "", t_ex, t_cpu / 3600, t_cr
	}' "$@"
