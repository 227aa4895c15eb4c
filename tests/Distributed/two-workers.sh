#!/usr/bin/env bash
# Starts two sdedsl worker processes on localhost (a primary and a second silo), runs one simulation through them and
# the same simulation in process, and compares the two CSV files byte for byte (the same bits).
#   tests/Distributed/two-workers.sh [simulate arguments…]
# Default simulation: SignSGD's optimizer and SDE on a quadratic. Give a model of your own with --assembly (a path both
# workers can read). SDEDSL overrides the tool's command (default: the Release build of src/SdeDsl.Cli).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
sdedsl=${SDEDSL:-"dotnet $repo/src/SdeDsl.Cli/bin/Release/net10.0/SdeDsl.Cli.dll"}
work=$(mktemp -d)
base=$(( 20000 + RANDOM % 20000 ))
silo1=$base; silo2=$((base + 1)); gate1=$((base + 2)); gate2=$((base + 3))
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ $# -eq 0 ]; then
  set -- SignSgd --set Eta=0.01 --objective quadratic:1,2,4 --noise gaussian:1 --paths 8192 --steps 300
fi

$sdedsl worker --silo-port $silo1 --gateway-port $gate1 --cluster-id two-workers >"$work/w1.log" 2>&1 & pids+=($!)
for _ in $(seq 1 60); do grep -q "worker up" "$work/w1.log" && break; sleep 0.5; done
$sdedsl worker --silo-port $silo2 --gateway-port $gate2 --primary 127.0.0.1:$silo1 --cluster-id two-workers >"$work/w2.log" 2>&1 & pids+=($!)
for _ in $(seq 1 60); do grep -q "worker up" "$work/w2.log" && break; sleep 0.5; done
grep -q "worker up" "$work/w1.log" && grep -q "worker up" "$work/w2.log" || { echo "FAIL: the workers did not start"; cat "$work"/w*.log; exit 1; }

$sdedsl simulate "$@" --out "$work/cluster" --cluster two-workers@localhost:$gate1,localhost:$gate2 >"$work/cluster.log" 2>&1 \
  || { echo "FAIL: the cluster run failed"; cat "$work/cluster.log"; exit 1; }
$sdedsl simulate "$@" --out "$work/local" >"$work/local.log" 2>&1 || { echo "FAIL: the local run failed"; cat "$work/local.log"; exit 1; }
csv=$(cd "$work/local" && ls *.csv)
if cmp -s "$work/local/$csv" "$work/cluster/$csv"; then
  echo "PASS: two workers gave the bits of the local run ($csv, $(wc -l < "$work/local/$csv") lines)"
else
  echo "FAIL: the cluster's $csv differs from the local one"; diff "$work/local/$csv" "$work/cluster/$csv" | head; exit 1
fi
