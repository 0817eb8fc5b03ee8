"""Checks a run directory's export and checkpoints with TensorFlow Python (CI never runs this).

    /work/venv-tf/bin/python tools/check_export.py RUN_DIR --input FILE_OR_DIR [--label COLUMN] [--text COLUMN]
        [--jar runner/target/runner.jar]

(/work/venv-tf is a venv with `pip install tensorflow-cpu==2.21.0`.) It checks what TensorFlow's own
tools see in a run directory written by runner.jar:

1. `tf.train.latest_checkpoint(RUN_DIR/checkpoints)` finds the newest checkpoint (the `checkpoint`
   state file), and `tf.train.load_checkpoint` reads its variables;
2. the highest version folder under RUN_DIR/export/saved_model loads with `tf.saved_model.load`;
   its `serving_default` signature has method name `tensorflow/serving/predict`; every output
   (`logits`, `probabilities`, `class_ids`, `classes`, or `predictions`) is called on the examples of
   FILE, the class names coming from the in-graph table filled from the `classes.txt` asset;
3. `runner.jar predict` on the same export and on RUN_DIR itself gives the same class ids and class
   names, and probabilities (or predictions) within 1e-5 of TensorFlow Python's.

FILE is a CSV file (every column but the label column `--label` is a feature, in file order) or an
IDX file of examples (`.idx`, `.idx.gz`, or an `*-ubyte` file). For a text model (its `inputs` are
strings) FILE is the job's CSV/TSV file and `--text` names the text column: the raw texts are fed.
For an image model, FILE_OR_DIR is a folder of images: their bytes go to the `serving_bytes`
signature (input `image_bytes`), and, as an independent check of the graph's decoding, the images
decoded and resized by TensorFlow Python as Keras' `image_dataset_from_directory` does
(`tf.io.decode_image`, `tf.image.resize` bilinear) go to `serving_default`: their probabilities are
printed side by side (PNG: equal to float rounding; JPEG: TensorFlow's default fast IDCT differs from
the accurate one the export uses by a few levels). Prints what it found; exits 1 on a mismatch.
"""

import argparse
import csv
import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf  # noqa: E402
from tensorflow.core.protobuf import saved_model_pb2  # noqa: E402


def read_csv(path, label):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    cols = [i for i, h in enumerate(header) if h != label]
    return np.array([[float(r[i]) for i in cols] for r in rows[1:] if r], dtype=np.float32)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    kind, rank = (magic >> 8) & 0xFF, magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    dtype = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}[kind]
    return np.frombuffer(data[4 + 4 * rank:], dtype=dtype).astype(np.float32).reshape(dims)


IMAGE_EXTENSIONS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")


def read_texts(path, column):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t" if path.endswith((".tsv", ".tab")) else ","))
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    i = header.index(column)
    return [r[i] for r in rows[1:] if r and not (len(r) == 1 and not r[0].strip())]


def list_images(folder):
    """The image files below folder, by folder path then name (as the image_folder source lists them)."""
    found = []
    for root, _, files in os.walk(folder):
        found += [(root, f) for f in files if f.lower().endswith(IMAGE_EXTENSIONS)]
    return [os.path.join(r, f) for r, f in sorted(found)]


