#!/usr/bin/env bash
# The service's speed figures (issues 3 and 4), each run ROUNDS times, printed one line per run
# with the load at the time. Developer tool, not part of the tests. Needs socat (the station
# benches); everything runs on loopback files and pseudo-terminals under $WORK.
#
# Usage: docs/bench/service.sh [ROUNDS] [all|decode|stations|acks|zone|plan|workload|masterdata|fsync|runsave]
#        (defaults: 3 rounds, all). "workload" generates the 1M-book-line files (several
#        minutes) and seeds 1.6M counts into a store once (a few minutes, in bulk), then
#        restarts the service on it. "plan" times a 50 000-location zone's plan in memory.
#        "masterdata" loads those files' master data as `run` does, stores it and reads the
#        book back, in the -Xmx of HEAP (MasterDataBench).
#        "runsave" saves a 100 000-line zone run SAVES times into a fresh store (RunSaveBench).
# Env:   WORK (default /tmp/dockcount-service-bench), SCANS (per station, default 2000),
#        HEAP (the service benches' -Xmx, default 512m), SAVES (runsave, default 10),
#        OPEN (runsave: percent of locations still open and not counted, default 0),
#        LATER (runsave: "later" saves the lines without new tasks, events and alerts)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
what=${2:-all}
work=${WORK:-/tmp/dockcount-service-bench}
scans=${SCANS:-2000}
heap=${HEAP:-512m}
mkdir -p "$work"

mvn -q -B package -DskipTests
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/classes:target/test-classes:$(cat "$work/cp.txt")"
# Lifecycle logging off: figures only.
quiet="-Dlogback.configurationFile=$work/quiet.xml"
cat > "$work/quiet.xml" <<'XML'
<configuration><root level="ERROR"/></configuration>
XML

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1)"
run() { # label, java args...
  local label=$1; shift
  for i in $(seq "$rounds"); do
    echo "## $label run $i; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    java $quiet -cp "$cp" "$@" 2>&1 | grep -v '^SLF4J' || true
  done
}
want() { [ "$what" = all ] || [ "$what" = "$1" ]; }

if want fsync; then
  run "fsync cost of this disk" io.dockcount.bench.FsyncBench "$work/fsync" 500
fi
if want decode; then
  run "decoding, one thread" io.dockcount.bench.DecodeBench 2 5
fi
if want stations; then
  run "16 ptys -> count records, as fast as they go" io.dockcount.bench.StationsBench records 16 "$scans" 0 "$work"
  run "16 ptys -> count records, 2000 scans/s" io.dockcount.bench.StationsBench records 16 "$scans" 2000 "$work"
fi
if want acks; then
  run "16 ptys -> durable acks, 2000 scans/s" -Xmx$heap io.dockcount.bench.StationsBench acks 16 $((scans / 2)) 2000 "$work"
fi
if want zone; then
  if [ ! -f "$work/zone/dockcount.mv.db" ]; then
    java $quiet -cp "$cp" io.dockcount.bench.ServiceBench seed-zone "$work/zone" 50000
  fi
  run "50 000-location zone: restart and reconcile" -Xmx$heap -XX:+ExitOnOutOfMemoryError io.dockcount.bench.ServiceBench serve "$work/zone"
fi
if want plan; then
  run "50 000-location zone: state and plan in memory" -Xmx$heap io.dockcount.zone.ZonePlanBench 50000 5
fi
if want masterdata; then
  gen="$work/gen1m"
  if [ ! -f "$gen/counts.csv" ]; then
    java -jar target/dockcount.jar generate --out "$gen" --book-rows 1000000
  fi
  run "1M book lines' master data: load, store, read back" -Xmx$heap io.dockcount.bench.MasterDataBench "$gen" "$work/masterdata"
  # `run` itself on those files with a fresh store (console off, no stations): ready or not in
  # -Xmx$heap, and the heap in use after a full GC once it is.
  for i in $(seq "$rounds"); do
    d="$work/masterdata/run"
    rm -rf "$d"; mkdir -p "$d"
    cat > "$d/site.conf" <<CONF
dockcount.store.path = "$d/data/dockcount"
dockcount.backup.dir = "$d/backup"
dockcount.inputs { book = "$gen/book.csv", items = "$gen/items.csv", uom = "$gen/uom.csv" }
dockcount.console.enabled = false
CONF
    echo "## run -Xmx$heap on the 1M files, run $i; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    t0=$(date +%s)
    java $quiet -Xmx$heap -jar target/dockcount.jar run --config "$d/site.conf" > "$d/out.log" 2>&1 &
    pid=$!
    while kill -0 $pid 2>/dev/null && ! grep -q "dockcount: running" "$d/out.log"; do sleep 1; done
    if grep -q "dockcount: running" "$d/out.log"; then
      echo "ready after $(( $(date +%s) - t0 )) s, CPU $(ps -o cputime= -p $pid)"
      jcmd $pid GC.run >/dev/null
      jcmd $pid GC.heap_info | grep "garbage-first heap"
      kill -TERM $pid
    else
      echo "not ready: $(grep -m1 -i 'error' "$d/out.log")"
    fi
    wait $pid || true
    rm -rf "$d"
  done
fi
if want runsave; then
  run "100 000-line zone run (${OPEN:-0} % open) saved ${SAVES:-10} times" -Xmx$heap \
    io.dockcount.bench.RunSaveBench "$work/runsave" "${SAVES:-10}" 50000 "${OPEN:-0}" "${LATER:-}"
  rm -rf "$work/runsave"
fi
if want workload; then
  gen="$work/gen1m"
  if [ ! -f "$gen/counts.csv" ]; then
    java -jar target/dockcount.jar generate --out "$gen" --book-rows 1000000
  fi
  if [ ! -f "$work/wl/dockcount.mv.db" ]; then
    java $quiet -Xmx3g -cp "$cp" io.dockcount.bench.ServiceBench seed-workload "$work/wl" "$gen"
  fi
  run "1M book lines, 1.6M counts: restart and reconcile" -Xmx$heap -XX:+ExitOnOutOfMemoryError io.dockcount.bench.ServiceBench serve "$work/wl" "$gen"
fi
