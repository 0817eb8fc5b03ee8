"""Keras side of `runner.jar bench --convnets` (issue 19): trains one convolutional network on
Fashion-MNIST with Keras and prints one JSON line of timings and test accuracy.

Usage: /work/venv-tf/bin/python tools/keras_convnets.py --model cnn|resnet20
           [--steps N] [--warmup W] [--precision float32|mixed_bfloat16|mixed_float16]
           [--data /usr/share/datasets/fashion-mnist]

Models (the runner's twins, built by `bench --convnets` from the same description):
- cnn: the TensorFlow layers tutorial: conv 32 5x5 same relu, max pool 2, conv 64 5x5 same relu,
  max pool 2, flatten, dense 1024 relu, dropout 0.4, dense 10; Adam 1e-3; batch 100.
- resnet20: examples/fashion-mnist-resnet.yaml: conv3x3 (no bias) + batch norm + relu stem (16),
  3 basic blocks of 16, a down block + 2 basic blocks of 32 and of 64 (1x1 conv + BN shortcut when
  the shape changes), global average pooling, dense 10; Adam 1e-3; batch 128.
Pixels scaled by 1/255, training data shuffled, `jit_compile=False` (Keras' "auto" picks XLA,
which is slower here: issue 19), one epoch unless --steps. ms/step and CPU ms/step (process time
of all threads) are taken from the end of step W to the end of the last step; test accuracy only
after a whole epoch. Needs only TensorFlow (2.21 at /work/venv-tf) and numpy.
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--model", choices=["cnn", "resnet20"], required=True)
p.add_argument("--steps", type=int, default=0, help="0: one epoch")
p.add_argument("--warmup", type=int, default=10)
p.add_argument("--precision", default="float32", choices=["float32", "mixed_bfloat16", "mixed_float16"])
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
p.add_argument("--seed", type=int, default=42)
a = p.parse_args()


def idx(name):
    with gzip.open(os.path.join(a.data, name)) as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)


x_train = (idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255.0)[..., None]
y_train = idx("train-labels-idx1-ubyte.gz").astype(np.int32)
x_test = (idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0)[..., None]
y_test = idx("t10k-labels-idx1-ubyte.gz").astype(np.int32)

keras.utils.set_random_seed(a.seed)
keras.mixed_precision.set_global_policy(a.precision)
L = keras.layers


def cnn():
    i = keras.Input((28, 28, 1))
    h = L.Conv2D(32, 5, padding="same", activation="relu")(i)
    h = L.MaxPooling2D(2)(h)
    h = L.Conv2D(64, 5, padding="same", activation="relu")(h)
    h = L.MaxPooling2D(2)(h)
    h = L.Flatten()(h)
    h = L.Dense(1024, activation="relu")(h)
    h = L.Dropout(0.4)(h)
    return keras.Model(i, L.Dense(10, dtype="float32")(h)), 100


def conv_bn(h, filters, strides=1, relu=True):
    h = L.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(h)
    h = L.BatchNormalization()(h)
    return L.ReLU()(h) if relu else h


def resnet20():
    i = keras.Input((28, 28, 1))
    h = conv_bn(i, 16)
    for filters in (16, 32, 64):
        for b in range(3):
            down = filters != 16 and b == 0
            r = conv_bn(conv_bn(h, filters, 2 if down else 1), filters, relu=False)
            s = h
            if down:
                s = L.BatchNormalization()(L.Conv2D(filters, 1, strides=2, use_bias=False)(h))
            h = L.ReLU()(L.Add()([r, s]))
    h = L.GlobalAveragePooling2D()(h)
    return keras.Model(i, L.Dense(10, dtype="float32")(h)), 128


model, batch = cnn() if a.model == "cnn" else resnet20()
model.compile(optimizer=keras.optimizers.Adam(1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"], jit_compile=False)
epoch_steps = len(x_train) // batch
steps = a.steps if 0 < a.steps < epoch_steps else epoch_steps
warmup = min(a.warmup, steps - 1)


class Timing(keras.callbacks.Callback):
    def on_train_batch_end(self, b, logs=None):
        if b + 1 == warmup:
            self.t0, self.c0 = time.perf_counter(), time.process_time()
        if b + 1 == steps:
            self.t1, self.c1 = time.perf_counter(), time.process_time()


t = Timing()
start = time.perf_counter()
model.fit(x_train[:steps * batch], y_train[:steps * batch], batch_size=batch, epochs=1, shuffle=True,
          callbacks=[t], verbose=0)
train_seconds = time.perf_counter() - start
timed = steps - warmup
acc = None
if steps == epoch_steps:
    acc = float(model.evaluate(x_test, y_test, batch_size=1000, verbose=0)[1])
print(json.dumps({
    "model": a.model, "precision": a.precision, "steps": steps, "batch": batch,
    "ms_per_step": 1000 * (t.t1 - t.t0) / timed, "cpu_ms_per_step": 1000 * (t.c1 - t.c0) / timed,
    "train_seconds": train_seconds, "test_accuracy": acc,
    "tensorflow": tf.__version__, "keras": keras.__version__, "params": model.count_params()}))
sys.stdout.flush()
