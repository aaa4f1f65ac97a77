#!/usr/bin/env bash
# Side-by-side benchmark of Herald and Nchan on this machine (GUIDE section 4), plus the fan-out
# floor: a bare C broadcaster (bench/floor/broadcaster.c) that does one send(2) per delivery. The storm
# scenario compares Herald with itself instead: --subscriptions on (system herald-subscriptions) and off.
# What metrics cost: the system herald-nometrics (Herald with --no-metrics, fan-out and burst only; not
# run unless named in --only) against herald, whose /metrics --scrape S reads every S seconds meanwhile.
# Beyond one machine (only when named in --only): herald-redis (one node, history in a fresh
# redis-server), herald-cluster (--nodes N hubs, default 3, on one Redis, each node holding the
# scenario's subscriber count, so N times as many in all; per-user publishes N times as fast) for
# fanout and peruser; herald-redis and herald-memory for durable (acknowledged publishes by store).
# Their CPU and memory count every server process, Redis included.
# Inside a Spring Boot application (only when named in --only; fanout and idle): herald-tomcat (Herald
# through its starter and Servlet adapter on Tomcat) and sseemitter (the hand-made fan-out over Spring's
# SseEmitter that applications write without Herald), both from herald-bench-spring, beside herald.
#   bench/run.sh [all|idle|fanout|burst|peruser|durable|storm] [--scale small|full] [--threads T]
#                [--subscribers N] [--duration S]      (override the scale's figures, e.g. to smoke-test)
#                [--warmup S]                           (seconds of the scenario's own load before measuring)
#                [--only "herald herald-subscriptions nchan floor"]   (a subset, e.g. one system while profiling)
#                [--rounds R]                           (repeat everything R times; the table shows medians)
#                [--rate R]                             (publishes/s instead of the scenario's default)
#                [--nodes N]                            (hubs of herald-cluster; default 3)
#                [--cluster-load per-node|same-total]   (per-node, the default: each hub holds the scenario's
#                                                        subscribers; same-total: the cluster holds them all, split
#                                                        over the hubs, so the machine does the one node's work)
#                [--scrape S]                           (GET /metrics every S seconds while a Herald runs, as
#                                                        Prometheus would; 0, the default, scrapes nothing)
#                [--request-warmup S]                   (seconds of publishing to an unwatched topic before
#                                                        subscribers connect and again after, to JIT-compile
#                                                        Herald's request path; every system gets it; 0 turns it off)
#                [--tls "h1 h2"] [--streams-per-connection N]   (Herald and Nchan over TLS, one certificate made
#                                                        for the run: h1 = HTTP/1.1, a connection per subscriber; h2 =
#                                                        HTTP/2, N subscribers' streams per connection (100); publishers
#                                                        HTTP/1.1 over TLS. The scenario is fanout unless named; not storm)
#   bench/run.sh soak [--minutes N] [--sample S] [--subscribers N] [--io-threads T] [--load "OPTIONS"]
#                One Herald (durable SQLite, --subscriptions, metrics with an admin token) under churn for N
#                minutes (default 30), sampled every S seconds (default 10): RSS, heap after GC, open files,
#                threads; soak.md has the growth verdict and the zero-loss check (bench/soak.sh, docs/benchmarks.md).
# Installs Nchan (and a C compiler for the floor) if missing, builds Herald, the load generator and
# the floor, then runs each scenario against each system (rotating which goes first; the floor runs
# the fan-out scenario only, herald-subscriptions the storm only) and writes JSON, results.md and chart.png under
# bench/results/<timestamp>/. Env overrides: HERALD_JAVA_OPTS, CLIENT_JAVA_OPTS, HERALD_PORT, NCHAN_PORT, FLOOR_PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The soak run has options and machinery of its own.
if [ "${1:-}" = soak ]; then shift; exec "$root/bench/soak.sh" "$@"; fi

