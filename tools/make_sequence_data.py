"""Writes examples/data/sequences-{train,test}.csv, the data of examples/sequence-lstm.yaml.

Run by hand with any Python 3 (no packages needed); the files are committed and the output is the
same on every run (fixed seeds):

    python3 tools/make_sequence_data.py

Each row is a sequence of 20 token ids (columns t00..t19) drawn from 1..12, and a label 0, 1 or 2:
which of the tokens 1, 2 and 3 occurs most often in the sequence (the label's token occurs 3 to 5
times, each of the other two at most 2 times, the rest of the sequence is tokens 4..12). A model
must count over the whole sequence, in any order: a small task an embedding + LSTM learns in a few
epochs and a bag of the first tokens does not.
"""

import os
import random

STEPS = 20
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "examples", "data")


def sequence(rng):
    label = rng.randrange(3)
    tokens = [label + 1] * rng.randint(3, 5)
    for other in range(1, 4):
        if other != label + 1:
            tokens += [other] * rng.randint(0, 2)
    tokens += [rng.randint(4, 12) for _ in range(STEPS - len(tokens))]
    rng.shuffle(tokens)
    return tokens, label


def write(name, rows, seed):
    rng = random.Random(seed)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(",".join(f"t{i:02d}" for i in range(STEPS)) + ",label\n")
        for _ in range(rows):
            tokens, label = sequence(rng)
            f.write(",".join(map(str, tokens)) + f",{label}\n")


if __name__ == "__main__":
    write("sequences-train.csv", 3000, 1)
    write("sequences-test.csv", 600, 2)
