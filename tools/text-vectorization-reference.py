"""Reference values for the runner's text vectorization, from Keras' TextVectorization itself.

Adapts keras.layers.TextVectorization (standardize="lower_and_strip_punctuation",
split="whitespace", output_mode="int") on two corpora and writes its vocabulary and the token ids
of every text:
  - edge cases (punctuation, tabs and runs of spaces, non-ASCII letters, frequency ties, OOV words),
    max_tokens=12, output_sequence_length=6;
  - the first column of examples/data/reviews-train.tsv (the text example's training split),
    max_tokens=None, output_sequence_length=12, applied to reviews-train.tsv and reviews-test.tsv.

Run from the repository root with TensorFlow 2.21 (Python is never needed by the build or CI):
    /work/venv-tf/bin/python tools/text-vectorization-reference.py
Output (committed) in modules/src/test/resources/text/: <name>.vocabulary.txt (get_vocabulary(),
one token per line, line i = id i) and <name>.ids.txt (one line per text: the ids, space-separated);
edge-cases.texts.txt holds the edge-case texts, one per line (TSV-free, no line breaks inside).
"""
import csv
import os

import keras
import numpy as np

OUT = "modules/src/test/resources/text"

EDGE = [
    "The cat sat on the mat.",
    "THE DOG, the dog -- and the cat!",
    "  spaces\tand\ttabs   everywhere  ",
    "Punctuation: don't split it's; (brackets) [square] {curly} #hash @at ~tilde `tick`",
    "Émile and ÉMILE and émile went to Zürich",
    "b a c b a c d e f g h",
    "1,000 apples/2.5 pears = 42%",
    "",
]
EDGE_EVAL = EDGE + ["an unseen word and the cat", "a b c d e f g h i j k"]


def write(name, texts_fit, texts_apply, max_tokens, length):
    layer = keras.layers.TextVectorization(max_tokens=max_tokens, output_sequence_length=length)
    layer.adapt(np.array(texts_fit))
    vocab = layer.get_vocabulary()
    with open(os.path.join(OUT, name + ".vocabulary.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    ids = layer(np.array(texts_apply)).numpy()
    with open(os.path.join(OUT, name + ".ids.txt"), "w") as f:
        f.write("\n".join(" ".join(str(int(v)) for v in row) for row in ids) + "\n")


def column(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return [r[0] for r in rows[1:]]


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "edge-cases.texts.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(EDGE_EVAL) + "\n")
    write("edge-cases", EDGE, EDGE_EVAL, 12, 6)
    train = column("examples/data/reviews-train.tsv")
    test = column("examples/data/reviews-test.tsv")
    write("reviews", train, train + test, None, 12)


if __name__ == "__main__":
    main()