what=all scale=small threads=1 n_override="" d_override="" wu_override="" w_override="" rounds=1 scrape=0
rate_override="" nodes=3 cluster_load=per-node
systems="herald herald-subscriptions nchan floor"
tls_modes=off streams_per_connection=100 named_scenario=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --subscribers) n_override="$2"; shift 2 ;;
    --duration) d_override="$2"; shift 2 ;;
    --warmup) wu_override="$2"; shift 2 ;;
    --only) systems="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --request-warmup) w_override="$2"; shift 2 ;;
    --scrape) scrape="$2"; shift 2 ;;
    --rate) rate_override="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --cluster-load) cluster_load="$2"; shift 2 ;;
    --tls) tls_modes="$2"; shift 2 ;;
    --streams-per-connection) streams_per_connection="$2"; shift 2 ;;
    all|idle|fanout|burst|peruser|durable|storm) what="$1"; named_scenario=1; shift ;;
    *) echo "usage: bench/run.sh [all|idle|fanout|burst|peruser|durable|storm|soak] [--scale small|full] [--threads T] [--rounds R] [--tls \"h1 h2\"]" >&2; exit 2 ;;
  esac
done
scenarios=(idle fanout burst peruser durable storm)
[ "$what" = all ] || scenarios=("$what")
# Over TLS: Herald and Nchan only (the floor and the Herald variants speak cleartext), the fan-out
# scenario unless another is named; the storm has a sequence of its own and stays cleartext.
if [ "$tls_modes" != off ]; then
  for m in $tls_modes; do
    [[ "$m" == h1 || "$m" == h2 ]] || { echo "--tls takes h1, h2 or \"h1 h2\"; got: $m" >&2; exit 2; }
  done
  [[ "$streams_per_connection" =~ ^[0-9]+$ ]] && (( streams_per_connection >= 1 && streams_per_connection <= 128 )) \
    || { echo "--streams-per-connection takes 1 to 128 (Herald's and nginx's limit of streams at once); got: $streams_per_connection" >&2; exit 2; }
  [ -n "$named_scenario" ] || { what=fanout; scenarios=(fanout); }
  [[ " ${scenarios[*]} " != *" storm "* ]] || { echo "the storm scenario runs in cleartext only: drop --tls or name another scenario" >&2; exit 2; }
  tls_systems=""
  for sys in $systems; do
    if [[ "$sys" == herald || "$sys" == nchan ]]; then tls_systems="$tls_systems $sys"; else echo "note: $sys does not run over TLS; skipped"; fi
  done
  systems="$tls_systems"
fi

# Per scale: subscribers per scenario, then request-path warm-up / warmup / measured / drain
# seconds. Small stays within 500 connections and 20 s per run so it can share the machine; full
# is the issue's 10k, measured once the JVM's compilers have settled (30 s of the scenario's own
# load first: with 10 s, Herald's C2 threads were still compiling inside the window). The storm's
# count is the burst's size; its 105 watchers come on top, and its warmup and measured seconds
# are filled with whole storms (at least one each).
case "$scale" in
  small) declare -A subs=([idle]=500 [fanout]=500 [burst]=100 [peruser]=500 [durable]=16 [storm]=395); request_warmup=1 warmup=3 duration=10 drain=3 ;;
  full)  declare -A subs=([idle]=10000 [fanout]=10000 [burst]=1000 [peruser]=10000 [durable]=16 [storm]=10000); request_warmup=5 warmup=30 duration=30 drain=5 ;;
  *) echo "unknown scale: $scale" >&2; exit 2 ;;
