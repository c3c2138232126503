"""The matrix products of one training step of bench/DenseSteps.java's dense models, timed alone in
PyTorch on the same device: the ceiling a framework reaches for the step's arithmetic.

    python3 bench/torch_gemm.py cuda large wide course
"""
import sys
import time

import torch

from fashion import MODELS


def products(hidden, batch):
    widths = [784, *hidden, 10]
    p = []
    for i in range(1, len(widths)):
        p.append((batch, widths[i - 1], widths[i]))      # forward
        p.append((widths[i], batch, widths[i - 1]))      # weight gradient
        if i > 1:
            p.append((batch, widths[i], widths[i - 1]))  # input gradient
    return p


def main():
    device = torch.device(sys.argv[1])
    if device.type == "cpu":
        torch.set_num_threads(1)
    for name in sys.argv[2:]:
        hidden, batch = MODELS[name]
        shapes = products(hidden, batch)
        operands = [(torch.rand(m, k, device=device) * 2 - 1, torch.rand(k, n, device=device) * 2 - 1) for m, k, n in shapes]
        flops = sum(2.0 * m * k * n for m, k, n in shapes)
        best = float("inf")
        for rnd in range(6):
            reps = 20
            if device.type == "cuda":
                torch.cuda.synchronize()
            start = time.perf_counter()
            for _ in range(reps):
                for a, b in operands:
                    a @ b
            if device.type == "cuda":
                torch.cuda.synchronize()
            ms = (time.perf_counter() - start) * 1000 / reps
            if rnd > 0:
                best = min(best, ms)
        print(f"contender=torch-products model={name} device={device.type} products_ms={best:.4f} "
              f"products_tflops={flops / best / 1e9:.3f} torch={torch.__version__}")


if __name__ == "__main__":
    main()
