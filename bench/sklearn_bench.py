"""scikit-learn's MLPClassifier on the same work (Adam 1e-3, same layers and batch size)."""
import sys
import time
import warnings

import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from fashion import MODELS, TIMED, WARMUP, load


def main():
    model_name, directory = sys.argv[1], sys.argv[2]
    hidden, batch = MODELS[model_name]
    x, y = load(directory, "train")
    xt, yt = load(directory, "t10k")
    clf = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver="adam", batch_size=batch,
                        learning_rate_init=1e-3, max_iter=1, warm_start=True, shuffle=True, random_state=1)
    rates = []
    warnings.simplefilter("ignore", ConvergenceWarning)
    for _ in range(WARMUP + TIMED):
        start = time.perf_counter()
        clf.fit(x, y)
        rates.append(len(x) / (time.perf_counter() - start))
    accuracy = clf.score(xt, yt)
    params = sum(w.size for w in clf.coefs_) + sum(b.size for b in clf.intercepts_)
    timed = ",".join(f"{r:.0f}" for r in rates[WARMUP:])
    print(f"contender=sklearn model={model_name} threads=1 params={params} samples_per_s={timed} "
          f"accuracy={accuracy:.4f} sklearn={sklearn.__version__}")


if __name__ == "__main__":
    main()
