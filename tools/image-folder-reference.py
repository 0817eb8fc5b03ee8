"""Reference values for the image_folder source, from Keras itself.

Writes a small class-folder tree of PNG (8-bit gray, RGB, RGBA, 16-bit gray, palette-free), JPEG
(RGB and gray) and BMP (24-bit) images made by TensorFlow's own encoders (BMP written by hand),
then reads it with keras.utils.image_dataset_from_directory(shuffle=False, interpolation="bilinear")
in both color modes and two sizes (down and up), and writes what Keras returns as text.
TensorFlow cannot decode a BMP to one channel (the runner can), so grayscale leaves the BMP out.

Run from the repository root with TensorFlow 2.21 (Python is never needed by the build or CI):
    /work/venv-tf/bin/python tools/image-folder-reference.py
Output (committed): modules/src/test/resources/images/folder/,
modules/src/test/resources/images/keras-<mode>-<h>x<w>.txt, one line per image:
"<label> <file relative to folder/> v0 v1 ...", values %.6f in [height, width, channels] order, and
tf-jpeg-accurate.txt: "<file> <channels> <h> <w> pixels..." from tf.io.decode_jpeg with
dct_method="INTEGER_ACCURATE".
"""
import os
import shutil
import struct

import numpy as np
import tensorflow as tf
import keras

OUT = "modules/src/test/resources/images"
FOLDER = os.path.join(OUT, "folder")


def bmp24(path, rgb):
    h, w, _ = rgb.shape
    row = (w * 3 + 3) // 4 * 4
    data = bytearray()
    for y in range(h - 1, -1, -1):
        line = bytearray()
        for x in range(w):
            r, g, b = (int(v) for v in rgb[y, x])
            line += bytes([b, g, r])
        data += line + bytes(row - len(line))
    header = struct.pack("<2sIHHI", b"BM", 54 + len(data), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(data), 2835, 2835, 0, 0)
    with open(path, "wb") as f:
        f.write(header + info + data)


def main():
    rng = np.random.default_rng(15)
    shutil.rmtree(FOLDER, ignore_errors=True)
    for c in ["cat", "dog", "zebra"]:
        os.makedirs(os.path.join(FOLDER, c), exist_ok=True)
    def img(h, w, ch, dtype=np.uint8, high=256):
        return rng.integers(0, high, size=(h, w, ch)).astype(dtype)
    def write(path, data):
        with open(os.path.join(FOLDER, path), "wb") as f:
            f.write(data)
    write("cat/a-gray.png", tf.io.encode_png(img(7, 5, 1)).numpy())
    write("cat/b-rgb.png", tf.io.encode_png(img(6, 9, 3)).numpy())
    write("cat/c-rgba.PNG", tf.io.encode_png(img(5, 5, 4)).numpy())
    write("cat/notes.txt", b"not an image: ignored by its extension")
    os.makedirs(os.path.join(FOLDER, "dog", "more"), exist_ok=True)
    write("dog/more/d-gray16.png", tf.io.encode_png(img(8, 6, 1, np.uint16, 65536)).numpy())
    smooth = np.clip(np.add.outer(np.arange(16) * 12, np.arange(16) * 9)[:, :, None] + np.array([0, 40, 80]), 0, 255).astype(np.uint8)
    write("dog/e-rgb.jpg", tf.io.encode_jpeg(smooth, quality=95).numpy())
    write("dog/f-gray.jpeg", tf.io.encode_jpeg(smooth[:, :, :1], quality=95).numpy())
    bmp24(os.path.join(FOLDER, "zebra", "g.bmp"), img(4, 7, 3))
    # TensorFlow refuses to decode a BMP to one channel, so grayscale is read from a copy without it
    gray_folder = "/tmp/image-folder-reference-gray"
    shutil.rmtree(gray_folder, ignore_errors=True)
    shutil.copytree(FOLDER, gray_folder, ignore=shutil.ignore_patterns("zebra"))
    for mode in ["grayscale", "rgb"]:
        for size in [(4, 6), (9, 11)]:
            folder = gray_folder if mode == "grayscale" else FOLDER
            ds = keras.utils.image_dataset_from_directory(
                folder, color_mode=mode, image_size=size, batch_size=None, shuffle=False,
                interpolation="bilinear", verbose=False)
            lines = []
            for path, (x, y) in zip(ds.file_paths, ds):
                rel = os.path.relpath(path, folder)
                values = " ".join("%.6f" % v for v in x.numpy().reshape(-1))
                lines.append("%d %s %s" % (int(y), rel, values))
            with open(os.path.join(OUT, "keras-%s-%dx%d.txt" % (mode, size[0], size[1])), "w") as f:
                f.write("\n".join(lines) + "\n")
    # Keras decodes JPEG with TensorFlow's default fast integer IDCT; the runner's decoder (the
    # JDK's libjpeg) matches the accurate one, which these pixels are decoded with
    lines = []
    for rel, channels in [("dog/e-rgb.jpg", 3), ("dog/f-gray.jpeg", 1), ("dog/f-gray.jpeg", 3)]:
        with open(os.path.join(FOLDER, rel), "rb") as f:
            x = tf.io.decode_jpeg(f.read(), channels=channels, dct_method="INTEGER_ACCURATE").numpy()
        lines.append("%s %d %d %d %s" % (rel, channels, x.shape[0], x.shape[1], " ".join(str(v) for v in x.reshape(-1))))
    with open(os.path.join(OUT, "tf-jpeg-accurate.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
