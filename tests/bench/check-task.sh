#!/usr/bin/env bash
# checkTask latency and throughput, end to end: over real HTTP against the packaged all-in-one process in local mode
# (embedded PostgreSQL, the sandbox Kubernetes API = the fabric8 mock server), with a realistic namespace: a pod
# workspace provisioned by Onramp (code-server and guardrails), the lab started and every reference solution of the
# lab applied, so every check finds its objects and passes. Each measured call grades a task through the Kubernetes
# API and writes the attempt to PostgreSQL; the benchmark verifies that the number of recorded attempts equals the
# number of calls.
#
# Usage: tests/bench/check-task.sh [iterations]        (default 500 per phase)
#
# Phases (io.onramp.bench.CheckTaskLatency, run from source, JDK only): warm-up (a fresh JVM needs a few thousand
# requests before the JIT has compiled the request paths); one call at a time, alternating
# GraphQL checkTask (developer token) and POST /workspace/check (onramp-check's route, workspace token); GraphQL
# checkTask from BENCH_CONCURRENCY (4) clients at once. Tasks are checked round-robin over every task of the lab.
#
# Environment (optional): BENCH_LAB (persistent-storage), BENCH_WARMUP (1500 rounds of both calls), BENCH_CONCURRENCY (4),
# ONRAMP_JAVA_OPTS (Onramp's JVM), BENCH_MVN_OPTS (e.g. -o), BENCH_JFR=1 (a flight recording of Onramp during the
# measured phases, in the output directory). Builds the gateway (mvn package, never install) when
# its sources changed. Listens on and talks to 127.0.0.1 only; results and logs stay in
# tests/bench/target/check-task-last/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ITERATIONS="${1:-500}"
LAB="${BENCH_LAB:-persistent-storage}"
GATEWAY_JAR="$ROOT/functions/gateway/target/quarkus-app/quarkus-run.jar"
OUT="$ROOT/tests/bench/target/check-task-last"
WORK="$(mktemp -d /tmp/onramp-check-bench.XXXXXX)"
PID=""

