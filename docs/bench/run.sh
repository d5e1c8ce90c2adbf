#!/usr/bin/env bash
# Side-by-side benchmark of `dockcount reconcile` against the pandas reference reconciliation,
# on the same generated files, in one run. Developer tool: it needs the shared bench scripts
# (gen_dc.py, pandas_baseline.py) and python3-pandas; see docs/BENCHMARKS.md.
#
# Usage: docs/bench/run.sh [BOOK_ROWS] [ROUNDS]      (defaults: 1000000 rows, 3 rounds)
# Env:   SHARED_BENCH (default ../shared/bench), WORK (default /tmp/dockcount-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
rounds=${2:-3}
bench=${SHARED_BENCH:-../shared/bench}
work=${WORK:-/tmp/dockcount-bench}
jar=target/dockcount.jar
py=/usr/bin/python3

[ -f "$bench/gen_dc.py" ] || { echo "no $bench/gen_dc.py (set SHARED_BENCH)" >&2; exit 2; }
$py -c 'import pandas' 2>/dev/null || { echo "needs python3-pandas (apt-get install python3-pandas)" >&2; exit 2; }
[ -f "$jar" ] || mvn -q -B package -DskipTests

data="$work/data-$rows"
if [ ! -f "$data/counts.csv" ]; then
  mkdir -p "$data"
  $py "$bench/gen_dc.py" "$data" --book-rows "$rows"
fi
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# files: $(du -shL "$data" | cut -f1) in $data; $(wc -l < "$data/book.csv") book lines, $(wc -l < "$data/counts.csv") count lines"

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -o "$work/$name.time" -f "%e %M %U %S" "$@" > "$work/$name.out" 2> "$work/$name.err"
  echo "$name $(cat "$work/$name.time")"
}

results="$work/results.txt"
: > "$results"
for r in $(seq 1 "$rounds"); do
  measure pandas-vector $py "$bench/pandas_baseline.py" "$data" "$work/pandas_recon.csv" --style vector >> "$results"
  measure dockcount java -jar "$jar" reconcile --book "$data/book.csv" --counts "$data/counts.csv" \
    --uom "$data/uom.csv" --items "$data/items.csv" --out "$work/out" >> "$results"
  measure dockcount-fastcsv java -jar "$jar" reconcile --reader FASTCSV --book "$data/book.csv" \
    --counts "$data/counts.csv" --uom "$data/uom.csv" --items "$data/items.csv" --out "$work/out-fastcsv" >> "$results"
  # The same jar with the JVM's own compiler policy (C1 then C2), for comparison.
  measure dockcount-jvm-default env DOCKCOUNT_JIT=default java -jar "$jar" reconcile \
    --book "$data/book.csv" --counts "$data/counts.csv" --uom "$data/uom.csv" \
    --items "$data/items.csv" --out "$work/out-jvm-default" >> "$results"
done

echo
echo "| run | wall s (each round) | best wall s | CPU s, user+sys (each round) | peak RSS MB (each round) |"
echo "|---|---|---|---|---|"
for name in pandas-vector dockcount dockcount-fastcsv dockcount-jvm-default; do
  awk -v n="$name" '$1==n {w=w (w?", ":"") $2; if (b==""||$2<b) b=$2
      c=c (c?", ":"") sprintf("%.2f", $4+$5); r=r (r?", ":"") int($3/1024)}
    END {printf "| %s | %s | %s | %s | %s |\n", n, w, b, c, r}' "$results"
done
best() { awk -v n="$1" '$1==n {if (b==""||$2<b) b=$2} END {print b}' "$results"; }
echo
echo "speed-up (best pandas / best dockcount): $(echo "scale=1; $(best pandas-vector) / $(best dockcount)" | bc)x"
echo
echo "cross-check of recon.csv, row by row:"
$py docs/bench/crosscheck.py "$work/out/recon.csv" "$work/pandas_recon.csv"
cmp -s "$work/out/recon.csv" "$work/out-fastcsv/recon.csv" && echo "FastCSV reader output identical to the scanner's"
cmp -s "$work/out/recon.csv" "$work/out-jvm-default/recon.csv" && echo "JVM-default compiler output identical"
