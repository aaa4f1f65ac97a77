#!/usr/bin/env bash
# The soak run (bench/run.sh soak): one Herald under churn for N minutes, sampled every S seconds
# (RSS, open files and threads from /proc; heap after GC, threads, files and subscribers from
# /metrics; the load's own counters), then judged for a growth trend and for losses. Writes
# samples.csv, samples.json, soak.svg, soak.json and soak.md under bench/results/<timestamp>/.
#   bench/run.sh soak [--minutes N] [--sample S] [--subscribers N] [--io-threads T]
#                     [--load "--rate 200 --leaves 15 …"]   (more herald-bench soak options: SoakConfig)
# Herald: --dev (open publishing, anonymous subscribers), the admin token for /metrics, durable
# SQLite history, --subscriptions with a token for the API, metrics on. Env overrides:
# HERALD_JAVA_OPTS, CLIENT_JAVA_OPTS, HERALD_PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage="usage: bench/run.sh soak [--minutes N] [--sample S] [--subscribers N] [--io-threads T] [--load \"OPTIONS\"]"
minutes=30 sample=10 subscribers=2000 threads=1 load_opts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --sample) sample="$2"; shift 2 ;;
    --subscribers) subscribers="$2"; shift 2 ;;
    --io-threads) threads="$2"; shift 2 ;;
    --load) load_opts="$2"; shift 2 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--minutes takes minutes, e.g. 30; got: $minutes" >&2; exit 2; }
[[ "$sample" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--sample takes seconds, e.g. 10; got: $sample" >&2; exit 2; }
[[ "$subscribers" =~ ^[0-9]+$ ]] || { echo "--subscribers takes a whole number, e.g. 2000; got: $subscribers" >&2; exit 2; }
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || { echo "--io-threads takes a whole number, e.g. 1; got: $threads" >&2; exit 2; }

port=${HERALD_PORT:-18090}
# The launcher's JVM flags, with the heap fixed and touched at startup, and the old generation
# marked whenever it passes 15% of it. Left to itself, G1 grew the heap to 2.4 GB in three
# minutes of this load and shrank it again: RSS then measures G1's sizing. With a fixed, touched
# heap RSS moves only with native memory, and heap after GC (which Micrometer updates when a
# collection shrinks the old generation) is read every few minutes instead of staying stale.
herald_opts=${HERALD_JAVA_OPTS:-"$(JAVA_OPTS= ./herald --print-java-opts) -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:InitiatingHeapOccupancyPercent=15 -XX:-G1UseAdaptiveIHOP"}
client_opts=${CLIENT_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx1g}
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d /tmp/herald-soak.XXXXXX)"
mkdir -p "$out/logs"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

ulimit -n "$(ulimit -Hn)" || true
echo "Building Herald and the load generator..."
./mvnw -q -B -pl herald-app,herald-bench -am package -DskipTests
herald_jar="$root/herald-app/target/herald.jar"
bench_jar="$root/herald-bench/target/herald-bench.jar"

# Secrets made for this run: the admin token guards /metrics (read like Prometheus, with the
# token), the subscriber key verifies the token that reads the subscriptions API. Both travel by
# environment or file, not on a command line.
HERALD_ADMIN_TOKEN="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
export HERALD_ADMIN_TOKEN
key="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
SOAK_API_TOKEN="$(java -jar "$herald_jar" token --key "$key" --issuer https://localhost \
  --audience "http://127.0.0.1:$port/.well-known/mercure" --subscribe '*' --ttl 48h)"
export SOAK_API_TOKEN
# History for resume: a slow reader away for its stall and a burst, with the subscription events
# of the churn, stays well inside 50,000 updates.
serve_flags=(--dev --bind 127.0.0.1 --port "$port" --io-threads "$threads"
  --transport sqlite --durability os --data-dir "$work/data" --history-size 50000
  --subscriptions --subscriber-jwt-key "$key" --trusted-issuer https://localhost
  --socket-send-buffer 64KiB --subscriber-buffer 256KiB)
server_info="herald serve --dev --io-threads $threads --transport sqlite --durability os --history-size 50000"
server_info+=" --subscriptions --socket-send-buffer 64KiB --subscriber-buffer 256KiB, admin token, metrics on; JVM $herald_opts"

{
  echo "date: $(date -u +%FT%TZ)"; echo "kernel: $(uname -r)"; echo "cpus: $(nproc)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "java: $(java -version 2>&1 | head -1)"; echo "herald: $server_info"; echo "client JVM: $client_opts"
  echo "soak: --minutes $minutes --sample $sample --subscribers $subscribers $load_opts"
} > "$out/env.txt"

# shellcheck disable=SC2086 # JVM options are words
java $herald_opts -jar "$herald_jar" serve "${serve_flags[@]}" >"$out/logs/herald-soak.log" 2>&1 &
server_pid=$!
for _ in $(seq 150); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "Herald did not come up: see $out/logs" >&2; exit 1; }
echo "== soak: $minutes min, Herald pid $server_pid on port $port, results in $out"

# shellcheck disable=SC2086 # the load's options are words
java $client_opts -jar "$bench_jar" soak --server-pid "$server_pid" --port "$port" --minutes "$minutes" \
  --sample "$sample" --subscribers "$subscribers" --run-id "$(date +%s)" \
  --server-info "$server_info" --out "$out" $load_opts 2>&1 | tee "$out/logs/soak-load.log"
status=${PIPESTATUS[0]}
stop_server
echo "Results: $out"
exit "$status"
