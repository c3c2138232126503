"""The benchmark CNN's step one operation at a time in PyTorch from Python, the peer of
bench/src/CnnOps.java (Conv2D(8, 3x3, ReLU), MaxPool2D(2), Flatten, Dense(10), batch 64).

    /usr/bin/python3 bench/torch_ops.py 1      # threads
"""
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(0)
N = 64
x = torch.randn(N, 1, 28, 28)
w = torch.randn(8, 1, 3, 3, requires_grad=True)
b = torch.zeros(8, requires_grad=True)
w2 = torch.randn(10, 1352, requires_grad=True)
b2 = torch.zeros(10, requires_grad=True)
y = torch.randint(0, 10, (N,))


def timed(name, f, reps=300):
    for _ in range(30):
        f()
    t0 = time.perf_counter()
    for _ in range(reps):
        f()
    print(f"{name:45s} {(time.perf_counter() - t0) / reps * 1e6:8.0f} us")


with torch.no_grad():
    timed("conv forward", lambda: F.conv2d(x, w, b))
    z = F.conv2d(x, w, b)
    timed("relu forward", lambda: F.relu(z))
    a = F.relu(z)
    timed("maxpool forward (with indices, as autograd)", lambda: F.max_pool2d(a, 2, return_indices=True))
    dz = torch.randn(N, 8, 26, 26)
    timed("conv dW: convolution_backward", lambda: torch.ops.aten.convolution_backward(
        dz, x, w, [8], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [False, True, True]))
    timed("conv dW: batch-as-channels convolution", lambda: F.conv2d(x.transpose(0, 1), dz.transpose(0, 1)))
    p, idx = F.max_pool2d(a, 2, return_indices=True)
    dp = torch.randn_like(p)
    timed("maxpool backward (one fused kernel)", lambda: torch.ops.aten.max_pool2d_with_indices_backward(
        dp, a, [2, 2], [2, 2], [0, 0], [1, 1], False, idx))
    timed("relu backward (threshold_backward)", lambda: torch.ops.aten.threshold_backward(dz, a, 0))


def step():
    for t in (w, b, w2, b2):
        t.grad = None
    out = F.linear(F.max_pool2d(F.relu(F.conv2d(x, w, b)), 2).reshape(N, -1), w2, b2)
    F.cross_entropy(out, y).backward()


timed("whole step through autograd (no optimiser)", step)
