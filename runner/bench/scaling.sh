#!/bin/bash
# Bytes on each task's link per training step, and steps/s, for multi_worker_mirrored over 1, 2 and
# 4 tasks, with the hub all-reduce (strategy.all_reduce: hub, TF's ReductionToOneDevice) and the
# ring (all_reduce: ring). Each task is a JVM in its own Linux network namespace, joined to the
# others through a veth pair and a bridge, its egress limited by `tc tbf` to $RATE: the bytes are
# what crosses a real link (read from /sys/class/net/<veth>/statistics on the bridge side), not
# loopback. See docs/scaling.md for the figures and the model built on them.
#
#   sudo runner/bench/scaling.sh                     # defaults below; root for ip netns and tc
#   RATE=100mbit STEPS=300 JOB=my.yaml sudo -E runner/bench/scaling.sh
#
# JOB      a multi_worker_mirrored job (default examples/multi-worker.yaml: 784-256-10 MLP, 203,530
#          parameters, global batch 128); its cluster is replaced, checkpoints and eval are turned off
# STEPS    training steps per run (default 200); bytes and time are counted from step WARMUP to
#          step STEPS - 10
# WARMUP   steps left out of the figures: graph set-up, first-step allocation (default 50)
# RATE     the bandwidth of every task's link (default 1gbit; tc units)
# TASKS    the task counts (default "1 2 4"); REDUCTIONS (default "hub ring")
# OUT      where logs, run directories and scaling.csv go (default a new temporary directory)
#
# Run from the repository root after `mvn -o package` (runner/target/runner.jar). Needs root, ip,
# tc (iproute2) and the 10.77.0.0/24 subnet unused. Task 0's counters include its input feed (the
# job's batches go from task 0 to the other tasks' replicas) and the master's RPCs.
set -euo pipefail
JAR=${JAR:-$PWD/runner/target/runner.jar}
JOB=${JOB:-examples/multi-worker.yaml}
STEPS=${STEPS:-200}
WARMUP=${WARMUP:-50}
RATE=${RATE:-1gbit}
TASKS=${TASKS:-"1 2 4"}
REDUCTIONS=${REDUCTIONS:-"hub ring"}
OUT=${OUT:-$(mktemp -d /tmp/inscope-scaling.XXXXXX)}
PORT=2222
LOG_EVERY=1
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT"
[ "$(id -u)" = 0 ] || { echo "scaling.sh: needs root (ip netns, tc)" >&2; exit 77; }
[ -f "$JAR" ] || { echo "scaling.sh: $JAR missing; run mvn -o package first" >&2; exit 66; }

PIDS=()
MAXTASKS=$(for n in $TASKS; do echo "$n"; done | sort -n | tail -1)
teardown() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  PIDS=()
  for ((i = 0; i < MAXTASKS; i++)); do ip netns del "inscope$i" 2>/dev/null || true; done
  ip link del inscopebr 2>/dev/null || true
}
trap teardown EXIT

# a bridge, and per task a namespace inscope<i> whose eth0 (10.77.0.<i+1>) pairs with veth
# inscopev<i> on the bridge; tbf shapes what the task sends
network() {
  ip link add inscopebr type bridge
  ip link set inscopebr up
  for ((i = 0; i < MAXTASKS; i++)); do
    ip netns add "inscope$i"
    ip link add "inscopev$i" type veth peer name eth0 netns "inscope$i"
    ip link set "inscopev$i" master inscopebr up
    ip -n "inscope$i" addr add "10.77.0.$((i + 1))/24" dev eth0
    ip -n "inscope$i" link set eth0 up
    ip -n "inscope$i" link set lo up
    ip netns exec "inscope$i" tc qdisc add dev eth0 root tbf rate "$RATE" burst 256kb latency 100ms
  done
}

