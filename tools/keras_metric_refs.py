"""Keras reference values for the metrics precision, recall, f1, auc and
root_mean_squared_error, read by io.inscope.modules.metrics.KerasMetricsTest.

Run by hand with TensorFlow Python (CI never runs it; the values it writes are committed):

    /work/venv-tf/bin/python tools/keras_metric_refs.py

(/work/venv-tf is a venv with `pip install tensorflow-cpu==2.21.0`, which brings Keras 3.) Each case
holds seeded labels and outputs (96 examples, which the test feeds as 3 batches of 32) and the value
Keras' stateful metric reports after update_state on the same 3 batches:

- one output unit (binary): keras.metrics.Precision(thresholds=t), Recall(thresholds=t),
  F1Score(average="macro", threshold=t) on the [batch, 1] labels, AUC() (200 thresholds, ROC, interpolation);
  outputs given as logits are passed through the sigmoid for Keras (AUC(from_logits=True) for auc);
- several output units (classes, labels given as class ids): the mean over classes c of
  Precision(top_k=1, class_id=c) and Recall(top_k=1, class_id=c) on one-hot labels (one-vs-rest
  with the arg-max as prediction, macro average), F1Score(average='macro') (threshold None: the
  arg-max), AUC(multi_label=True, num_labels=C) on one-hot labels (each class one-vs-rest, mean
  over classes); logits pass through the softmax first;
- regression: RootMeanSquaredError.

Some probabilities are put exactly on thresholds (0, 0.5, 1 and i/199) to pin the strict '>'.
Writes modules/src/test/resources/keras/metrics.json:

    {"keras": "3.x", "tensorflow": "2.21.0", "cases": [{"name": "...", "loss": "...",
       "from_logits": bool, "units": u, "labels": [...], "outputs": [...],
       "values": {"precision": v, ...}, "threshold": t}]}
"""

import json
import os

import keras
import numpy as np
import tensorflow as tf

OUT = os.path.join(os.path.dirname(__file__), "..", "modules", "src", "test", "resources", "keras",
                   "metrics.json")
N = 96
BATCHES = 3


def batches(*arrays):
    size = N // BATCHES
    for b in range(BATCHES):
        yield tuple(a[b * size:(b + 1) * size] for a in arrays)


def stateful(metric, y, p):
    for yb, pb in batches(y, p):
        metric.update_state(yb, pb)
    return float(metric.result().numpy())


def sigmoid(x):
    return (1 / (1 + np.exp(-x.astype(np.float64)))).astype(np.float32)


def softmax(x):
    e = np.exp(x.astype(np.float64) - x.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def binary(name, seed, logits, threshold):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=(N, 1)).astype(np.float32)
    if logits:
        outputs = (rng.normal(size=(N, 1)) + 1.2 * (labels - 0.5)).astype(np.float32)
        probs = sigmoid(outputs)
    else:
        outputs = np.clip(rng.uniform(size=(N, 1)) * 0.7 + 0.3 * labels, 0, 1).astype(np.float32)
        outputs[:6, 0] = [0.0, 0.5, 1.0, 100 / 199, 37 / 199, 0.5]
        outputs = outputs.astype(np.float32)
        probs = outputs
    values = {
        "precision": stateful(keras.metrics.Precision(thresholds=threshold), labels, probs),
        "recall": stateful(keras.metrics.Recall(thresholds=threshold), labels, probs),
        "f1": stateful(keras.metrics.F1Score(average="macro", threshold=threshold), labels, probs),
        "auc": stateful(keras.metrics.AUC(from_logits=logits), labels, outputs),
    }
    return {"name": name, "loss": "binary_crossentropy", "from_logits": logits, "units": 1,
            "threshold": threshold, "labels": labels.reshape(-1).tolist(),
            "outputs": outputs.reshape(-1).tolist(), "values": values}


def multiclass(name, seed, classes, logits):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, classes, size=(N,))
    onehot = np.eye(classes, dtype=np.float32)[ids]
    scores = rng.normal(size=(N, classes)) + 1.0 * onehot
    if logits:
        outputs = scores.astype(np.float32)
        probs = softmax(outputs)
    else:
        outputs = softmax(scores.astype(np.float32))
        probs = outputs
    precision = np.mean([stateful(keras.metrics.Precision(top_k=1, class_id=c), onehot, probs)
                         for c in range(classes)])
    recall = np.mean([stateful(keras.metrics.Recall(top_k=1, class_id=c), onehot, probs)
                      for c in range(classes)])
    values = {
        "precision": float(precision),
        "recall": float(recall),
        "f1": stateful(keras.metrics.F1Score(average="macro"), onehot, probs),
        "auc": stateful(keras.metrics.AUC(multi_label=True, num_labels=classes), onehot, probs),
    }
    return {"name": name, "loss": "sparse_categorical_crossentropy", "from_logits": logits,
            "units": classes, "threshold": 0.5, "labels": ids.astype(np.float32).tolist(),
            "outputs": outputs.reshape(-1).tolist(), "values": values}


def regression(name, seed, units):
    rng = np.random.default_rng(seed)
    labels = rng.normal(size=(N, units)).astype(np.float32)
    outputs = (labels + 0.5 * rng.normal(size=(N, units))).astype(np.float32)
    values = {"root_mean_squared_error": stateful(keras.metrics.RootMeanSquaredError(), labels, outputs)}
    return {"name": name, "loss": "mean_squared_error", "from_logits": False, "units": units,
            "threshold": 0.5, "labels": labels.reshape(-1).tolist(),
            "outputs": outputs.reshape(-1).tolist(), "values": values}


def main():
    cases = [
        binary("binary probabilities", 1, False, 0.5),
        binary("binary probabilities, threshold 0.3", 2, False, 0.3),
        binary("binary logits", 3, True, 0.5),
        multiclass("4 classes, probabilities", 4, 4, False),
        multiclass("10 classes, logits", 5, 10, True),
        regression("regression, 3 outputs", 6, 3),
    ]
    with open(OUT, "w") as f:
        json.dump({"keras": keras.__version__, "tensorflow": tf.__version__, "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
