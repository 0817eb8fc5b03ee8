"""Keras reference values for the layer kinds, read by io.inscope.modules.layers.KerasParityTest.

Run by hand with TensorFlow Python (CI never runs it; the values it writes are committed):

    /work/venv-tf/bin/python tools/keras_layer_refs.py            # every kind
    /work/venv-tf/bin/python tools/keras_layer_refs.py lstm gru   # only these kinds

(/work/venv-tf is a venv with `pip install tensorflow-cpu==2.21.0`, which brings Keras 3.) For each
case below it builds the Keras layer, sets every weight to seeded uniform values, calls the layer on
a seeded input (training=False) and writes modules/src/test/resources/keras/<kind>.json:

    {"kind": "lstm", "keras": "3.15.1", "tensorflow": "2.21.0", "cases": [{
       "name": "...", "layer": "<the YAML of our layer entry>", "input_shape": [batch, ...],
       "input": [...flat, row-major...], "ids": false,
       "weights": {"kernel": {"shape": [...], "values": [...]}, ...},
       "output_shape": [...], "output": [...]}]}

Weight names are ours: the Keras variable path without the layer's name and without the cell
(`lstm/lstm_cell/kernel` is `kernel`, `multi_head_attention/query/kernel` is `query.kernel`), so
that the test assigns `<kind>.<name>`. Keep the shapes tiny: the files are test resources.

Where Keras has no such layer in TensorFlow's own packages (position_embedding is Keras-hub's
PositionEmbedding, not installed here), the reference is a small Keras layer written here from
Keras-hub's definition, as the case's "reference" field says.
"""

import json
import os
import re
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "modules", "src", "test", "resources", "keras")
L = keras.layers


def case(name, layer, keras_layer, input_shape, ids=0, call=None, reference=None, distinct=False, scale=1.0,
         input_gradient=True):
    """One reference case. ids > 0 draws integer ids in [0, ids) as the input; distinct draws values
    at least 0.05 apart (a maximum then has no near tie, which finite differences would straddle);
    otherwise the input is uniform in [-scale, scale]. input_gradient=False: the output does not depend
    on the input's values (only on its shape), so the test checks no gradient with respect to it."""
    return dict(name=name, layer=layer, keras_layer=keras_layer, input_shape=input_shape, ids=ids,
                call=call, reference=reference, distinct=distinct, scale=scale,
                input_gradient=input_gradient and not ids)


def self_attention(layer, x, **kwargs):
    return layer(x, x, **kwargs)


def position_embedding(sequence_length):
    """Keras-hub PositionEmbedding: the first `steps` rows of `embeddings`, broadcast over the batch."""

    class PositionEmbedding(L.Layer):
        def build(self, input_shape):
            self.embeddings = self.add_weight(name="embeddings", shape=(sequence_length, input_shape[-1]))

        def call(self, x):
            steps = x.shape[1]
            return tf.broadcast_to(self.embeddings[:steps], tf.shape(x))

    return PositionEmbedding(name="position_embedding")


HUB = "a Keras layer written in this script from Keras-hub's PositionEmbedding definition"

