#!/bin/bash
# Bytes on each task's link per training step, and steps/s, for multi_worker_mirrored over 1, 2 and
# 4 tasks: in graph with the hub all-reduce (strategy.all_reduce: hub, TF's ReductionToOneDevice)
# and the ring (all_reduce: ring), task 0 feeding every batch; and between graphs ("collective":
# every task runs the job with TF_CONFIG, reads its own share and all-reduces with
# CollectiveReduceV2). Each task is a JVM in its own Linux network namespace, joined to the
# others through a veth pair and a bridge, its egress limited by `tc tbf` to $RATE: the bytes are
# what crosses a real link (read from /sys/class/net/<veth>/statistics on the bridge side), not
# loopback. See docs/scaling.md for the figures and the model built on them.
#
#   sudo runner/bench/scaling.sh                     # defaults below; root for ip netns and tc
#   RATE=100mbit STEPS=300 JOB=my.yaml sudo -E runner/bench/scaling.sh
#
# JOB      a multi_worker_mirrored job (default examples/multi-worker.yaml: 784-256-10 MLP, 203,530
#          parameters, global batch 128); its cluster is replaced, checkpoints and eval are turned off
# STEPS    training steps of the long run (default 250)
# WARMUP   training steps of the short run (default 50): per step = (long - short) / (STEPS - WARMUP),
#          so connecting, sending the graph, initializing and the final checkpoint cancel
# RATE     the bandwidth of every task's link (default 1gbit; tc units)
# TASKS    the task counts (default "1 2 4"); REDUCTIONS (default "hub ring collective")
# OUT      where logs, run directories and scaling.csv go (default a new temporary directory)
#
# Run from the repository root after `mvn -o package` (runner/target/runner.jar). Needs root, ip,
# tc (iproute2) and the 10.77.0.0/24 subnet unused. Task 0's counters include its input feed (the
# job's batches go from task 0 to the other tasks' replicas) and the master's RPCs.
set -euo pipefail
JAR=${JAR:-$PWD/runner/target/runner.jar}
JOB=${JOB:-examples/multi-worker.yaml}
STEPS=${STEPS:-250}
WARMUP=${WARMUP:-50}
RATE=${RATE:-1gbit}
TASKS=${TASKS:-"1 2 4"}
REDUCTIONS=${REDUCTIONS:-"hub ring collective"}
OUT=${OUT:-$(mktemp -d /tmp/inscope-scaling.XXXXXX)}
PORT=2222
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
  echo "${line# }"
}