esac
if [ -n "$n_override" ]; then for k in "${!subs[@]}"; do subs[$k]=$n_override; done; fi
[ -z "$d_override" ] || duration=$d_override
[ -z "$w_override" ] || request_warmup=$w_override
[ -z "$wu_override" ] || warmup=$wu_override
# Checked before the build so a typo fails at once: require_seconds OPTION VALUE EXAMPLE
require_seconds() {
  [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "$1 takes seconds, e.g. $3; got: $2" >&2; exit 2; }
}
require_seconds --request-warmup "$request_warmup" "5 (0: none)"
require_seconds --warmup "$warmup" 10
require_seconds --scrape "$scrape" "15 (0: none)"
[ -z "$rate_override" ] || require_seconds --rate "$rate_override" "2 (publishes per second)"
[[ "$nodes" =~ ^[1-9]$ ]] || { echo "--nodes takes 1 to 9 hubs, got: $nodes" >&2; exit 2; }
[[ "$cluster_load" == per-node || "$cluster_load" == same-total ]] \
  || { echo "--cluster-load takes per-node or same-total, got: $cluster_load" >&2; exit 2; }
spring_port=${SPRING_PORT:-18086}
herald_port=${HERALD_PORT:-18080}
nchan_port=${NCHAN_PORT:-18082}
floor_port=${FLOOR_PORT:-18084}
redis_port=${REDIS_PORT:-18190}
cluster_port=${CLUSTER_PORT:-18192}   # herald-cluster's hubs: this port and the next nodes-1
herald_opts=${HERALD_JAVA_OPTS:-$(JAVA_OPTS= ./herald --print-java-opts)}  # the launcher's defaults
client_opts=${CLIENT_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx1g}
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d /tmp/herald-bench.XXXXXX)"
mkdir -p "$out/logs"
server_pid="" scraper_pid=""
extra_pids=() ports="" store_override=""   # a cluster's other hubs and Redis; its comma-separated ports

stop_scraper() {
  if [ -n "$scraper_pid" ]; then kill "$scraper_pid" 2>/dev/null || true; wait "$scraper_pid" 2>/dev/null || true; fi
  scraper_pid=""
}

start_scraper() { # port: GET /metrics every $scrape seconds (dev mode: no token needed) until stop_scraper
  [ "$scrape" != 0 ] || return 0
  ( while sleep "$scrape"; do curl -sk -o /dev/null "$scheme://127.0.0.1:$1/metrics" || true; done ) &
  scraper_pid=$!
}

stop_server() {
  stop_scraper
  local p
  for p in "$server_pid" "${extra_pids[@]}"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      kill "$p" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$p" 2>/dev/null || true
    fi
  done
  server_pid="" extra_pids=() ports="" store_override=""
}
trap 'stop_server; rm -rf "$work"' EXIT

# --- machine -----------------------------------------------------------------------------------
ulimit -n "$(ulimit -Hn)" || true
echo "open files: $(ulimit -n) (hard $(ulimit -Hn))"
if [ "$(cat /proc/sys/net/core/somaxconn)" -lt 4096 ]; then
  sysctl -qw net.core.somaxconn=4096 2>/dev/null || echo "note: could not raise net.core.somaxconn (not permitted)"
fi
# Subscribers bind 127.0.0.2.., so the default ephemeral range (about 28k ports) is per source address.
echo "ip_local_port_range: $(cat /proc/sys/net/ipv4/ip_local_port_range)"

if [ ! -f /usr/lib/nginx/modules/ngx_nchan_module.so ]; then
  echo "Installing nginx + Nchan..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-nchan >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-nchan >/dev/null; }
fi

if [[ " $systems " == *" herald-redis "* || " $systems " == *" herald-cluster "* ]] && ! command -v redis-server >/dev/null; then
  echo "Installing redis-server..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
fi

if [[ " $systems " == *" floor "* ]] && ! command -v cc >/dev/null; then
  echo "Installing a C compiler for the floor broadcaster..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null; }
fi