CASES = {
    "activation": [
        case("leaky_relu", "activation: leaky_relu", lambda: L.Activation("leaky_relu"), [2, 6], scale=3),
        case("relu6", "activation: relu6", lambda: L.Activation("relu6"), [3, 8], scale=9),
        case("softplus", "activation: softplus", lambda: L.Activation("softplus"), [2, 6], scale=4),
        case("hard_sigmoid", "activation: hard_sigmoid", lambda: L.Activation("hard_sigmoid"), [3, 8], scale=5),
    ],
    "leaky_relu": [
        case("default slope", "leaky_relu", lambda: L.LeakyReLU(), [2, 6], scale=3),
        case("slope 0.1", "leaky_relu: {negative_slope: 0.1}", lambda: L.LeakyReLU(negative_slope=0.1), [2, 3, 2], scale=3),
    ],
    "softmax": [
        case("last axis", "softmax", lambda: L.Softmax(), [2, 3, 4], scale=3),
        case("axis 1", "softmax: {axis: 1}", lambda: L.Softmax(axis=1), [2, 3, 4], scale=3),
        case("axis -2 of 4", "softmax: {axis: -2}", lambda: L.Softmax(axis=-2), [2, 2, 3, 2], scale=3),
    ],
    "bidirectional": [
        case("lstm, concat", "bidirectional: {layer: {lstm: {units: 2}}}", lambda: L.Bidirectional(L.LSTM(2)), [2, 3, 2]),
        case("gru sequences, sum", "bidirectional: {layer: {gru: {units: 2, return_sequences: true}}, merge_mode: sum}",
             lambda: L.Bidirectional(L.GRU(2, return_sequences=True), merge_mode="sum"), [2, 3, 2]),
        case("lstm sequences, concat", "bidirectional: {layer: {lstm: {units: 2, return_sequences: true}}}",
             lambda: L.Bidirectional(L.LSTM(2, return_sequences=True)), [2, 4, 2]),
        case("gru with dropout (inference: no dropping)", "bidirectional: {layer: {gru: {units: 2, dropout: 0.5, recurrent_dropout: 0.5}}}",
             lambda: L.Bidirectional(L.GRU(2, dropout=0.5, recurrent_dropout=0.5)), [2, 3, 2]),
    ],
    "conv1d": [
        case("valid", "conv1d: {filters: 3, kernel_size: 2}", lambda: L.Conv1D(3, 2), [2, 5, 2]),
        case("same, stride 2, tanh", "conv1d: {filters: 2, kernel_size: 3, strides: 2, padding: same, activation: tanh}",
             lambda: L.Conv1D(2, 3, strides=2, padding="same", activation="tanh"), [2, 6, 3]),
        case("no bias", "conv1d: {filters: 2, kernel_size: 3, use_bias: false}", lambda: L.Conv1D(2, 3, use_bias=False), [1, 4, 2]),
        case("dilated 2, valid", "conv1d: {filters: 2, kernel_size: 3, dilation_rate: 2}",
             lambda: L.Conv1D(2, 3, dilation_rate=2), [2, 7, 2]),
        case("dilated 3, same, relu", "conv1d: {filters: 3, kernel_size: 2, dilation_rate: 3, padding: same, activation: relu}",
             lambda: L.Conv1D(3, 2, dilation_rate=3, padding="same", activation="relu"), [2, 6, 2]),
    ],
    "max_pool1d": [
        case("default", "max_pool1d", lambda: L.MaxPooling1D(), [2, 5, 2], distinct=True),
        case("3, stride 1, same", "max_pool1d: {pool_size: 3, strides: 1, padding: same}",
             lambda: L.MaxPooling1D(3, strides=1, padding="same"), [2, 4, 3], distinct=True),
    ],
    "average_pool1d": [
        case("default", "average_pool1d", lambda: L.AveragePooling1D(2), [2, 5, 2]),
        case("3, stride 2, same", "average_pool1d: {pool_size: 3, strides: 2, padding: same}",
             lambda: L.AveragePooling1D(3, strides=2, padding="same"), [2, 6, 3]),
    ],
    "zero_padding2d": [
        case("default", "zero_padding2d", lambda: L.ZeroPadding2D(), [2, 2, 3, 2]),
        case("[2, 1]", "zero_padding2d: {padding: [2, 1]}", lambda: L.ZeroPadding2D((2, 1)), [1, 3, 2, 1]),
    ],
    "cropping2d": [
        case("[1, 2]", "cropping2d: {cropping: [1, 2]}", lambda: L.Cropping2D((1, 2)), [2, 4, 5, 2]),
        case("1", "cropping2d: {cropping: 1}", lambda: L.Cropping2D(1), [1, 3, 3, 3]),
    ],
    "up_sampling2d": [
        case("nearest", "up_sampling2d", lambda: L.UpSampling2D(), [2, 2, 3, 2]),
        case("nearest [2, 3]", "up_sampling2d: {size: [2, 3]}", lambda: L.UpSampling2D((2, 3)), [1, 2, 2, 1]),
        case("bilinear", "up_sampling2d: {size: 2, interpolation: bilinear}",
             lambda: L.UpSampling2D(2, interpolation="bilinear"), [2, 3, 2, 2]),
    ],
    "permute": [
        case("[2, 1]", "permute: {dims: [2, 1]}", lambda: L.Permute((2, 1)), [2, 3, 4]),
        case("[3, 1, 2]", "permute: {dims: [3, 1, 2]}", lambda: L.Permute((3, 1, 2)), [2, 2, 3, 4]),
    ],
    "spatial_dropout1d": [
        case("inference is the identity", "spatial_dropout1d: 0.5", lambda: L.SpatialDropout1D(0.5), [2, 3, 4]),
    ],
    "spatial_dropout2d": [
        case("inference is the identity", "spatial_dropout2d: 0.5", lambda: L.SpatialDropout2D(0.5), [2, 2, 3, 2]),
    ],
    "conv2d": [
        case("valid", "conv2d: {filters: 3, kernel_size: 2}", lambda: L.Conv2D(3, 2), [2, 4, 3, 2]),
        case("dilated 2, valid", "conv2d: {filters: 2, kernel_size: 3, dilation_rate: 2}",
             lambda: L.Conv2D(2, 3, dilation_rate=2), [2, 6, 7, 2]),
        case("dilated [2, 3], same, tanh", "conv2d: {filters: 3, kernel_size: [2, 3], dilation_rate: [2, 3], padding: same, activation: tanh}",
             lambda: L.Conv2D(3, (2, 3), dilation_rate=(2, 3), padding="same", activation="tanh"), [2, 5, 6, 2]),
        case("dilated [1, 2], no bias", "conv2d: {filters: 2, kernel_size: 2, dilation_rate: [1, 2], use_bias: false}",
             lambda: L.Conv2D(2, 2, dilation_rate=(1, 2), use_bias=False), [1, 3, 4, 3]),
    ],
    "depthwise_conv2d": [
        case("valid", "depthwise_conv2d: {kernel_size: 2}", lambda: L.DepthwiseConv2D(2), [2, 3, 3, 2]),
        case("same, stride 2, multiplier 2", "depthwise_conv2d: {kernel_size: 3, strides: 2, padding: same, depth_multiplier: 2}",
             lambda: L.DepthwiseConv2D(3, strides=2, padding="same", depth_multiplier=2), [1, 4, 5, 2]),
        case("dilated 2, valid", "depthwise_conv2d: {kernel_size: 2, dilation_rate: 2}",
             lambda: L.DepthwiseConv2D(2, dilation_rate=2), [2, 4, 5, 2]),
        case("dilated [3, 2], same, multiplier 2", "depthwise_conv2d: {kernel_size: 3, dilation_rate: [3, 2], padding: same, depth_multiplier: 2}",
             lambda: L.DepthwiseConv2D(3, dilation_rate=(3, 2), padding="same", depth_multiplier=2), [1, 6, 5, 2]),
        case("dilated 2, stride 2 (Keras allows both here)", "depthwise_conv2d: {kernel_size: 3, dilation_rate: 2, strides: 2}",
             lambda: L.DepthwiseConv2D(3, dilation_rate=2, strides=2), [1, 8, 9, 2]),
    ],
    "separable_conv2d": [
        case("valid", "separable_conv2d: {filters: 3, kernel_size: 2}", lambda: L.SeparableConv2D(3, 2), [2, 3, 3, 2]),
        case("same, multiplier 2, tanh",
             "separable_conv2d: {filters: 2, kernel_size: 3, padding: same, depth_multiplier: 2, activation: tanh}",
             lambda: L.SeparableConv2D(2, 3, padding="same", depth_multiplier=2, activation="tanh"), [1, 3, 4, 2]),
        case("dilated 2, valid", "separable_conv2d: {filters: 3, kernel_size: 2, dilation_rate: 2}",
             lambda: L.SeparableConv2D(3, 2, dilation_rate=2), [2, 4, 5, 2]),
        case("dilated [2, 3], same, multiplier 2", "separable_conv2d: {filters: 2, kernel_size: 3, dilation_rate: [2, 3], padding: same, depth_multiplier: 2}",
             lambda: L.SeparableConv2D(2, 3, dilation_rate=(2, 3), padding="same", depth_multiplier=2), [1, 5, 7, 2]),
        case("dilated 2, stride 2 (Keras allows both here)", "separable_conv2d: {filters: 2, kernel_size: 2, dilation_rate: 2, strides: 2}",
             lambda: L.SeparableConv2D(2, 2, dilation_rate=2, strides=2), [1, 7, 6, 2]),
    ],
    "conv2d_transpose": [
        case("valid", "conv2d_transpose: {filters: 2, kernel_size: 2}", lambda: L.Conv2DTranspose(2, 2), [2, 2, 3, 2]),
        case("same, stride 2", "conv2d_transpose: {filters: 3, kernel_size: 3, strides: 2, padding: same}",
             lambda: L.Conv2DTranspose(3, 3, strides=2, padding="same"), [1, 2, 2, 2]),
        case("valid, stride 2", "conv2d_transpose: {filters: 1, kernel_size: 3, strides: 2}",
             lambda: L.Conv2DTranspose(1, 3, strides=2), [1, 2, 3, 2]),
    ],
    "global_average_pooling1d": [
        case("default", "global_average_pooling1d", lambda: L.GlobalAveragePooling1D(), [2, 4, 3]),
        case("keepdims", "global_average_pooling1d: {keepdims: true}", lambda: L.GlobalAveragePooling1D(keepdims=True), [2, 4, 3]),
    ],
    "global_max_pooling1d": [
        case("default", "global_max_pooling1d", lambda: L.GlobalMaxPooling1D(), [2, 4, 3], distinct=True),
        case("keepdims", "global_max_pooling1d: {keepdims: true}", lambda: L.GlobalMaxPooling1D(keepdims=True), [2, 4, 3], distinct=True),
    ],
    "global_average_pooling2d": [
        case("default", "global_average_pooling2d", lambda: L.GlobalAveragePooling2D(), [2, 3, 4, 2]),
        case("keepdims", "global_average_pooling2d: {keepdims: true}", lambda: L.GlobalAveragePooling2D(keepdims=True), [2, 3, 4, 2]),
    ],
    "global_max_pooling2d": [
        case("default", "global_max_pooling2d", lambda: L.GlobalMaxPooling2D(), [2, 3, 4, 2], distinct=True),
        case("keepdims", "global_max_pooling2d: {keepdims: true}", lambda: L.GlobalMaxPooling2D(keepdims=True), [2, 3, 4, 2], distinct=True),
    ],
    "layer_normalization": [
        case("default", "layer_normalization", lambda: L.LayerNormalization(), [2, 3, 4]),
        case("epsilon, no center", "layer_normalization: {epsilon: 0.01, center: false}",
             lambda: L.LayerNormalization(epsilon=0.01, center=False), [3, 5]),
        case("no scale", "layer_normalization: {scale: false}", lambda: L.LayerNormalization(scale=False), [2, 2, 2, 3]),
        case("rms_scaling", "layer_normalization: {rms_scaling: true}", lambda: L.LayerNormalization(rms_scaling=True), [2, 3, 4]),
        case("rms_scaling, no scale, epsilon", "layer_normalization: {rms_scaling: true, scale: false, epsilon: 0.01}",
             lambda: L.LayerNormalization(rms_scaling=True, scale=False, epsilon=0.01), [3, 5], scale=2),
    ],
    "lstm": [
        case("last output", "lstm: {units: 3}", lambda: L.LSTM(3), [2, 4, 2]),
        case("sequences", "lstm: {units: 2, return_sequences: true}", lambda: L.LSTM(2, return_sequences=True), [2, 3, 3]),
        case("no bias, relu", "lstm: {units: 2, activation: relu, use_bias: false}",
             lambda: L.LSTM(2, activation="relu", use_bias=False), [2, 3, 2]),
        case("dropout, recurrent_dropout (inference: no dropping)", "lstm: {units: 3, dropout: 0.4, recurrent_dropout: 0.3}",
             lambda: L.LSTM(3, dropout=0.4, recurrent_dropout=0.3), [2, 4, 2]),
    ],
    "gru": [
        case("last output", "gru: {units: 3}", lambda: L.GRU(3), [2, 4, 2]),
        case("sequences", "gru: {units: 2, return_sequences: true}", lambda: L.GRU(2, return_sequences=True), [2, 3, 3]),
        case("reset before", "gru: {units: 2, reset_after: false, return_sequences: true}",
             lambda: L.GRU(2, reset_after=False, return_sequences=True), [2, 3, 2]),
        case("dropout, recurrent_dropout (inference: no dropping)", "gru: {units: 3, dropout: 0.4, recurrent_dropout: 0.3}",
             lambda: L.GRU(3, dropout=0.4, recurrent_dropout=0.3), [2, 4, 2]),
    ],
    "multi_head_attention": [
        case("two heads", "multi_head_attention: {num_heads: 2, key_dim: 3}",
             lambda: L.MultiHeadAttention(num_heads=2, key_dim=3), [2, 4, 5], call=self_attention),
        case("causal, value_dim, output_shape",
             "multi_head_attention: {num_heads: 3, key_dim: 2, value_dim: 4, output_shape: 3, use_causal_mask: true}",
             lambda: L.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4, output_shape=3), [2, 4, 5],
             call=lambda layer, x: layer(x, x, use_causal_mask=True)),
        case("no bias", "multi_head_attention: {num_heads: 1, key_dim: 4, use_bias: false}",
             lambda: L.MultiHeadAttention(num_heads=1, key_dim=4, use_bias=False), [2, 3, 4], call=self_attention),
    ],
    "position_embedding": [
        case("shorter than sequence_length", "position_embedding: {sequence_length: 5}", lambda: position_embedding(5),
             [2, 3, 4], reference=HUB, input_gradient=False),
        case("full length", "position_embedding: {sequence_length: 4}", lambda: position_embedding(4),
             [3, 4, 2], reference=HUB, input_gradient=False),
    ],
}