# steps/s of a run between its first and last training log lines (every WARMUP steps), from their
# times: the first WARMUP steps, with the set-up, are left out
steps_per_second() {
  local first last
  first=$(grep '"split":"train"' "$1" | head -1)
  last=$(grep '"split":"train"' "$1" | tail -1)
  step() { echo "$1" | grep -o '"step":[0-9]*' | cut -d: -f2; }
  when() { date -d "$(echo "$1" | grep -o '"time":"[^"]*"' | cut -d'"' -f4)" +%s.%N; }
  awk -v s0="$(step "$first")" -v s1="$(step "$last")" -v t0="$(when "$first")" -v t1="$(when "$last")" \
    'BEGIN { printf "%.1f", (s1 - s0) / (t1 - t0) }'
}

# runs the job for $1 steps on task 0 (the workers already serve); prints "seconds tx0 rx0 tx1 rx1 ..."
chief() {
  local steps=$1 n=$2 reduce=$3 addresses=$4 tag=$5 before after t0 t1
  before=$(counters "$n")
  t0=$(date +%s.%N)
  ip netns exec inscope0 java -jar "$JAR" run "$JOB" --output "$OUT/$tag-$steps" --fresh --quiet \
    --set "cluster.workers=[$addresses]" --set cluster.deadline=120s \
    --set strategy.type=multi_worker_mirrored --set "strategy.all_reduce=$reduce" \
    --set "train.steps=$steps" --set train.eval_every=never --set "train.log_every_steps=$WARMUP" \
    --set "checkpoint.every_steps=$((steps * 10))" >"$OUT/$tag-$steps-chief.log" 2>&1 \
    || { echo "scaling.sh: $tag failed, see $OUT/$tag-$steps-chief.log" >&2; tail -5 "$OUT/$tag-$steps-chief.log" >&2; exit 70; }
  t1=$(date +%s.%N)
  after=$(counters "$n")
  paste -d' ' <(echo "$t0 $before" | tr ' ' '\n') <(echo "$t1 $after" | tr ' ' '\n') | awk '{printf "%s ", $2 - $1}'
  echo
}

# between graphs: every task runs the job for $1 steps with its TF_CONFIG (worker 0 is the chief);
# prints "seconds tx0 rx0 tx1 rx1 ..." once every task has ended
between() {
  local steps=$1 n=$2 addresses=$3 tag=$4 before after t0 t1 workers="" pids=() i
  sed '/^cluster:/,/^$/d' "$JOB" >"$OUT/between-job.yaml"
  for ((i = 0; i < n; i++)); do
    workers+="${workers:+, }\"10.77.0.$((i + 1)):$PORT\""
  done
  before=$(counters "$n")
  t0=$(date +%s.%N)
  for ((i = n - 1; i >= 0; i--)); do
    TF_CONFIG="{\"cluster\": {\"worker\": [$workers]}, \"task\": {\"type\": \"worker\", \"index\": $i}}" \
      ip netns exec "inscope$i" java -jar "$JAR" run "$OUT/between-job.yaml" --output "$OUT/$tag-$steps" --fresh --quiet \
      --set cluster.deadline=120s --set strategy.type=multi_worker_mirrored --set strategy.all_reduce=auto \
      --set "train.steps=$steps" --set train.eval_every=never --set "train.log_every_steps=$WARMUP" \
      --set "checkpoint.every_steps=$((steps * 10))" >"$OUT/$tag-$steps-task$i.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    wait "$p" || { echo "scaling.sh: $tag failed, see $OUT/$tag-$steps-task*.log" >&2; tail -5 "$OUT/$tag-$steps-task0.log" >&2; exit 70; }
  done
  t1=$(date +%s.%N)
  after=$(counters "$n")
  paste -d' ' <(echo "$t0 $before" | tr ' ' '\n') <(echo "$t1 $after" | tr ' ' '\n') | awk '{printf "%s ", $2 - $1}'
  echo
}

# per step: the difference between a run of STEPS and one of WARMUP steps, so that what every run
# does once (connecting, sending the graph, initializing, the final checkpoint) cancels
run() {
  local n=$1 reduce=$2 tag="$2-$1" addresses=""
  for ((i = 0; i < n; i++)); do
    addresses+="${addresses:+,}10.77.0.$((i + 1)):$PORT"
  done
  local short long
  if [ "$reduce" = collective ]; then
    short=$(between "$WARMUP" "$n" "$addresses" "$tag")
    long=$(between "$STEPS" "$n" "$addresses" "$tag")
  else
    for ((i = 1; i < n; i++)); do
      ip netns exec "inscope$i" java -jar "$JAR" worker --cluster "$addresses" --task "$i" >"$OUT/$tag-worker$i.log" 2>&1 &
      PIDS+=($!)
    done
    for ((i = 1; i < n; i++)); do
      for _ in $(seq 600); do grep -q "serving at" "$OUT/$tag-worker$i.log" && break; sleep 0.1; done
    done
    short=$(chief "$WARMUP" "$n" "$reduce" "$addresses" "$tag")
    long=$(chief "$STEPS" "$n" "$reduce" "$addresses" "$tag")
  fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  echo "$short" >"$OUT/$tag.short"
  echo "$long" >"$OUT/$tag.long"
  local rate
  rate=$(steps_per_second "$OUT/$tag-$STEPS/metrics.jsonl")
  awk -v steps="$((STEPS - WARMUP))" -v n="$n" -v reduce="$reduce" -v rate="$rate" '
    NR == 1 { split($0, a) }
    NR == 2 { split($0, b) }
    END {
      for (i = 0; i < n; i++) {
        printf "%s,%d,%d,%.0f,%.0f,%s\n", reduce, n, i, (b[2 + 2 * i] - a[2 + 2 * i]) / steps,
          (b[3 + 2 * i] - a[3 + 2 * i]) / steps, rate
      }
    }' "$OUT/$tag.short" "$OUT/$tag.long" >>"$OUT/scaling.csv"
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
echo "job $JOB, runs of $STEPS and $WARMUP steps, links of $RATE; $OUT/scaling.csv:"
column -s, -t "$OUT/scaling.csv"
