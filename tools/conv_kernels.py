"""TensorFlow Python twin of tools/ConvKernels.java (issue 19): the CNN's second convolution
([100,14,14,32] * [5,5,32,64], stride 1) forward, its input gradient and its filter gradient in a
tf.compat.v1 Session fed from placeholders, N runs; prints ms and CPU ms (process, all threads)
per run over the second half.

Usage: /work/venv-tf/bin/python tools/conv_kernels.py same|pad N [THREADS]
"""
import sys
import time

import numpy as np
import tensorflow as tf

tf1 = tf.compat.v1
tf1.disable_eager_execution()
mode, n = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 0
B, H, C, O, K = 100, 14, 32, 64, 5
g = tf.Graph()
with g.as_default():
    x = tf1.placeholder(tf.float32, [B, H, H, C])
    w = tf1.placeholder(tf.float32, [K, K, C, O])
    dy = tf1.placeholder(tf.float32, [B, H, H, O])
    if mode == "pad":
        y = tf.nn.conv2d(tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]), w, 1, "VALID")
    else:
        y = tf.nn.conv2d(x, w, 1, "SAME")
    loss = tf.reduce_sum(y * dy)
    gx, gw = tf.gradients(loss, [x, w])
rng = np.random.default_rng(1)
feed = {x: rng.random((B, H, H, C), dtype=np.float32), w: rng.random((K, K, C, O), dtype=np.float32) - 0.5,
        dy: rng.random((B, H, H, O), dtype=np.float32)}
config = tf1.ConfigProto(intra_op_parallelism_threads=threads, inter_op_parallelism_threads=threads)
with tf1.Session(graph=g, config=config) as s:
    for i in range(n):
        if i == n // 2:
            c0, w0 = time.process_time(), time.perf_counter()
        s.run([gx, gw, loss], feed)
m = n - n // 2
print("TensorFlow Python %s, conv [100,14,14,32]*[5,5,32,64] forward + both gradients, %s: %.2f ms/run, %.2f CPU ms/run"
      % (tf.__version__, mode, (time.perf_counter() - w0) * 1e3 / m, (time.process_time() - c0) * 1e3 / m))