echo "Building Herald and the load generator..."
modules=herald-app,herald-bench
[[ " $systems " != *" herald-tomcat "* && " $systems " != *" sseemitter "* ]] || modules="$modules,herald-bench-spring"
./mvnw -q -B -pl "$modules" -am package -DskipTests
herald_jar="$root/herald-app/target/herald.jar"
spring_jar="$root/herald-bench-spring/target/herald-bench-spring.jar"
bench_jar="$root/herald-bench/target/herald-bench.jar"
floor_bin="$work/floor-broadcaster"
[[ " $systems " != *" floor "* ]] || cc -O2 -Wall -o "$floor_bin" bench/floor/broadcaster.c
transport_flag="--transport memory"  # like-for-like with Nchan's in-memory message buffer

# TLS runs: one throwaway certificate for the whole run, served by Herald and nginx alike and the
# only one the load generator trusts. EC P-256, as a current deployment would have.
tls_dir="$work/tls" tls="off" scheme=http
if [ "$tls_modes" != off ]; then
  mkdir -p "$tls_dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls_dir/key.pem" \
    -out "$tls_dir/cert.pem" -days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null
fi

# The storm's event watchers read Herald's subscription events, which takes a subscriber token: a
# key made for this run, given to Herald with and without --subscriptions alike so that the two
# differ in that flag only (publishing stays open through --dev, as everywhere else).
events_match='/.well-known/mercure/subscriptions/:type/:match/:subscriber'
watcher_key="" watcher_token=""
if [[ " ${scenarios[*]} " == *" storm "* ]]; then
  watcher_key="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
  watcher_token="$(java -jar "$herald_jar" token --key "$watcher_key" --issuer https://localhost \
    --audience "http://127.0.0.1:$herald_port/.well-known/mercure" --match-type urlpattern \
    --subscribe "$events_match" --ttl 24h)"
fi

{
  echo "date: $(date -u +%FT%TZ)"; echo "kernel: $(uname -r)"; echo "cpus: $(nproc)"
  echo "java: $(java -version 2>&1 | head -1)"; echo "nginx: $(nginx -v 2>&1)"
  echo "nchan: $(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null)"
  echo "herald: --dev --io-threads $threads $transport_flag; JVM: $herald_opts"
  echo "nchan: worker_processes $threads, in-memory message store (its only local one)"; echo "client JVM: $client_opts"; echo "scale: $scale"; echo "rounds: $rounds"
  echo "request-path warm-up: ${request_warmup} s of closed-loop publishes to an unwatched topic before subscribers connect and again after (the floor: before only; idle: none)"
  echo "floor: bench/floor/broadcaster.c, single-threaded, $(cc --version 2>/dev/null | head -1)"
  echo "scrape: GET /metrics every $scrape s while a Herald runs (0: none); herald-nometrics: Herald with --no-metrics"
  echo "redis: $(redis-server --version 2>/dev/null | head -1) (herald-redis, herald-cluster with $nodes hubs; a fresh server per run, appendonly yes, appendfsync everysec)"
  echo "storm: herald with and without --subscriptions, both with --subscriber-jwt-key (random) --trusted-issuer https://localhost for the event watchers"
  if [ "$tls_modes" != off ]; then
    echo "tls: modes $tls_modes (h2: $streams_per_connection streams per connection; publishers HTTP/1.1 over TLS); one self-signed EC P-256 certificate for the run, Herald and nginx alike ($(openssl version))"
    echo "tls: Herald --tls-cert/--tls-key (provider auto: BoringSSL where it loads), TLS 1.3 and 1.2; nginx bench/nchan-tls.conf (listen ssl http2, TLS 1.3 and 1.2, the same TLS 1.2 suites as Herald)"
  fi
} > "$out/env.txt"

wait_http() { # port: up when anything answers within 30 s (several JVMs may be starting at once; $scheme:
             # https in TLS runs, the run's certificate not checked)
  for _ in $(seq 300); do curl -sk -o /dev/null "$scheme://127.0.0.1:$1/" && return 0; sleep 0.1; done
  echo "server on port $1 did not come up" >&2; return 1
}

