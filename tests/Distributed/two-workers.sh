#!/usr/bin/env bash
# Starts two sdedsl worker processes on localhost (a primary and a second silo), runs one simulation through them and
# the same simulation in process, and compares the two CSV files byte for byte (the same bits). Checks too that both
# workers ran work items. Exit code 0 and a line "PASS: …" when the bits agree; 1 and "FAIL: …" otherwise.
#   tests/Distributed/two-workers.sh [simulate arguments…]
# Default simulation: SignSGD's optimizer and SDE on a quadratic. To run a model of your own give its model name and
# --assembly PATH (a path both workers can read; here they share the machine), e.g.
#   tests/Distributed/two-workers.sh GainSgd --assembly ./MyModels.dll --set Eta=0.01,Gain=2 --objective quadratic:1 --noise gaussian:1
# Environment:
#   SDEDSL           the tool's command (default: dotnet on the Release build of src/SdeDsl.Cli)
#   SDEDSL_PORTS     four free ports "silo1 silo2 gateway1 gateway2" (default: picked here, probing random ports)
#   WORK_ITEM_PATHS  paths per work item of the cluster run (default 1024, so that both workers get items)
#   START_TIMEOUT    seconds to wait for each worker to come up (default 45)
#   CLUSTERING       "development" (default: a primary worker and a second naming it) or "redis": both workers and
#                    the client use --cluster redis://…; the script starts a throw-away redis-server on a free port
#                    (it must be on PATH), unless REDIS=host:port names a running one
# The workers are always stopped (SIGTERM, then SIGKILL after 10 s), whatever happens, on exit, Ctrl+C or SIGTERM.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sdedsl=${SDEDSL:-"dotnet $repo/src/SdeDsl.Cli/bin/Release/net10.0/SdeDsl.Cli.dll"}
work_item_paths=${WORK_ITEM_PATHS:-1024}
start_timeout=${START_TIMEOUT:-45}
work=$(mktemp -d)
cluster_id="two-workers-$$"
clustering=${CLUSTERING:-development}
redis_pid=
# shellcheck source=worker-processes.sh
. "$(dirname "$0")/worker-processes.sh"

local_pid=
cleanup() {
  [ -n "$local_pid" ] && { kill -KILL "$local_pid" 2>/dev/null || true; wait "$local_pid" 2>/dev/null || true; }
  stop_workers
  [ -n "$redis_pid" ] && { kill -TERM "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Starts the two workers on the ports $1..$4; returns non-zero (workers stopped) if either does not come up.
start_workers() {
  local silo1=$1 silo2=$2 gate1=$3 gate2=$4
  if [ "$clustering" = redis ]; then
    # No primary: both register in Redis, so they may start together.
    start_worker "$work/w1.log" $sdedsl worker --silo-port "$silo1" --gateway-port "$gate1" --cluster "$cluster_spec"
    start_worker "$work/w2.log" $sdedsl worker --silo-port "$silo2" --gateway-port "$gate2" --cluster "$cluster_spec"
    await_worker "$work/w1.log" "${pids[0]}" && await_worker "$work/w2.log" "${pids[1]}" || { stop_workers; return 1; }
  else
    start_worker "$work/w1.log" $sdedsl worker --silo-port "$silo1" --gateway-port "$gate1" --cluster-id "$cluster_id"
    await_worker "$work/w1.log" "${pids[0]}" || { stop_workers; return 1; }
    start_worker "$work/w2.log" $sdedsl worker --silo-port "$silo2" --gateway-port "$gate2" --primary "127.0.0.1:$silo1" --cluster-id "$cluster_id"
    await_worker "$work/w2.log" "${pids[1]}" || { stop_workers; return 1; }
    cluster_spec="$cluster_id@localhost:$gate1,localhost:$gate2"
  fi
}

if [ $# -eq 0 ]; then
  set -- SignSgd --set Eta=0.01 --objective quadratic:1,2,4 --noise gaussian:1 --paths 8192 --steps 300
fi

if [ "$clustering" = redis ]; then
  if [ -z "${REDIS:-}" ]; then
    command -v redis-server >/dev/null || { echo "FAIL: CLUSTERING=redis needs redis-server on PATH (or REDIS=host:port)"; exit 1; }
    redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 & redis_pid=$!
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
    REDIS="127.0.0.1:$redis_port"
  fi
  cluster_spec="$cluster_id@redis://$REDIS"
fi

# The local run goes on while the workers start (it needs no cluster).
$sdedsl simulate "$@" --out "$work/local" >"$work/local.log" 2>&1 & local_pid=$!

# Ports: given, or picked here; a port taken between the pick and the bind (another process on a busy machine) makes
# the worker fail at once, and the workers are started again on new ports (three tries).
started=0
for try in 1 2 3; do
  if [ -n "${SDEDSL_PORTS:-}" ] && [ $try -eq 1 ]; then
    read -r p1 p2 p3 p4 <<<"$SDEDSL_PORTS"
  else
    p1=$(free_port); p2=$(free_port); p3=$(free_port); p4=$(free_port)
  fi
  if start_workers "$p1" "$p2" "$p3" "$p4"; then started=1; break; fi
  echo "workers did not start on ports $p1 $p2 $p3 $p4 (try $try):"; cat "$work"/w*.log
done
[ $started -eq 1 ] || { echo "FAIL: the workers did not start"; exit 1; }
echo "workers up after $SECONDS s"

$sdedsl simulate "$@" --out "$work/cluster" --cluster "$cluster_spec" --work-item-paths "$work_item_paths" >"$work/cluster.log" 2>&1 \
  || { echo "FAIL: the cluster run failed"; cat "$work/cluster.log" "$work"/w*.log; exit 1; }
echo "cluster run done after $SECONDS s"
wait "$local_pid" || { echo "FAIL: the local run failed"; cat "$work/local.log"; exit 1; }

summary=$(grep -m1 '^cluster: ' "$work/cluster.log" || true)
echo "${summary:-no cluster summary}"
csv=$(cd "$work/local" && ls *.csv)
if ! cmp -s "$work/local/$csv" "$work/cluster/$csv"; then
  echo "FAIL: the cluster's $csv differs from the local one"; diff "$work/local/$csv" "$work/cluster/$csv" | head; exit 1
fi
if ! grep -q ' on 2 workers ' <<<"$summary"; then
  echo "FAIL: the bits agree, but not both workers ran work items"; exit 1
fi
echo "PASS: two workers gave the bits of the local run ($csv, $(wc -l < "$work/local/$csv") lines)"
