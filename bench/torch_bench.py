"""PyTorch from Python on the same work as nntrain's benchmark (bench/run.sh).

Fashion-MNIST IDX files are read once into tensors; each epoch indexes them by a random
permutation, as a careful PyTorch user would (no DataLoader). One warm-up epoch, then timed
epochs; prints one line of key=value pairs like bench/src/Bench.java.
"""
import os
import sys
import time

import torch

from fashion import MODELS, TIMED, WARMUP, load


def fastest_threads(x, y, hidden, batch, convolutional):
    """Times 200 steps with 1 and with 2 threads; PyTorch's best setting differs by model."""
    best, best_time = 1, float("inf")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        model, optimizer, loss_fn = build(hidden, convolutional)
        start = time.perf_counter()
        for s in range(0, 200 * batch, batch):
            idx = torch.randint(0, len(x), (batch,))
            optimizer.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            optimizer.step()
        elapsed = time.perf_counter() - start
        if elapsed < best_time:
            best, best_time = threads, elapsed
    return best


def build(hidden, convolutional=False):
    if convolutional:
        # the convolution lesson's CNN: Conv2D(8, 3x3, relu), MaxPool2D(2), Flatten, Dense(10)
        model = torch.nn.Sequential(torch.nn.Unflatten(1, (1, 28, 28)), torch.nn.Conv2d(1, 8, 3), torch.nn.ReLU(),
                                    torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(8 * 13 * 13, 10))
        for layer in model:
            if isinstance(layer, (torch.nn.Linear, torch.nn.Conv2d)):
                torch.nn.init.xavier_uniform_(layer.weight)
                torch.nn.init.zeros_(layer.bias)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        return model, optimizer, torch.nn.CrossEntropyLoss()
    layers, width = [], 784
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))
    # the same work as nntrain: Keras' initialisation (Glorot uniform, zero bias) and Adam epsilon
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    return model, optimizer, torch.nn.CrossEntropyLoss()


def load_tensors(directory, kind):
    x, y = load(directory, kind)
    return torch.from_numpy(x), torch.from_numpy(y)


def main():
    model_name, threads_arg, directory = sys.argv[1], sys.argv[2], sys.argv[3]
    # a fourth argument "cuda" trains on the GPU, data resident there as nntrain keeps it
    device = torch.device(sys.argv[4] if len(sys.argv) > 4 else "cpu")
    hidden, batch = MODELS[model_name]
    x, y = load_tensors(directory, "train")
    # BENCH_REPEAT: the training set that many times over, as Bench.java's -Dbench.repeat
    repeat = int(os.environ.get("BENCH_REPEAT", "1"))
    x, y = x.repeat(repeat, *([1] * (x.dim() - 1))), y.repeat(repeat)
    xt, yt = load_tensors(directory, "t10k")
    convolutional = model_name == "cnn"
    if device.type == "cpu":
        threads = fastest_threads(x, y, hidden, batch, convolutional) if threads_arg == "auto" else int(threads_arg)
        torch.set_num_threads(threads)
    else:
        threads = torch.get_num_threads()
        x, y, xt, yt = x.to(device), y.to(device), xt.to(device), yt.to(device)
    torch.manual_seed(1)
    model, optimizer, loss_fn = build(hidden, convolutional)
    model.to(device)
    params = sum(p.numel() for p in model.parameters())
    rates = []
    for epoch in range(WARMUP + TIMED):
        start = time.perf_counter()
        order = torch.randperm(len(x), device=device)
        for s in range(0, len(x), batch):
            idx = order[s:s + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()  # the epoch ends when the GPU is done, not when it is queued
        rates.append(len(x) / (time.perf_counter() - start))
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).float().mean().item()
    timed = ",".join(f"{r:.0f}" for r in rates[WARMUP:])
    print(f"contender={'pytorch' if device.type == 'cpu' else 'pytorch-' + device.type} model={model_name} threads={threads} params={params} "
          f"samples_per_s={timed} accuracy={accuracy:.4f} torch={torch.__version__}")


if __name__ == "__main__":
    main()
