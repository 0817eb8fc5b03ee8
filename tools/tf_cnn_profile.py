"""Per-op profile of one training step of the tutorial CNN in TensorFlow Python (issue 19).

The reference side of `runner.jar bench --profile-cnn`: the same model (conv 32 5x5 same relu,
max pool 2, conv 64 5x5 same relu, max pool 2, flatten, dense 1024 relu, dropout 0.4, dense 10;
Adam; batch 100) built from the ops Keras' layers emit (conv2d -> bias_add -> relu, MaxPool,
MatMul -> BiasAdd -> Relu) with Python's gradients, in a tf.compat.v1 graph and Session with
TensorFlow's default ConfigProto, run a few warm-up steps, then one step with a FULL_TRACE;
prints the kernels by op type (count, sum of all_start..all_end micros, share of all kernel time).

Usage: /work/venv-tf/bin/python tools/tf_cnn_profile.py [WARMUP] [--relu-grad-from-input]
(needs only TensorFlow). --relu-grad-from-input builds ReluGrad from the Relu's input, as the C++
gradient that TF Java uses does, instead of from its output as Python does.
"""
import sys
import collections
import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()
args = [a for a in sys.argv[1:] if not a.startswith("--")]
warmup = int(args[0]) if args else 5
from_input = "--relu-grad-from-input" in sys.argv


@tf.RegisterGradient("ReluFromInput")
def _relu_grad_from_input(op, grad):
    return tf.raw_ops.ReluGrad(gradients=grad, features=op.inputs[0])


B = 100
g = tf.Graph()
import contextlib
with g.as_default(), (g.gradient_override_map({"Relu": "ReluFromInput"}) if from_input else contextlib.nullcontext()):
    tf1.set_random_seed(42)
    x = tf1.placeholder(tf.float32, [B, 28, 28, 1])
    y = tf1.placeholder(tf.int32, [B])
    init = tf1.glorot_uniform_initializer()

    def conv(h, cin, cout, name):
        k = tf1.get_variable(name + "/kernel", [5, 5, cin, cout], initializer=init)
        b = tf1.get_variable(name + "/bias", [cout], initializer=tf1.zeros_initializer())
        return tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(h, k, 1, "SAME"), b))

    def dense(h, cin, cout, name, act):
        w = tf1.get_variable(name + "/kernel", [cin, cout], initializer=init)
        b = tf1.get_variable(name + "/bias", [cout], initializer=tf1.zeros_initializer())
        o = tf.nn.bias_add(tf.matmul(h, w), b)
        return tf.nn.relu(o) if act else o

    h = tf.nn.max_pool2d(conv(x, 1, 32, "c1"), 2, 2, "VALID")
    h = tf.nn.max_pool2d(conv(h, 32, 64, "c2"), 2, 2, "VALID")
    h = tf.reshape(h, [B, 7 * 7 * 64])
    h = dense(h, 7 * 7 * 64, 1024, "d1", True)
    h = tf.nn.dropout(h, rate=0.4)
    logits = dense(h, 1024, 10, "d2", False)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train = tf1.train.AdamOptimizer(0.001).minimize(loss)
    rng = np.random.default_rng(42)
    feed = {x: rng.random((B, 28, 28, 1), dtype=np.float32), y: rng.integers(0, 10, B)}
    with tf1.Session(graph=g) as s:
        s.run(tf1.global_variables_initializer())
        for _ in range(warmup):
            s.run([train, loss], feed)
        opts = tf1.RunOptions(trace_level=tf1.RunOptions.FULL_TRACE, output_partition_graphs=True)
        md = tf1.RunMetadata()
        s.run([train, loss], feed, options=opts, run_metadata=md)

rows = collections.defaultdict(lambda: [0, 0])
total = 0
nodes = 0
for dev in md.step_stats.dev_stats:
    for n in dev.node_stats:
        if n.node_name == "_SOURCE":
            continue
        lab = n.timeline_label
        op = lab[lab.index(" = ") + 3:lab.index("(", lab.index(" = "))].strip() if " = " in lab else "(" + n.node_name + ")"
        rows[op][0] += 1
        rows[op][1] += n.all_end_rel_micros
        total += n.all_end_rel_micros
        nodes += 1
print(f"TF Python {tf.__version__} CNN step profile, default ConfigProto, {warmup} warm-up steps"
      + (", ReluGrad from the Relu's input" if from_input else ""))
print(f"traced step: {nodes} kernels; graph as built: {len(g.as_graph_def().node)} nodes; executed: "
      f"{sum(len(p.node) for p in md.partition_graphs)} nodes; sum of kernel times {total / 1000:.1f} ms\n")
print("| op type (kernel) | count | total µs | share of kernel time |")
print("| --- | ---: | ---: | ---: |")
for op, (c, us) in sorted(rows.items(), key=lambda kv: (-kv[1][1], kv[0])):
    print(f"| {op} | {c} | {us} | {100 * us / max(total, 1):.1f}% |")
fusions = collections.Counter()
for p in md.partition_graphs:
    for n in p.node:
        if "fused_ops" in n.attr:
            fusions[f"{n.op} {[s.decode() for s in n.attr['fused_ops'].list.s]}"] += 1
print("\nfused kernels (op [fused_ops]): " + str([f"{k} x{v}" for k, v in sorted(fusions.items())]))