start_herald() { # scenario round [log name, then extra serve flags]
  local store=$transport_flag name=${3:-herald} extra=("${@:4}")
  if [ -n "$store_override" ]; then
    store=$store_override
  elif [ "$1" = durable ]; then # the default durable store, on a fresh file
    rm -rf "$work/herald-data"; store="--transport sqlite --durability os --data-dir $work/herald-data"
  fi
  [ "$1" != storm ] || extra+=(--subscriber-jwt-key "$watcher_key" --trusted-issuer https://localhost)
  [ "$tls" = off ] || extra+=(--tls-cert "$tls_dir/cert.pem" --tls-key "$tls_dir/key.pem")
  java $herald_opts -jar "$herald_jar" serve --dev --bind 127.0.0.1 --port "$herald_port" \
    --io-threads "$threads" $store "${extra[@]}" >"$out/logs/$name-$1-r$2$log_suffix.log" 2>&1 &
  server_pid=$!; port=$herald_port
  server_info="--io-threads $threads $transport_flag (durable: SQLite, durability os), JVM $herald_opts"
  [ "$1" != storm ] || server_info="--io-threads $threads $transport_flag --subscriber-jwt-key (random) --trusted-issuer https://localhost, JVM $herald_opts"
  wait_http "$port"
  # Herald's log names the TLS implementation it took (BoringSSL or the JDK).
  [ "$tls" = off ] || server_info="$server_info, $(grep -o 'TLS with [A-Za-z ]*' "$out/logs/$name-$1-r$2$log_suffix.log" | head -1 || echo 'TLS')"
}

start_herald_subscriptions() { # scenario round
  start_herald "$1" "$2" herald-subscriptions --subscriptions
}

start_herald_nometrics() { # scenario round
  start_herald "$1" "$2" herald-nometrics --no-metrics
  server_info="$server_info, --no-metrics"
}

start_redis() { # scenario round system: a fresh redis-server, persistence like SQLite's --durability os
  local dir="$work/redis"; rm -rf "$dir"; mkdir -p "$dir"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes \
    --appendfsync everysec >"$out/logs/redis-$3-$1-r$2.log" 2>&1 &
  extra_pids+=($!)
  for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server on port $redis_port did not come up" >&2; return 1
}

start_herald_redis() { # scenario round
  start_redis "$1" "$2" herald-redis
  store_override="--transport redis --redis-url redis://127.0.0.1:$redis_port"
  start_herald "$1" "$2" herald-redis
  ports=$port
  server_info="--io-threads $threads --transport redis (redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), appendonly yes, appendfsync everysec), JVM $herald_opts"
}

start_herald_memory() { # scenario round: the durable scenario with the in-memory history
  store_override="$transport_flag"
  start_herald "$1" "$2" herald-memory
  server_info="--io-threads $threads $transport_flag, JVM $herald_opts"
}

start_herald_cluster() { # scenario round: $nodes hubs on one Redis; server_pid is the first hub
  start_redis "$1" "$2" herald-cluster
  local i hub_port list=() pid_of_first=""
  for ((i = 0; i < nodes; i++)); do
    hub_port=$((cluster_port + i))
    java $herald_opts -jar "$herald_jar" serve --dev --bind 127.0.0.1 --port "$hub_port" --io-threads "$threads" \
      --transport redis --redis-url "redis://127.0.0.1:$redis_port" >"$out/logs/herald-cluster-$1-r$2-node$i.log" 2>&1 &
    if [ -z "$pid_of_first" ]; then pid_of_first=$!; else extra_pids+=($!); fi
    list+=("$hub_port")
    wait_http "$hub_port"   # one JVM starting at a time, as a rolling deployment would
  done
  server_pid=$pid_of_first; port=$cluster_port
  ports=$(IFS=,; echo "${list[*]}")
  server_info="$nodes hubs, each --io-threads $threads --transport redis, on one redis-server (appendonly yes, appendfsync everysec), JVM $herald_opts"
}

start_spring() { # scenario round profile: one Spring Boot application on Tomcat (herald-bench-spring)
  java $herald_opts -jar "$spring_jar" --spring.profiles.active="$3" --server.address=127.0.0.1 \
    --server.port="$spring_port" >"$out/logs/spring-$3-$1-r$2.log" 2>&1 &
  server_pid=$!; port=$spring_port
  server_info="Spring Boot 4.0 on Tomcat, profile $3 (herald-bench-spring), JVM $herald_opts"
  wait_http "$port"
}

start_herald_tomcat() { start_spring "$1" "$2" herald; }

start_sseemitter() { start_spring "$1" "$2" sseemitter; }

start_nchan() {
  local prefix="$work/nchan"; rm -rf "$prefix"; mkdir -p "$prefix/logs"
  local listen_flags=""
  : >"$prefix/tls.conf"  # included by nchan.conf: empty in cleartext
  if [ "$tls" != off ]; then
    listen_flags=" ssl http2"
    sed -e "s#@CERT@#$tls_dir/cert.pem#g; s#@KEY@#$tls_dir/key.pem#g" bench/nchan-tls.conf >"$prefix/tls.conf"
  fi
  sed -e "s#@PREFIX@#$prefix#g; s#@PORT@#$nchan_port#g; s#@WORKERS@#$threads#g; s#@LISTEN_FLAGS@#$listen_flags#g" \
    bench/nchan.conf >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' >"$out/logs/nchan-$1-r$2$log_suffix.log" 2>&1 &
  server_pid=$!; port=$nchan_port
  server_info="nginx $(nginx -v 2>&1 | sed 's#.*/##'), nchan $(dpkg-query -W -f='${Version}' libnginx-mod-nchan), worker_processes $threads"
  [ "$tls" = off ] || server_info="$server_info, listen ssl http2 (bench/nchan-tls.conf), $(nginx -V 2>&1 | grep -o 'built with OpenSSL [0-9.a-z]*' || echo OpenSSL)"
  wait_http "$port"
}

start_floor() {
  "$floor_bin" "$floor_port" >"$out/logs/floor-$1-r$2.log" 2>&1 &
  server_pid=$!; port=$floor_port
  server_info="bare C epoll broadcaster, one send(2) per delivery (bench/floor/broadcaster.c)"
  wait_http "$port"
}

run_one() { # scenario system round [tls mode: off, h1, h2]
  local scenario=$1 system=$2 round=$3 n=${subs[$1]}
  local shards=$(( (n + 14999) / 15000 )) run_id dir storm=() rate=() tls_args=()
  # A cluster's nodes each hold the one node's subscribers, spread by shard: a multiple of the nodes.
  if [ "$system" = herald-cluster ] && [ "$cluster_load" = same-total ]; then
    shards=$nodes  # the one node's subscribers, one shard per hub
  elif [ "$system" = herald-cluster ]; then
    shards=$(( shards * nodes )); n=$(( n * nodes ))
  fi
  [ -z "$rate_override" ] || rate=(--rate "$rate_override")
  # The servers' start functions read the mode (and $scheme, $log_suffix) from these globals.
  tls=${4:-off} scheme=http log_suffix=""
  if [ "$tls" != off ]; then
    scheme=https log_suffix="-tls-$tls"
    tls_args=(--tls "$tls" --tls-cert "$tls_dir/cert.pem" --streams-per-connection "$streams_per_connection")
  fi
  # A fresh rendezvous directory per run: a later round must not see an earlier round's signals.
  run_id="$(date +%s)$RANDOM"; dir="$work/$scenario-$system-r$round$log_suffix"; mkdir -p "$dir"
  "start_${system//-/_}" "$scenario" "$round"
  [ -n "$ports" ] || ports=$port
  local server_pids
  server_pids=$(IFS=,; echo "$server_pid${extra_pids[*]:+,${extra_pids[*]}}")
  # Both Herald variants are scraped alike (metrics off answers 404), so only the serving differs.
  [[ "$system" != herald* ]] || start_scraper "$port"
  echo "== $scenario / $system${log_suffix:+ (TLS $tls)}: $n subscribers, $shards shard(s), server pid $server_pid"
  local target=${system%-subscriptions} label=()
  case "$system" in
    herald-nometrics) target=herald; label=(--label "Herald, metrics off") ;;
    herald-redis) target=herald; label=(--label "Herald, 1 node on Redis") ;;
    herald-memory) target=herald; label=(--label "Herald, memory") ;;
    herald-cluster) target=herald; label=(--label "Herald, $nodes nodes on Redis") ;;
    herald-tomcat) target=herald; label=(--label "Herald on Tomcat") ;;
    sseemitter) target=herald; label=(--label "SseEmitter on Tomcat") ;;
  esac
  local common=(--target "$target" --scenario "$scenario" --subscribers "$n" --port "$ports"
                --run-id "$run_id" --work "$dir" "${tls_args[@]}")
  if [ "$scenario" = storm ]; then
    storm=(--subscriptions "$([ "$system" = herald-subscriptions ] && echo on || echo off)"
           --watcher-token "$watcher_token" --events-match "$events_match")
  fi
  local pids=()
  for ((i = 0; i < shards; i++)); do
    java $client_opts -jar "$bench_jar" shard "${common[@]}" --shard "$i/$shards" >"$out/logs/$scenario-$system-r$round$log_suffix-shard-$i.log" 2>&1 &
    pids+=($!)
  done
  java $client_opts -jar "$bench_jar" coordinate "${common[@]}" --shards "$shards" --server-pid "$server_pids" "${rate[@]}" \
    --request-warmup "$request_warmup" --warmup "$warmup" --duration "$duration" --drain "$drain" --scale "$scale" \
    --server-info "$server_info" --client-info "$client_opts" "${storm[@]}" "${label[@]}" --out "$out/$scenario-$system-r$round$log_suffix.json" || true
  for p in "${pids[@]}"; do wait "$p" || echo "shard $p failed: see $out/logs" >&2; done
  stop_server
}

