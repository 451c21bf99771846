#!/usr/bin/env bash
# Onboarding throughput: N developers (default 1000) onboarded through Onramp's GraphQL API against a sandbox
# Kubernetes API server running in its own process, compared with that server's raw throughput for creating the
# same objects, in the same run.
#
# Usage: tests/bench/onboard-1000.sh [developers]
#
#   1. builds what it needs (sandbox, pod-workspaces, the gateway when its sources changed, tests/bench);
#   2. raw: a fresh sandbox (SandboxMain, simulated controllers on, as for Onramp); RawBlueprintThroughput renders
#      every developer's namespace blueprint like the driver (code-server) and creates each object once (fabric8,
#      thread pool), then also waits until every code-server Deployment is Ready;
#   3. raw, API server alone: the same against a fresh sandbox with --no-controllers (skip with BENCH_RAW_ALONE=0);
#   4. onramp: a fresh sandbox, then `./onramp up` with ONRAMP_KUBECONFIG pointing at it (ONRAMP_SANDBOX unset, so
#      the embedded sandbox stays off); OnboardThroughput calls onboard(input: {owners, kind: POD}) in batches of 500
#      and waits until every workspace is RUNNING (code-server Ready, made so by the sandbox's controllers);
#   5. the same two without IDE (namespace and guardrails only; Onramp via createPodWorkspace(ide: NONE), since
#      onboard always starts code-server); skip with BENCH_NONE=0;
#   6. prints a table; results and logs stay in tests/bench/target/onboard-last/, temporary directories are removed.
#
# Requests are counted by the sandbox (GET /onramp-sandbox/stats); its simulated controllers' requests (User-Agent
# onramp-sandbox-controllers) are counted apart and left out of "API calls per workspace". Every phase gets a fresh
# sandbox process (and Onramp a fresh data directory). Everything listens on and talks to 127.0.0.1 only.
#
# Environment (optional): ONRAMP_ENGINE_CONCURRENCY, ONRAMP_DB_POOL_SIZE, ONRAMP_ENGINE_POLL_INTERVAL (passed to
# Onramp), ONRAMP_JAVA_OPTS (Onramp's JVM), BENCH_RAW_THREADS (16), BENCH_SANDBOX_JAVA_OPTS (-XX:+UseSerialGC),
# BENCH_MVN_OPTS (extra Maven options, e.g. -o), BENCH_RAW_ALONE (1), BENCH_NONE (1), BENCH_TIMEOUT_S (3600).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-1000}"
RAW_THREADS="${BENCH_RAW_THREADS:-16}"
SANDBOX_OPTS="${BENCH_SANDBOX_JAVA_OPTS:--XX:+UseSerialGC}"
BENCH_OPTS="-XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
GATEWAY_JAR="$ROOT/functions/gateway/target/quarkus-app/quarkus-run.jar"
OUT="$ROOT/tests/bench/target/onboard-last"
CLK_TCK="$(getconf CLK_TCK)"

