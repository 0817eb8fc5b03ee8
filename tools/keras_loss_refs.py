"""Keras reference values for binary_crossentropy on outputs outside [0, 1], read by
io.inscope.modules.losses.BinaryCrossentropyTest.

Run by hand with TensorFlow Python (CI never runs it; the values it writes are committed):

    /work/venv-tf/bin/python tools/keras_loss_refs.py

(/work/venv-tf is a venv with `pip install tensorflow-cpu==2.21.0`, which brings Keras 3.) For each
case it calls keras.losses.BinaryCrossentropy(from_logits=False, label_smoothing=s) on seeded labels
and on outputs drawn from [-1, 2] (a linear last layer), and records the loss and its gradient with
respect to the outputs (tf.GradientTape). Writes
modules/src/test/resources/keras/binary_crossentropy.json:

    {"keras": "3.x", "tensorflow": "2.21.0", "cases": [{"name": "...", "label_smoothing": s,
       "shape": [batch, units], "labels": [...], "outputs": [...], "loss": l, "gradient": [...]}]}
"""

import json
import os

import keras
import numpy as np
import tensorflow as tf

OUT = os.path.join(os.path.dirname(__file__), "..", "modules", "src", "test", "resources", "keras",
                   "binary_crossentropy.json")


def case(name, smoothing, batch, units, seed):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=(batch, units)).astype(np.float32)
    outputs = rng.uniform(-1.0, 2.0, size=(batch, units)).astype(np.float32)
    # keep away from the clip points, where the gradient jumps
    outputs = np.where(np.abs(outputs) < 0.01, 0.5, outputs)
    outputs = np.where(np.abs(outputs - 1) < 0.01, 0.5, outputs).astype(np.float32)
    out = tf.constant(outputs)
    with tf.GradientTape() as tape:
        tape.watch(out)
        loss = keras.losses.BinaryCrossentropy(from_logits=False, label_smoothing=smoothing)(labels, out)
    grad = tape.gradient(loss, out)
    return {"name": name, "label_smoothing": smoothing, "shape": [batch, units],
            "labels": labels.flatten().tolist(), "outputs": outputs.flatten().tolist(),
            "loss": float(loss.numpy()), "gradient": grad.numpy().flatten().tolist()}


def main():
    cases = [case("linear outputs", 0.0, 6, 1, 1), case("linear outputs, 3 units, smoothed", 0.1, 4, 3, 2)]
    with open(OUT, "w") as f:
        json.dump({"keras": keras.__version__, "tensorflow": tf.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