cleanup() {
  local status=$?
  if [ -n "$PID" ]; then
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  mkdir -p "$OUT"
  cp "$WORK"/*.log "$WORK"/*.properties "$OUT"/ 2>/dev/null || true
  sed -i '/TOKEN=/d' "$OUT"/*.log 2>/dev/null || true
  rm -rf "$WORK"
  [ $status -eq 0 ] || echo "FAILED (exit $status); logs in $OUT" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

stale() {
  [ -f "$GATEWAY_JAR" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/functions" -newer "$GATEWAY_JAR" -type f \
    \( -path '*/src/main/*' -o -name pom.xml \) -print -quit 2>/dev/null)" ]
}
if stale; then
  log "building the gateway (mvn package)"
  # shellcheck disable=SC2086
  mvn -B -q ${BENCH_MVN_OPTS:-} -f "$ROOT/pom.xml" -DskipTests -pl functions/gateway -am package >&2
fi

free_port() { # below the ephemeral range, so that no outgoing connection holds it
  local p
  for p in $(shuf -i 21000-21999 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "no free port in 21000-21999" >&2
  exit 1
}

start_onramp() {
  PORT=$(free_port)
  log "starting Onramp on port $PORT (local mode, sandbox Kubernetes API)"
  rm -rf "$WORK/data"
  (
    cd "$ROOT"
    unset KUBECONFIG ONRAMP_KUBECONFIG ONRAMP_DB_URL
    export ONRAMP_SANDBOX=true ONRAMP_SKIP_BUILD=true
    exec ./onramp up --port "$PORT" --data-dir "$WORK/data"
  ) >"$WORK/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do
    grep -q '^ONRAMP_SANDBOX_KUBECONFIG=' "$WORK/app.log" && return 0
    if ! kill -0 "$PID" 2>/dev/null; then
      wait "$PID" 2>/dev/null || true
      PID=""
      return 1
    fi
    sleep 0.1
  done
  return 1
}
for attempt in 1 2 3; do
  start_onramp && break
  [ "$attempt" -lt 3 ] || { tail -30 "$WORK/app.log" >&2; exit 1; }
  log "Onramp did not start (port taken meanwhile?); trying another port"
done
URL=$(grep -m1 '^ONRAMP_URL=' "$WORK/app.log" | cut -d= -f2-)
DEV=$(grep -m1 '^ONRAMP_DEV_TOKEN=' "$WORK/app.log" | cut -d= -f2-)
KUBE=$(grep -m1 '^ONRAMP_SANDBOX_KUBECONFIG=' "$WORK/app.log" | cut -d= -f2-)
case "$URL" in http://127.0.0.1:*) ;; *) echo "unexpected URL '$URL'" >&2; exit 1 ;; esac

gql() { # token document [variables-json]
  curl -sf "$URL/graphql" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg q "$2" --argjson v "${3:-{\}}" '{query: $q, variables: $v}')"
}

log "pod workspace with lab $LAB"
created=$(gql "$DEV" 'mutation($l: String!) { createPodWorkspace(input: {lab: $l}) { id namespace } }' "{\"l\":\"$LAB\"}")
ID=$(jq -r '.data.createPodWorkspace.id' <<<"$created")
NS=$(jq -r '.data.createPodWorkspace.namespace' <<<"$created")
for _ in $(seq 1 600); do
  state=$(gql "$DEV" 'query($i: ID!) { workspace(id: $i) { state } }' "{\"i\":\"$ID\"}" | jq -r '.data.workspace.state')
  [ "$state" = RUNNING ] && break
  sleep 0.1
done
[ "$state" = RUNNING ] || { echo "workspace $ID is $state" >&2; exit 1; }
gql "$DEV" 'mutation($l: String!, $w: ID!) { startLab(labId: $l, workspaceId: $w) { created } }' \
  "{\"l\":\"$LAB\",\"w\":\"$ID\"}" >/dev/null
TASKS=$(gql "$DEV" 'query($l: String!) { lab(id: $l) { tasks { id } } }' "{\"l\":\"$LAB\"}" \
  | jq -r '[.data.lab.tasks[].id] | join(",")')
k() { kubectl --kubeconfig "$KUBE" -n "$NS" "$@"; }
for task in ${TASKS//,/ }; do
  # cumulative solutions: create what is new, replace what an earlier solution created
  file="$ROOT/content/labs/$LAB/solution/$task.yaml"
  k create --validate=false -f "$file" >/dev/null 2>&1 || true
  for attempt in 1 2 3 4 5; do # the simulated controllers may update an object meanwhile
    k replace --validate=false -f "$file" >/dev/null 2>"$WORK/replace.log" && break
    [ "$attempt" -lt 5 ] || { cat "$WORK/replace.log" >&2; exit 1; }
    sleep 0.5
  done
done
log "waiting until every task passes ($TASKS)"
for task in ${TASKS//,/ }; do
  for _ in $(seq 1 300); do
    passed=$(gql "$DEV" 'mutation($w: ID!, $l: String!, $t: String!) { checkTask(workspaceId: $w, labId: $l, taskId: $t) { passed } }' \
      "{\"w\":\"$ID\",\"l\":\"$LAB\",\"t\":\"$task\"}" | jq -r '.data.checkTask.passed')
    [ "$passed" = true ] && break
    sleep 0.2
  done
  [ "$passed" = true ] || { echo "task $task does not pass with the reference solutions" >&2; exit 1; }
done
WS_TOKEN=$(k get secret code-server -o jsonpath='{.data.onramp-token}' | base64 -d)
objects=$(k get all,configmaps,secrets,pvc,networkpolicies,serviceaccounts,rolebindings -o name 2>/dev/null | wc -l)

log "measuring: $ITERATIONS calls per phase, namespace $NS with $objects objects"
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$WORK/environment.log" >&2
SANDBOX=$(awk '/server:/ {print $2; exit}' "$KUBE" | tr -d '"')
curl -sf -X POST "$SANDBOX/onramp-sandbox/stats/reset" >/dev/null # count Onramp's API requests from here on
if [ "${BENCH_JFR:-0}" = "1" ]; then # a flight recording of Onramp while it is measured, for profiling
  jcmd "$PID" JFR.start name=check-task settings=profile filename="$OUT/check-task.jfr" >/dev/null
fi
BENCH_DEV_TOKEN="$DEV" BENCH_WORKSPACE_TOKEN="$WS_TOKEN" BENCH_CLK_TCK="$(getconf CLK_TCK)" \
  java -XX:+UseSerialGC "$ROOT/tests/bench/src/main/java/io/onramp/bench/CheckTaskLatency.java" \
  --url "$URL" --workspace "$ID" --lab "$LAB" --tasks "$TASKS" --iterations "$ITERATIONS" \
  --warmup "${BENCH_WARMUP:-1500}" --concurrency "${BENCH_CONCURRENCY:-4}" --pid "$PID" \
  --out "$WORK/check-task.properties" >"$WORK/bench.log" 2>&1 || { cat "$WORK/bench.log" >&2; exit 1; }

if [ "${BENCH_JFR:-0}" = "1" ]; then
  mkdir -p "$OUT"
  jcmd "$PID" JFR.stop name=check-task >/dev/null
  log "flight recording: $OUT/check-task.jfr (jfr print --events jdk.ExecutionSample ...)"
fi
curl -sf "$SANDBOX/onramp-sandbox/stats" >"$WORK/sandbox-stats.json"
p() { grep -m1 "^$1=" "$WORK/check-task.properties" | cut -d= -f2-; }
{
  echo
  echo "checkTask, $LAB ($TASKS), $ITERATIONS calls per phase, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load at the end: $(cut -d' ' -f1-3 /proc/loadavg); namespace: $objects objects"
  echo
  echo "| phase | p50 | p90 | p99 | max | calls/s |"
  echo "|---|---|---|---|---|---|"
  echo "| GraphQL checkTask, 1 client | $(p graphql_p50_ms) ms | $(p graphql_p90_ms) ms | $(p graphql_p99_ms) ms | $(p graphql_max_ms) ms | $(p graphql_calls_per_s) |"
  echo "| POST /workspace/check (onramp-check), 1 client | $(p workspace_route_p50_ms) ms | $(p workspace_route_p90_ms) ms | $(p workspace_route_p99_ms) ms | $(p workspace_route_max_ms) ms | $(p workspace_route_calls_per_s) |"
  echo "| GraphQL checkTask, $(p concurrency) clients | $(p graphql_concurrent_p50_ms) ms | $(p graphql_concurrent_p90_ms) ms | $(p graphql_concurrent_p99_ms) ms | $(p graphql_concurrent_max_ms) ms | $(p graphql_concurrent_calls_per_s) |"
  echo
  jq -r --argjson n "$(p recorded_attempts)" '[.byClient | to_entries[] | select(.key | startswith("fabric8"))][0].value
    | "Kubernetes API requests per check (Onramp'"'"'s client, counted by the sandbox): \(.total / $n | . * 100 | round / 100) = "
      + ([.byResource | to_entries[] | "\(.key) \(.value / $n | . * 100 | round / 100)"] | join(", "))' \
    "$WORK/sandbox-stats.json"
  echo "Onramp JVM CPU per check, one at a time: $(p jvm_cpu_ms_per_call) ms (its idle use, $(p jvm_idle_cpu_ms_per_s) ms/s, subtracted); attempts recorded in PostgreSQL: $(p recorded_attempts) (= calls made)"
} | tee "$WORK/table.log"