def our_name(path, layer_name):
    parts = path.split("/")
    if parts[0] == layer_name:
        parts = parts[1:]
    parts = [p for p in parts if not p.endswith("_cell")]
    parts = [re.sub(r"^(forward|backward)_(lstm|gru)(_\d+)?$", r"\1_\2", p) for p in parts]
    return ".".join(parts)


def run(kind, c, rng):
    shape = c["input_shape"]
    if c["ids"]:
        x = rng.integers(0, c["ids"], size=shape).astype("float32")
    elif c["distinct"]:
        n = int(np.prod(shape))
        x = ((rng.permutation(n) - n / 2) * 0.05).reshape(shape).astype("float32")
    else:
        x = rng.uniform(-c["scale"], c["scale"], size=shape).astype("float32")
    layer = c["keras_layer"]()
    call = c["call"] or (lambda l, v: l(v))
    call(layer, x)  # builds the weights
    weights = {}
    values = []
    for w in layer.weights:
        v = rng.uniform(-0.5, 0.5, size=tuple(w.shape)).astype("float32")
        values.append(v)
        weights[our_name(w.path, layer.name)] = {"shape": list(w.shape), "values": v.ravel().tolist()}
    if values:
        layer.set_weights(values)
    y = np.asarray(call(layer, x), dtype="float32")
    out = {
        "name": c["name"],
        "layer": c["layer"],
        "input_shape": shape,
        "input": x.ravel().tolist(),
        "ids": bool(c["ids"]),
        "input_gradient": c["input_gradient"],
        "weights": weights,
        "output_shape": list(y.shape),
        "output": y.ravel().tolist(),
    }
    if c["reference"]:
        out["reference"] = c["reference"]
    return out


def main(kinds):
    os.makedirs(OUT, exist_ok=True)
    for kind in kinds or sorted(CASES):
        rng = np.random.default_rng(sum(map(ord, kind)))
        keras.utils.set_random_seed(1)
        cases = [run(kind, c, rng) for c in CASES[kind]]
        doc = {"kind": kind, "keras": keras.__version__, "tensorflow": tf.__version__, "cases": cases}
        path = os.path.join(OUT, kind + ".json")
        head = json.dumps({k: v for k, v in doc.items() if k != "cases"})[:-1]
        with open(path, "w") as f:
            f.write(head + ', "cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "]}\n")
        print(path, ", ".join(f"{c['name']}: {sorted(c['weights'])}" for c in cases))


if __name__ == "__main__":
    main(sys.argv[1:])
