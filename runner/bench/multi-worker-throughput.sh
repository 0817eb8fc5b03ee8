#!/bin/bash
# Throughput of examples/multi-worker.yaml (784-256-10 MLP, global batch 128, 600 steps) on this
# machine: one_device, multi_worker_mirrored over 1 task, and over 2 tasks on loopback (task 1 a
# second JVM running `runner.jar worker`). Prints the mean examples/s of the log lines after the
# first (steps 200..600) from each run's metrics.jsonl. Run from the repository root after
# `mvn -o package`; ports 24700-24701 must be free.
set -euo pipefail
JAR=runner/target/runner.jar
EX=examples/multi-worker.yaml
OUT=$(mktemp -d)
export TF_CPP_MIN_LOG_LEVEL=2
rate() {
  python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1]) if '\"train\"' in l][1:]; m=sum(x['examples_per_sec'] for x in r)/len(r); print('%.0f examples/s (%.1f steps/s)' % (m, m/128))" "$1/metrics.jsonl"
}
grep -v '^  workers:\|^  deadline:\|^  step_timeout:\|^cluster:' $EX > "$OUT/one.yaml"
sed 's/127.0.0.1:2222, 127.0.0.1:2223/127.0.0.1:24700/' $EX > "$OUT/task1.yaml"
sed 's/127.0.0.1:2222, 127.0.0.1:2223/127.0.0.1:24700, 127.0.0.1:24701/' $EX > "$OUT/task2.yaml"
java -jar $JAR run "$OUT/one.yaml" --set strategy.type=one_device --output "$OUT/one" --quiet >/dev/null 2>&1
echo "one_device:                     $(rate "$OUT/one")"
java -jar $JAR run "$OUT/task1.yaml" --output "$OUT/t1" --quiet >/dev/null 2>&1
echo "multi_worker_mirrored, 1 task:  $(rate "$OUT/t1")"
java -jar $JAR worker --cluster 127.0.0.1:24700,127.0.0.1:24701 --task 1 >/dev/null 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true; rm -rf "$OUT"' EXIT
java -jar $JAR run "$OUT/task2.yaml" --output "$OUT/t2" --quiet >/dev/null 2>&1
echo "multi_worker_mirrored, 2 tasks: $(rate "$OUT/t2")"
