"""Keras reference values for data.*.preprocessing, read by io.inscope.modules.data.internal.ImageOpsTest.

Run by hand with TensorFlow Python (CI never runs it; the values it writes are committed):

    /work/venv-tf/bin/python tools/keras_preprocessing_refs.py

(/work/venv-tf: `pip install tensorflow-cpu==2.21.0`, which brings Keras 3.) Random layers are
called through their `transform_images(images, transformation, training=True)` with the draw
written out (the flip flags, the brightness delta, the contrast factor), so the test can give the
runner's arithmetic the same draws. The zero-pad-then-crop of random_crop is TensorFlow's
`tf.image.pad_to_bounding_box` followed by `tf.image.crop_to_bounding_box` (Keras' RandomCrop does
not pad). Writes modules/src/test/resources/keras/preprocessing.json:

    {"keras": "3.15.1", "tensorflow": "2.21.0", "input_shape": [b, h, w, c], "input": [...],
     "cases": [{"name": ..., "op": ..., "params": {...}, "output": [...flat, row-major...]}]}
"""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "modules", "src", "test", "resources", "keras",
                   "preprocessing.json")
L = keras.layers

rng = np.random.default_rng(15)
B, H, W, C = 2, 4, 5, 3
x = rng.uniform(0, 255, size=(B, H, W, C)).astype(np.float32)
cases = []


def add(name, op, params, out):
    cases.append({"name": name, "op": op, "params": params, "output": np.asarray(out, np.float32).ravel().tolist()})


add("rescale 1/255", "rescale", {"scale": 1 / 255, "offset": 0.0}, L.Rescaling(1 / 255)(x))
add("rescale 1/127.5 - 1", "rescale", {"scale": 1 / 127.5, "offset": -1.0}, L.Rescaling(1 / 127.5, offset=-1.0)(x))
mean = [120.5, 100.25, 90.0]
std = [60.0, 55.5, 70.25]
add("normalize per channel", "normalize", {"mean": mean, "std": std},
    L.Normalization(mean=mean, variance=[s * s for s in std])(x))
add("normalize one value", "normalize", {"mean": [127.0], "std": [64.0]}, L.Normalization(mean=127.0, variance=64.0 ** 2)(x))

for mode in ["horizontal", "vertical", "horizontal_and_vertical"]:
    layer = L.RandomFlip(mode)
    flips = np.array([True, False]).reshape(B, 1, 1, 1)
    out = layer.transform_images(tf.constant(x), {"flips": tf.constant(flips), "input_shape": x.shape}, training=True)
    add("random_flip " + mode, "random_flip", {"mode": mode, "flips": [True, False]}, out)

deltas = [0.15, -0.4]  # drawn factors in [-factor, factor], before * (high - low)
layer = L.RandomBrightness(0.5, value_range=(0, 255))
rgb_delta = tf.constant(np.array(deltas, np.float32).reshape(B, 1, 1, 1) * 255.0)
add("random_brightness", "random_brightness", {"deltas": deltas, "value_range": [0, 255]},
    layer.transform_images(tf.constant(x), {"rgb_delta": rgb_delta}, training=True))

factors = [1.3, 0.6]
layer = L.RandomContrast(0.5, value_range=(0, 255))
add("random_contrast", "random_contrast", {"factors": factors, "value_range": [0, 255]},
    layer.transform_images(tf.constant(x), {"contrast_factor": tf.constant(np.array(factors, np.float32).reshape(B, 1, 1, 1))},
                           training=True))

for padding, offsets in [(1, [(0, 2), (1, 1)]), (2, [(4, 0), (3, 1)])]:
    outs = []
    for i, (dy, dx) in enumerate(offsets):
        padded = tf.image.pad_to_bounding_box(x[i], padding, padding, H + 2 * padding, W + 2 * padding)
        outs.append(tf.image.crop_to_bounding_box(padded, dy, dx, H, W).numpy())
    add("random_crop padding %d" % padding, "random_crop", {"padding": padding, "offsets": [list(o) for o in offsets]},
        np.stack(outs))

with open(OUT, "w") as f:
    f.write('{"keras": "%s", "tensorflow": "%s", "input_shape": %s, "input": %s, "cases": [\n' % (
        keras.__version__, tf.__version__, json.dumps([B, H, W, C]), json.dumps(x.ravel().tolist())))
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print("wrote", OUT, len(cases), "cases")