# tx and rx bytes of tasks 0..n-1, as the task sees them (the bridge side's rx is the task's tx)
counters() {
  local n=$1 line=""
  for ((i = 0; i < n; i++)); do
    line+=" $(cat /sys/class/net/inscopev$i/statistics/rx_bytes) $(cat /sys/class/net/inscopev$i/statistics/tx_bytes)"
  done
  echo "$line"
}

last_step() {
  grep -o '"split":"train","step":[0-9]*' "$1" 2>/dev/null | tail -1 | grep -o '[0-9]*$' || true
}

run() {
  local n=$1 reduce=$2 tag="$2-$1" addresses="" workers=""
  for ((i = 0; i < n; i++)); do
    addresses+="${addresses:+,}10.77.0.$((i + 1)):$PORT"
  done
  for ((i = 1; i < n; i++)); do
    ip netns exec "inscope$i" java -jar "$JAR" worker --cluster "$addresses" --task "$i" >"$OUT/$tag-worker$i.log" 2>&1 &
    PIDS+=($!)
  done
  for ((i = 1; i < n; i++)); do
    for _ in $(seq 600); do grep -q "serving at" "$OUT/$tag-worker$i.log" && break; sleep 0.1; done
  done
  ip netns exec inscope0 java -jar "$JAR" run "$JOB" --output "$OUT/$tag" --fresh --quiet \
    --set "cluster.workers=[$addresses]" --set cluster.deadline=120s \
    --set strategy.type=multi_worker_mirrored --set "strategy.all_reduce=$reduce" \
    --set "train.steps=$STEPS" --set "train.log_every_steps=$LOG_EVERY" --set train.eval_every=never \
    --set "checkpoint.every_steps=$((STEPS * 10))" >"$OUT/$tag-chief.log" 2>&1 &
  local chief=$! seen="" samples="$OUT/$tag.samples"
  : >"$samples"
  while kill -0 "$chief" 2>/dev/null; do
    local s
    s=$(last_step "$OUT/$tag/metrics.jsonl")
    if [ -n "$s" ] && [ "$s" != "$seen" ]; then
      echo "$s $(date +%s.%N)$(counters "$n")" >>"$samples"
      seen=$s
    fi
    sleep 0.02
  done
  wait "$chief" || { echo "scaling.sh: $tag failed, see $OUT/$tag-chief.log" >&2; tail -5 "$OUT/$tag-chief.log" >&2; exit 70; }
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  # a sample is taken when a step's metrics line appears, so it may include part of the next step:
  # both ends are taken while training runs (from WARMUP to 10 steps before the end), so that part
  # is on both sides and cancels
  awk -v warm="$WARMUP" -v last="$((STEPS - 10))" -v n="$n" -v reduce="$reduce" '
    $1 >= warm && !first { split($0, a); first = 1 }
    $1 <= last { split($0, b) }
    END {
      steps = b[1] - a[1]
      if (steps <= 0) { print "no steps measured" > "/dev/stderr"; exit 1 }
      for (i = 0; i < n; i++) {
        printf "%s,%d,%d,%.0f,%.0f,%.2f\n", reduce, n, i, (b[3 + 2 * i] - a[3 + 2 * i]) / steps,
          (b[4 + 2 * i] - a[4 + 2 * i]) / steps, steps / (b[2] - a[2])
      }
    }' "$samples" >>"$OUT/scaling.csv"
}

network
echo "all_reduce,tasks,task,tx_bytes_per_step,rx_bytes_per_step,steps_per_s" >"$OUT/scaling.csv"
for n in $TASKS; do
  for reduce in $REDUCTIONS; do
    # one task has one replica: nothing to reduce, hub and ring are the same run
    if [ "$n" = 1 ] && [ "$reduce" != "$(echo $REDUCTIONS | cut -d' ' -f1)" ]; then
      continue
    fi
    run "$n" "$reduce"
  done
done
echo "job $JOB, $STEPS steps (from step $WARMUP), links of $RATE; $OUT/scaling.csv:"
column -s, -t "$OUT/scaling.csv"
