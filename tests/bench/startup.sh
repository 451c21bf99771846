#!/usr/bin/env bash
# Measures what a newcomer waits for and what the all-in-one process costs at rest:
#   - time from `./onramp up` to the first GraphQL answer (first start with an empty data dir, and a restart),
#   - resident memory (RSS) of the JVM and of the embedded PostgreSQL after 15 s idle.
# Usage: tests/bench/startup.sh [runs]   (needs the packaged gateway: ./onramp build, or any ./onramp up before)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"
PORT=18765

first_answer_ms() {
  local start=$1 url=$2
  while true; do
    if curl -sf -H 'Content-Type: application/json' -d '{"query":"{ about { version } }"}' "$url/graphql" >/dev/null 2>&1; then
      echo $(( $(date +%s%N) / 1000000 - start ))
      return
    fi
    sleep 0.02
  done
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

measure() {
  local dir=$1 label=$2
  local start; start=$(( $(date +%s%N) / 1000000 ))
  ONRAMP_SANDBOX=true ONRAMP_SKIP_BUILD=true "$ROOT/onramp" up --port $PORT --data-dir "$dir" > "$dir.log" 2>&1 &
  local pid=$!
  local ms; ms=$(first_answer_ms "$start" "http://127.0.0.1:$PORT")
  sleep 15
  local jvm; jvm=$(rss_kb $pid)
  local pg=0
  for p in $(pgrep -f "postgres -D $dir/postgres" || true) $(pgrep -P "$(pgrep -f "postgres -D $dir/postgres" | head -1)" 2>/dev/null || true); do
    pg=$(( pg + $(rss_kb "$p") ))
  done
  kill -TERM $pid; wait $pid 2>/dev/null || true
  printf '%-10s first answer %5d ms   JVM RSS %4d MiB   PostgreSQL RSS %4d MiB\n' "$label" "$ms" $(( jvm / 1024 )) $(( pg / 1024 ))
}

[ -f "$ROOT/functions/gateway/target/quarkus-app/quarkus-run.jar" ] || "$ROOT/onramp" build
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc)"
for i in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d /tmp/onramp-bench.XXXXXX)
  measure "$dir/data" "fresh#$i"
  measure "$dir/data" "restart#$i"
  rm -rf "$dir"
done
