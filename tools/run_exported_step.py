"""Runs the runner's exported training step in TensorFlow Python (issue 19).

`runner.jar bench --profile-cnn --profile-export DIR` writes the CNN job's graph as the runner
builds it (graph.pb), its session's ConfigProto (config.pb), the feeds (features.f32, labels.f32)
and the names to feed, fetch and run (step.json). This script loads that GraphDef into a
tf.compat.v1.Session with that ConfigProto, runs the initializers, then STEPS training steps
with the same feeds, target and fetches as the runner's loop, and prints ms/step and CPU ms/step
(the process's CPU time, all threads) over the second half; then one FULL_TRACE step's kernels by
op type, as `bench --profile-cnn` prints them. Same graph, other TensorFlow build: when this is as
slow as the runner, the difference to Keras is in the graph; when it is fast, in the runtime.

Usage: /work/venv-tf/bin/python tools/run_exported_step.py DIR [STEPS] [--default-config]
(--default-config: TensorFlow's default ConfigProto instead of the runner's.)
"""
import collections
import json
import os
import sys
import time

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()

args = [a for a in sys.argv[1:] if not a.startswith("--")]
d = args[0]
steps = int(args[1]) if len(args) > 1 else 100
meta = json.load(open(os.path.join(d, "step.json")))
gd = tf1.GraphDef()
gd.ParseFromString(open(os.path.join(d, "graph.pb"), "rb").read())
config = tf1.ConfigProto()
if "--default-config" not in sys.argv:
    config.ParseFromString(open(os.path.join(d, "config.pb"), "rb").read())
features = np.fromfile(os.path.join(d, "features.f32"), dtype="<f4").reshape(meta["features_shape"])
labels = np.fromfile(os.path.join(d, "labels.f32"), dtype="<f4").reshape(meta["labels_shape"])

g = tf.Graph()
with g.as_default():
    tf1.import_graph_def(gd, name="")
t = lambda n: g.get_tensor_by_name(n + ":0")
fetches = [t(n) for n in meta["fetches"]]
target = g.get_operation_by_name(meta["target"])
print("TensorFlow", tf.__version__, "graph nodes", len(gd.node), "config", str(config).replace("\n", ", "))
with tf1.Session(graph=g, config=config) as s:
    s.run([g.get_operation_by_name(n) for n in meta["initializers"]])
    feed = lambda i: {t(meta["features"]): features, t(meta["labels"]): labels, t(meta["step"]): np.int64(i)}
    half = steps // 2
    for i in range(steps):
        if i == half:
            c0, w0 = time.process_time(), time.perf_counter()
        s.run([target] + fetches, feed_dict=feed(i))
    n = steps - half
    print("steps %d..%d: %.1f ms/step, %.1f CPU ms/step (process, all threads)"
          % (half + 1, steps, (time.perf_counter() - w0) * 1e3 / n, (time.process_time() - c0) * 1e3 / n))
    opts = tf1.RunOptions(trace_level=tf1.RunOptions.FULL_TRACE, output_partition_graphs=True)
    md = tf1.RunMetadata()
    s.run([target] + fetches, feed_dict=feed(steps), options=opts, run_metadata=md)

rows = collections.defaultdict(lambda: [0, 0])
total = 0
for dev in md.step_stats.dev_stats:
    for ns in dev.node_stats:
        if ns.node_name == "_SOURCE":
            continue
        label = ns.timeline_label
        eq = label.find(" = ")
        par = label.find("(", max(eq, 0))
        op = label[eq + 3:par].strip() if eq >= 0 and par > eq else (label or "(" + ns.node_name + ")")
        rows[op][0] += 1
        rows[op][1] += ns.all_end_rel_micros
        total += ns.all_end_rel_micros
print("traced step: %d kernels, executed graph %d nodes, sum of kernel times %.1f ms"
      % (sum(r[0] for r in rows.values()), sum(len(p.node) for p in md.partition_graphs), total / 1e3))
print("| op type (kernel) | count | total µs | share of kernel time |")
print("| --- | ---: | ---: | ---: |")
for op, (c, us) in sorted(rows.items(), key=lambda kv: (-kv[1][1], kv[0])):
    print("| %s | %d | %d | %.1f%% |" % (op, c, us, 100.0 * us / max(total, 1)))
fused = collections.Counter()
for p in md.partition_graphs:
    for node in p.node:
        if "fused_ops" in node.attr:
            fused[node.op + " " + str([x.decode() for x in node.attr["fused_ops"].list.s])] += 1
print("fused kernels (op [fused_ops]):", sorted(fused.items()))