# Alternate which system goes first, scenario after scenario and round after round. The floor
# only broadcasts, so it runs the fan-out scenario alone; the storm compares Herald with
# --subscriptions against Herald without (Nchan has no subscription events), and only the storm.
# Over TLS, each mode is run like a scenario of its own: Herald and Nchan side by side, alternating.
i=0
for ((r = 1; r <= rounds; r++)); do
  for s in "${scenarios[@]}"; do
    for mode in $tls_modes; do
      order=(herald herald-nometrics herald-subscriptions herald-redis herald-memory herald-cluster herald-tomcat sseemitter nchan floor)
      (( i % 2 == 0 )) || order=(floor nchan sseemitter herald-tomcat herald-cluster herald-memory herald-redis herald-subscriptions herald-nometrics herald)
      for system in "${order[@]}"; do
        case "$system/$s" in
          floor/fanout | herald-subscriptions/storm | herald-nometrics/fanout | herald-nometrics/burst) ;;
          herald-redis/fanout | herald-redis/peruser | herald-redis/durable | herald-memory/durable) ;;
          herald-cluster/fanout | herald-cluster/peruser) ;;
          herald-tomcat/fanout | herald-tomcat/idle | sseemitter/fanout | sseemitter/idle) ;;
          floor/* | herald-subscriptions/* | herald-nometrics/* | herald-redis/* | herald-memory/* | herald-cluster/*) continue ;;
          herald-tomcat/* | sseemitter/*) continue ;;
          nchan/storm) continue ;;
        esac
        [[ " $systems " == *" $system "* ]] && run_one "$s" "$system" "$r" "$mode"
      done
      i=$((i + 1))
    done
  done
done

java $client_opts -jar "$bench_jar" report --dir "$out"
echo "Results: $out"
