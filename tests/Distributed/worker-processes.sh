# Sourced by two-workers.sh and benchmark.sh: starting sdedsl worker processes on localhost and always stopping them.
# The sourcing script sets $work (a scratch folder) and may set $start_timeout (seconds, default 45); it calls
# stop_workers from its own EXIT trap (a trap of its own replaces this file's).

pids=()
start_timeout=${start_timeout:-45}

# Stops every started worker: SIGTERM (a clean leave), then SIGKILL for any still running after 10 s.
stop_workers() {
  local p alive
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
}

# A port nothing listens on (bash's /dev/tcp: a refused connection means free), from a random start in 20000–59999.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# Starts a worker: start_worker LOG COMMAND… (COMMAND may start with taskset and the like); its pid joins $pids.
start_worker() {
  local log=$1; shift
  "$@" >"$log" 2>&1 & pids+=($!)
}

# Waits until the worker whose log is $1 (process $2) says "worker up"; fails when it exits or the time is up.
await_worker() {
  local log=$1 pid=$2 deadline=$((SECONDS + start_timeout))
  while [ $SECONDS -lt $deadline ]; do
    grep -qs "worker up" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