def predict_with_runner(jar, model, path):
    out = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    subprocess.run(["java", "-jar", jar, "predict", model, "--input", path, "--output", out],
                   check=True, env=env, capture_output=True)
    with open(out, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    os.unlink(out)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("run_dir")
    ap.add_argument("--input", required=True)
    ap.add_argument("--label", default=None, help="the CSV's label column (left out of the features)")
    ap.add_argument("--text", default=None, help="a text model's text column in --input")
    ap.add_argument("--jar", default="runner/target/runner.jar")
    a = ap.parse_args()
    problems = []
    print("tensorflow", tf.__version__)

    ckpt_dir = os.path.join(a.run_dir, "checkpoints")
    latest = tf.train.latest_checkpoint(ckpt_dir)
    newest = sorted(d for d in os.listdir(ckpt_dir) if d.startswith("ckpt-"))[-1]
    print("tf.train.latest_checkpoint:", latest)
    if latest != os.path.join(ckpt_dir, newest, "variables"):
        problems.append("latest_checkpoint is %s, the newest checkpoint is %s" % (latest, newest))
    else:
        shapes = tf.train.load_checkpoint(latest).get_variable_to_shape_map()
        print("  tf.train.load_checkpoint reads %d variables, e.g. %s" % (
            len(shapes), ", ".join("%s %s" % (k, shapes[k]) for k in sorted(shapes)[:3])))

    base = os.path.join(a.run_dir, "export", "saved_model")
    versions = sorted((d for d in os.listdir(base) if d.isdigit()), key=int)
    export = os.path.join(base, versions[-1])
    print("export versions:", versions, "-> loading", export)
    proto = saved_model_pb2.SavedModel()
    with open(os.path.join(export, "saved_model.pb"), "rb") as f:
        proto.ParseFromString(f.read())
    sig = proto.meta_graphs[0].signature_def["serving_default"]
    print("  method_name:", sig.method_name, "| outputs:", sorted(sig.outputs))
    print("  assets:", [d.filename for d in proto.meta_graphs[0].asset_file_def])
    if sig.method_name != "tensorflow/serving/predict":
        problems.append("method_name is " + repr(sig.method_name))

    model = tf.saved_model.load(export)
    f = model.signatures["serving_default"]
    shape = [d.size for d in sig.inputs["inputs"].tensor_shape.dim][1:]
    if sig.inputs["inputs"].dtype == tf.string.as_datatype_enum:
        x = read_texts(a.input, a.text)
        print("  text model: %d raw texts from column %r, e.g. %r" % (len(x), a.text, x[0][:60]))
        out = {k: v.numpy() for k, v in f(inputs=tf.constant(x)).items()}
    elif os.path.isdir(a.input):
        files = list_images(a.input)
        x = files
        b = proto.meta_graphs[0].signature_def["serving_bytes"]
        print("  serving_bytes: input %s, outputs %s" % (sorted(b.inputs), sorted(b.outputs)))
        contents = [open(p, "rb").read() for p in files]
        out = {k: v.numpy() for k, v in model.signatures["serving_bytes"](image_bytes=tf.constant(contents)).items()}
        h, w, c = shape
        pixels = np.stack([tf.image.resize(tf.io.decode_image(d, channels=c, expand_animations=False), [h, w],
                                           method="bilinear").numpy() for d in contents])
        keras = f(inputs=tf.constant(pixels, dtype=tf.float32))["probabilities"].numpy()
        for kind in IMAGE_EXTENSIONS:
            rows = [i for i, p in enumerate(files) if p.lower().endswith(kind)]
            if rows:
                print("  %s (%d files): max |probability difference|, graph decoding vs TF Python's: %.3g" % (
                    kind, len(rows), float(np.max(np.abs(keras[rows] - out["probabilities"][rows])))))
    else:
        x = read_csv(a.input, a.label) if a.input.endswith(".csv") else read_idx(a.input)
        out = {k: v.numpy() for k, v in f(inputs=tf.constant(x.reshape([-1] + shape))).items()}
    for k in sorted(out):
        print("  %-13s %-8s %-10s first row: %s" % (k, out[k].dtype, list(out[k].shape),
              out[k][0] if out[k].dtype != object else out[k][0].decode()))

    for where in (export, a.run_dir):
        rows = predict_with_runner(a.jar, where, a.input)
        if len(rows) != len(x):
            problems.append("%s: %d rows for %d examples" % (where, len(rows), len(x)))
            continue
        if "predictions" in out:
            got = np.array([np.atleast_1d(r["prediction"]) for r in rows], dtype=np.float64)
            diff = float(np.max(np.abs(got - out["predictions"].reshape(got.shape))))
            same = True
        else:
            ids = np.array([r["class_id"] for r in rows])
            names = [r["class"] for r in rows]
            probs = np.array([list(r["probabilities"].values()) for r in rows], dtype=np.float64)
            p = out["probabilities"]
            if p.shape[1] == 1:
                p = np.concatenate([1 - p, p], axis=1)
            diff = float(np.max(np.abs(probs - p)))
            same = (ids == out["class_ids"]).all() and names == [c.decode() for c in out["classes"]]
        print("runner.jar predict %s: %d rows; class ids and names %s; max |difference| %.3g" % (
            where, len(rows), "identical" if same else "DIFFER", diff))
        if not same or diff > 1e-5:
            problems.append("runner.jar predict %s differs from TensorFlow Python" % where)

    print("OK" if not problems else "PROBLEMS:\n  " + "\n  ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
