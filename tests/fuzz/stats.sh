#!/bin/bash
# Adds up the fuzzing recorded in a stats file: tests/fuzz/stats.sh [STATS_TSV]
# (default build/fuzz/stats.tsv, the line run.sh appends per harness and run). Prints per
# harness the runs, executions, CPU hours, crashes and the highest edge count libFuzzer
# reported: the figures tests/fuzz/README.md keeps, added to what it already records.
set -u
f=${1:-build/fuzz/stats.tsv}
if [ ! -f "$f" ]; then
	echo "stats: no $f (make fuzz writes it)" >&2
	exit 1
fi
awk -F '\t' '
	{ runs[$2]++; ex[$2] += $4; cpu[$2] += $5; cr[$2] += $6; if ($7 + 0 > cov[$2]) cov[$2] = $7 + 0 }
	END {
		printf "%-12s %5s %14s %10s %8s %8s\n", "harness", "runs", "executions", "cpu_hours", "crashes", "edges"
		for (h in runs) {
			printf "%-12s %5d %14d %10.2f %8d %8d\n", h, runs[h], ex[h], cpu[h] / 3600, cr[h], cov[h]
			t_ex += ex[h]; t_cpu += cpu[h]; t_cr += cr[h]
		}
		printf "%-12s %5s %14d %10.2f %8d\n", "total", "", t_ex, t_cpu / 3600, t_cr
	}' "$f"