WORK="$(mktemp -d /tmp/onramp-onboard-bench.XXXXXX)"
STARTED=()
cleanup() {
  local status=$?
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  mkdir -p "$OUT"
  rm -f "$OUT"/*.log "$OUT"/*.properties
  cp "$WORK"/*.log "$WORK"/*.properties "$OUT"/ 2>/dev/null || true
  sed -i '/TOKEN=/d' "$OUT"/*.log 2>/dev/null || true # tokens of a data directory that is gone anyway
  rm -rf "$WORK"
  if [ $status -ne 0 ]; then
    echo "FAILED (exit $status); logs in $OUT" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---- 1. build -------------------------------------------------------------------------------------------------
gateway_stale() {
  [ -f "$GATEWAY_JAR" ] || return 0
  local newer
  newer=$(find "$ROOT/pom.xml" "$ROOT/functions" "$ROOT/content" -newer "$GATEWAY_JAR" -type f \
            \( -path '*/src/main/*' -o -name pom.xml -o -path "$ROOT/content/*" \) -print -quit 2>/dev/null || true)
  [ -n "$newer" ]
}
modules="functions/sandbox,functions/pod-workspaces"
if gateway_stale; then
  modules="$modules,functions/gateway"
fi
log "building $modules and tests/bench"
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_OPTS:-} -f "$ROOT/pom.xml" -DskipTests -pl "$modules" -am install \
  dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime >&2
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MVN_OPTS:-} -f "$ROOT/tests/bench/pom.xml" package >&2
SANDBOX_CP="$(ls "$ROOT"/functions/sandbox/target/onramp-sandbox-*.jar | grep -v -- '-tests.jar' | head -1):$(cat "$ROOT/functions/sandbox/target/runtime.classpath")"
BENCH_CP="$(ls "$ROOT"/tests/bench/target/onramp-bench-*.jar | head -1):$(cat "$ROOT/tests/bench/target/classpath.txt")"

# ---- helpers --------------------------------------------------------------------------------------------------
wait_for_line() { # file pattern timeout_s pid
  local i
  for i in $(seq 1 $(( $3 * 10 ))); do
    if grep -q "$2" "$1" 2>/dev/null; then
      grep -m1 "$2" "$1"
      return 0
    fi
    kill -0 "$4" 2>/dev/null || { echo "process $4 exited; see $1:" >&2; tail -20 "$1" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2
  return 1
}

stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  local i
  for i in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

SANDBOX_PID=""
SANDBOX_URL=""
start_sandbox() { # name [--no-controllers]
  local name=$1
  shift
  # shellcheck disable=SC2086
  java $SANDBOX_OPTS -cp "$SANDBOX_CP" io.onramp.sandbox.SandboxMain --port 0 --kubeconfig "$WORK/$name.kubeconfig" \
    "$@" > "$WORK/$name-sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  STARTED+=("$SANDBOX_PID")
  SANDBOX_URL=$(wait_for_line "$WORK/$name-sandbox.log" '^SANDBOX_URL=' 120 "$SANDBOX_PID" | cut -d= -f2-)
  case "$SANDBOX_URL" in http://127.0.0.1:*) ;; *) echo "unexpected sandbox URL $SANDBOX_URL" >&2; exit 1 ;; esac
  log "sandbox ($name) pid $SANDBOX_PID at $SANDBOX_URL $*"
}

free_port() {
  local p
  for p in $(seq 38800 38999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "no free port in 38800-38999" >&2
  exit 1
}

raw() { # name ide until-ready [sandbox args]
  local name=$1 ide=$2 ready=$3
  shift 3
  start_sandbox "$name" "$@"
  # shellcheck disable=SC2086
  java $BENCH_OPTS -cp "$BENCH_CP" io.onramp.bench.RawBlueprintThroughput --kubeconfig "$WORK/$name.kubeconfig" \
    --developers "$N" --ide "$ide" --threads "$RAW_THREADS" --until-ready "$ready" --sandbox-pid "$SANDBOX_PID" \
    --clk-tck "$CLK_TCK" --timeout-s "${BENCH_TIMEOUT_S:-3600}" --out "$WORK/$name.properties" 2>&1 \
    | tee "$WORK/$name.log" >&2
  stop "$SANDBOX_PID"
}

onramp() { # name ide
  local name=$1 ide=$2 port url admin about pid
  start_sandbox "$name"
  port=$(free_port)
  url="http://127.0.0.1:$port"
  log "starting Onramp on $url against the sandbox at $SANDBOX_URL"
  (
    cd "$ROOT"
    unset ONRAMP_SANDBOX KUBECONFIG ONRAMP_DB_URL
    export ONRAMP_KUBECONFIG="$WORK/$name.kubeconfig" ONRAMP_SKIP_BUILD=true
    exec ./onramp up --port "$port" --data-dir "$WORK/$name-data"
  ) > "$WORK/$name-app.log" 2>&1 &
  pid=$!
  STARTED+=("$pid")
  admin=$(wait_for_line "$WORK/$name-app.log" '^ONRAMP_ADMIN_TOKEN=' 300 "$pid" | cut -d= -f2-)
  if grep -q '^ONRAMP_SANDBOX_KUBECONFIG=' "$WORK/$name-app.log"; then
    echo "Onramp started its embedded sandbox instead of using $WORK/$name.kubeconfig" >&2
    exit 1
  fi
  about=$(curl -sf "$url/graphql" -H 'Content-Type: application/json' -d '{"query":"{ about { kubernetes } }"}')
  case "$about" in
    *"\"${SANDBOX_URL%/}"*) ;;
    *) echo "Onramp is not talking to the separate sandbox ($SANDBOX_URL): $about" >&2; exit 1 ;;
  esac
  log "Onramp pid $pid uses the sandbox at $SANDBOX_URL; onboarding $N developers, IDE $ide"
  # shellcheck disable=SC2086
  java $BENCH_OPTS -cp "$BENCH_CP" io.onramp.bench.OnboardThroughput --url "$url" --token "$admin" --ide "$ide" \
    --sandbox-url "$SANDBOX_URL" --developers "$N" --batch 500 --pid "$pid" \
    --pg-data-dir "$WORK/$name-data/postgres" --sandbox-pid "$SANDBOX_PID" --clk-tck "$CLK_TCK" \
    --timeout-s "${BENCH_TIMEOUT_S:-3600}" --out "$WORK/$name.properties" 2>&1 | tee "$WORK/$name.log" >&2
  stop "$pid"
  stop "$SANDBOX_PID"
}

# ---- 2.-5. the phases -----------------------------------------------------------------------------------------
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); developers: $N" >&2
log "raw throughput, code-server blueprints, sandbox with its simulated controllers"
raw raw CODE_SERVER true
if [ "${BENCH_RAW_ALONE:-1}" = "1" ]; then
  log "raw throughput, code-server blueprints, API server alone (--no-controllers)"
  raw raw-alone CODE_SERVER false --no-controllers
fi
onramp onramp CODE_SERVER
if [ "${BENCH_NONE:-1}" = "1" ]; then
  log "raw throughput, blueprints without IDE"
  raw raw-none NONE false
  onramp onramp-none NONE
fi

# ---- 6. table -------------------------------------------------------------------------------------------------
prop() { grep -m1 "^$2=" "$WORK/$1.properties" | cut -d= -f2-; }
f1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
f2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { # label onramp-phase raw-phase
  local ready ratio_ready
  if [ "$(prop "$3" ready_ws_per_s)" != "-1.000" ]; then
    ready=$(f2 "$(prop "$3" ready_ws_per_s)")
    ratio_ready=" ($(ratio "$(prop "$2" ws_per_s)" "$(prop "$3" ready_ws_per_s)"))"
  else
    ready="-"
    ratio_ready=""
  fi
  echo "| $1 | $N | $(f1 "$(prop "$2" seconds)") s | $(f2 "$(prop "$2" ws_per_s)") | $(f1 "$(prop "$2" requests_per_ws)") | $(f1 "$(prop "$2" jvm_cpu_ms_per_ws)") + $(f1 "$(prop "$2" pg_cpu_ms_per_ws)") | $(prop "$2" jvm_peak_rss_mib) MiB | $(f1 "$(prop "$3" objects_per_s)") | $(f2 "$(prop "$3" ws_per_s)") | $ready | $(ratio "$(prop "$2" ws_per_s)" "$(prop "$3" ws_per_s)")$ratio_ready |"
}
{
  echo
  echo "Onboarding $N developers, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Onramp: ONRAMP_ENGINE_CONCURRENCY=${ONRAMP_ENGINE_CONCURRENCY:-8 (default)} ONRAMP_DB_POOL_SIZE=${ONRAMP_DB_POOL_SIZE:-20 (default)}" \
    "ONRAMP_ENGINE_POLL_INTERVAL=${ONRAMP_ENGINE_POLL_INTERVAL:-500ms (default)} ONRAMP_JAVA_OPTS=${ONRAMP_JAVA_OPTS:--XX:+UseSerialGC -Xms64m (default)}; raw: $RAW_THREADS threads"
  echo
  echo "| IDE | N | Onramp: wall time | workspaces/s | API calls/ws | CPU ms/ws (JVM + PostgreSQL) | JVM peak RSS | raw: objects/s | raw: ws created/s | raw: ws Ready/s | ratio to raw created (to Ready) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  row CODE_SERVER onramp raw
  if [ -f "$WORK/onramp-none.properties" ]; then
    row NONE onramp-none raw-none
  fi
  echo
  echo "raw, code-server, controllers on (as for Onramp): created in $(f1 "$(prop raw seconds)") s, all Ready after $(f1 "$(prop raw ready_seconds)") s; $(prop raw objects) objects, $(f1 "$(prop raw requests_per_ws)") requests/ws; API server CPU $(f1 "$(prop raw sandbox_cpu_ms_per_ws)") ms/ws while creating"
  if [ -f "$WORK/raw-alone.properties" ]; then
    echo "raw, code-server, API server alone (--no-controllers): created in $(f1 "$(prop raw-alone seconds)") s = $(f2 "$(prop raw-alone ws_per_s)") ws/s ($(f1 "$(prop raw-alone objects_per_s)") objects/s); API server CPU $(f1 "$(prop raw-alone sandbox_cpu_ms_per_ws)") ms/ws"
  fi
  for phase in onramp onramp-none; do
    [ -f "$WORK/$phase.properties" ] || continue
    echo "$phase: mutations returned after $(f1 "$(prop $phase onboard_calls_seconds)") s; API server CPU $(f1 "$(prop $phase sandbox_cpu_ms_per_ws)") ms/ws (busy $(f2 "$(prop $phase sandbox_cpu_share)") of the wall time); controllers' requests $(prop $phase controller_requests) (not in API calls/ws); JVM RSS at the end $(prop $phase jvm_rss_mib) MiB, PostgreSQL RSS $(prop $phase pg_rss_mib) MiB"
  done
} | tee "$WORK/table.log"
