#!/usr/bin/env bash
# One vs two sdedsl worker processes, each pinned to a core of its own (taskset -c 0, -c 1; --work-items 1), for a
# compute-heavy run (AdamW's SDE, d = 16, 65,536 paths × 1,000 steps, 16 work items), and the overhead per work item.
# The same run in process on one thread, pinned to core 0, is the reference; pinned to core 1, it gives the bound on the
# speed-up when the two cores are not equally fast. Prints the machine, the load before and after, every median, and
# the speed-up of two workers over one: from the separate one- and two-worker sessions, and (the steadier figure on a
# machine whose speed drifts) from one session with both workers up that alternates runs limited to the core-0 worker
# (MaxWorkers = 1) with runs on both, 2N + 1 pairs.
#   tests/Distributed/benchmark.sh [--repeats N] [--item-paths P]   (default 3 timed runs after a warm-up, items of 4,096
#   paths, so 16 items; about 4 minutes)
#   tests/Distributed/benchmark.sh --item-paths 1024,4096   (one worker only: the two sizes timed in turn in one session,
#   and the cost of an extra work item from the difference; about 2 minutes)
# The client runs unpinned and shares the two cores with the workers; for its first seconds its runtime's tiered JIT
# thread takes about 15 % of a core (perf: 85 % of the client's samples in ".NET Tiered Compilation"). CLIENT_NICE=19
# runs it at the lowest priority so that this comes out of idle time (default 0: normal priority; four alternations
# showed no difference beyond this VM's drift, see docs/performance-log.md).
# Needs taskset (util-linux) and two cores. NO_BUILD=1 skips the Release builds of the tool and the client.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
repeats=3
item_paths=4096
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) repeats=$2; shift 2 ;;
    --item-paths) item_paths=$2; shift 2 ;;
    *) echo "usage: $0 [--repeats N] [--item-paths P]" >&2; exit 2 ;;
  esac
done
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build "$repo/src/SdeDsl.Cli" -c Release -v q -nologo >/dev/null
  dotnet build "$repo/tests/Distributed/Scaling" -c Release -v q -nologo >/dev/null
fi
sdedsl="dotnet $repo/src/SdeDsl.Cli/bin/Release/net10.0/SdeDsl.Cli.dll"
scaling="dotnet $repo/tests/Distributed/Scaling/bin/Release/net10.0/Scaling.dll"
client_nice=${CLIENT_NICE:-0}
client="$scaling"
[ "$client_nice" != 0 ] && client="nice -n $client_nice $scaling"
work=$(mktemp -d)
cluster_id="benchmark-$$"
# shellcheck source=worker-processes.sh
. "$(dirname "$0")/worker-processes.sh"
trap 'stop_workers; rm -rf "$work"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(dotnet --version) SDK, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(uptime | sed 's/.*load average: //')"
echo "client: unpinned, nice $client_nice (CLIENT_NICE)"
if [[ "$item_paths" != *,* ]]; then
  taskset -c 0 $scaling --local --repeats "$repeats" | tee "$work/core0.txt"
  # The cores of a VM need not be equally fast (vCPUs share the host's cores): the same run on core 1 bounds what two
  # workers can reach, 1 + T(core 0) / T(core 1) over the worker on core 0.
  echo "-- in process on core 1"
  taskset -c 1 $scaling --local --whole-only --repeats "$repeats" | tee "$work/core1.txt"
  t0=$(sed -n 's/^local, 1 thread: median \([0-9.]*\) s.*/\1/p' "$work/core0.txt")
  t1=$(sed -n 's/^local, 1 thread: median \([0-9.]*\) s.*/\1/p' "$work/core1.txt")
  echo "core 1 runs at $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", a / b }') of core 0's speed: two workers can reach at most $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", 1 + a / b }')x"
fi

silo1=$(free_port); gate1=$(free_port); silo2=$(free_port); gate2=$(free_port)
# The alternating run's one worker is the first silo in address order: make it the core-0 worker.
if [ "$silo2" -lt "$silo1" ]; then t=$silo1; silo1=$silo2; silo2=$t; fi
start_worker "$work/w1.log" taskset -c 0 $sdedsl worker --silo-port "$silo1" --gateway-port "$gate1" --cluster-id "$cluster_id" --work-items 1
await_worker "$work/w1.log" "${pids[0]}" || { echo "worker 1 did not start"; cat "$work/w1.log"; exit 1; }
echo "-- one worker (core 0)"
$client --cluster "$cluster_id@localhost:$gate1" --compute --item-paths "$item_paths" --repeats "$repeats" | tee "$work/one.txt"
if [[ "$item_paths" == *,* ]]; then
  echo "load after: $(uptime | sed 's/.*load average: //')"
  exit 0
fi

start_worker "$work/w2.log" taskset -c 1 $sdedsl worker --silo-port "$silo2" --gateway-port "$gate2" --primary "127.0.0.1:$silo1" --cluster-id "$cluster_id" --work-items 1
await_worker "$work/w2.log" "${pids[1]}" || { echo "worker 2 did not start"; cat "$work/w2.log"; exit 1; }
echo "-- two workers (cores 0 and 1)"
$client --cluster "$cluster_id@localhost:$gate1,localhost:$gate2" --compute --item-paths "$item_paths" --overhead --repeats "$repeats" | tee "$work/two.txt"
echo "-- one worker (core 0) and two, alternating in one session (both workers up; MaxWorkers = 1, then 2)"
$client --cluster "$cluster_id@localhost:$gate1,localhost:$gate2" --alternate --item-paths "$item_paths" --repeats "$((2 * repeats + 1))" | tee "$work/alternate.txt"

one=$(sed -n 's/^compute: median \([0-9.]*\) s.*/\1/p' "$work/one.txt")
two=$(sed -n 's/^compute: median \([0-9.]*\) s.*/\1/p' "$work/two.txt")
# The alternating figure is the measure: its pairs run seconds apart, the separate sessions minutes apart, and this
# VM's speed moves by more than the target's margin within minutes.
echo "speed-up, two workers over one (target >= 1.7x):"
echo "  alternating in one session: $(sed -n 's/^speed-up, alternating in one session: //p' "$work/alternate.txt")"
echo "  separate sessions, minutes apart (drift-prone): $(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", a / b }')x"
echo "load after: $(uptime | sed 's/.*load average: //')"
