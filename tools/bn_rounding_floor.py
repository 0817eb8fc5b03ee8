"""How far float32 rounding alone moves a deeper batch-norm stack trained with Adam (evidence for
io.inscope.modules.strategy.MirroredEquivalenceTest#aDeeperBatchNormStackTrainsLikeOneDeviceToTheRoundingFloor).

Run by hand with TensorFlow Python (CI never runs it; its printout is quoted in that test's comment):

    /work/venv-tf/bin/python tools/bn_rounding_floor.py

It builds that test's deeper model in Keras (conv 3x3 without bias + batch norm (momentum 0.9,
epsilon 1e-3) + relu as a stem, then conv + bn + relu, conv + bn, added to the stem, relu, global
average pooling, dense 3; Adam 1e-3; sparse cross-entropy from logits; batch 8 of 6x6 Gaussian
images, random labels) and trains it for 100 steps from the same initial weights four times:
in float64 (the reference), in float32, in float32 with each batch's halves swapped (the same
sums in another order), and in float32 with one input value moved by one ulp at the first step.
It prints, after steps 1, 10 and 100, the largest relative difference over the variables
(max |a - b| / max |a| per variable, as the Java test measures) of each float32 run against the
float64 run and against the plain float32 run.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

BATCH, SIDE, STEPS = 8, 6, 100


def model(dtype):
    L = tf.keras.layers
    x = L.Input((SIDE, SIDE, 1), dtype=dtype)

    def conv(name):
        return L.Conv2D(4, 3, padding="same", use_bias=False, name=name, dtype=dtype)

    def bn(name):
        return L.BatchNormalization(momentum=0.9, epsilon=1e-3, name=name, dtype=dtype)

    stem = L.ReLU(dtype=dtype)(bn("stem_bn")(conv("stem")(x)))
    h = L.ReLU(dtype=dtype)(bn("bn1")(conv("conv1")(stem)))
    h = bn("bn2")(conv("conv2")(h))
    h = L.ReLU(dtype=dtype)(L.Add(dtype=dtype)([stem, h]))
    h = L.GlobalAveragePooling2D(dtype=dtype)(h)
    return tf.keras.Model(x, L.Dense(3, name="head", dtype=dtype)(h))


def data():
    rng = np.random.default_rng(3)
    return [(rng.standard_normal((BATCH, SIDE, SIDE, 1)), rng.integers(0, 3, BATCH)) for _ in range(STEPS)]


def train(dtype, initial, batches, swap=False, ulp=False):
    m = model(dtype)
    m.set_weights([w.astype(dtype) for w in initial])
    opt = tf.keras.optimizers.Adam(1e-3)
    loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    snapshots = {}
    for step, (x, y) in enumerate(batches):
        x = x.astype(dtype)
        if ulp and step == 0:
            x = x.copy()
            x.flat[0] = np.nextafter(x.flat[0], np.inf, dtype=x.dtype)
        if swap:
            x, y = np.concatenate([x[BATCH // 2:], x[:BATCH // 2]]), np.concatenate([y[BATCH // 2:], y[:BATCH // 2]])
        with tf.GradientTape() as tape:
            value = loss(y, m(x, training=True))
        grads = tape.gradient(value, m.trainable_variables)
        opt.apply_gradients(zip(grads, m.trainable_variables))
        if step + 1 in (1, 10, 100):
            snapshots[step + 1] = {v.path: np.array(v.numpy(), dtype=np.float64) for v in m.weights}
    return snapshots


def worst(a, b):
    errors = {}
    for name in a:
        errors[name] = np.max(np.abs(a[name] - b[name])) / max(np.max(np.abs(a[name])), 1e-12)
    name = max(errors, key=errors.get)
    return errors[name], name


def main():
    tf.keras.utils.set_random_seed(1)
    initial = model("float64").get_weights()
    batches = data()
    exact = train("float64", initial, batches)
    runs = {
        "float32": train("float32", initial, batches),
        "float32, halves swapped": train("float32", initial, batches, swap=True),
        "float32, x[0] + 1 ulp at step 1": train("float32", initial, batches, ulp=True),
    }
    for label, run in runs.items():
        for step in (1, 10, 100):
            e64, n64 = worst(exact[step], run[step])
            e32, n32 = worst(runs["float32"][step], run[step])
            print(f"{label:34s} step {step:3d}: vs float64 {e64:.1e} ({n64}); vs float32 {e32:.1e} ({n32})")


if __name__ == "__main__":
    main()
