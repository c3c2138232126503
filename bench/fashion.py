"""Reads Fashion-MNIST's gzipped IDX files for the Python contenders of bench/run.sh."""
import gzip

import numpy as np

# layers and batch size of each benchmarked model, as in bench/src/Bench.java
MODELS = {"course": ((25, 15), 32), "wide": ((256, 128), 128), "large": ((1024, 1024), 1024), "cnn": ((), 64)}
WARMUP, TIMED = 1, 3


def read_idx(path, offset):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(directory, kind):
    """Returns (images as float32 in [0, 1], shape (n, 784); labels as int64)."""
    images = read_idx(f"{directory}/{kind}-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
    labels = read_idx(f"{directory}/{kind}-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return images, labels
