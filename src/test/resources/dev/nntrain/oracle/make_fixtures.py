#!/usr/bin/env python3
"""Reference numbers for nntrain's oracle tests (dev.nntrain.oracle.*), computed with PyTorch.

How to run (from the repository root; CI has no PyTorch, so the output is committed):

    /usr/bin/python3 src/test/resources/dev/nntrain/oracle/make_fixtures.py

It writes src/test/resources/dev/nntrain/oracle/fixtures.json next to itself, and the Keras CNNs'
weights as numpy's np.savez files (keras_cnn.npz, keras_cnn1d_compressed.npz). The committed
fixture was produced by PyTorch 1.13.0a0 (Debian's python3-torch, CPU) under Python 3.11; the
version is also recorded in the file. Running it again must give the same file byte for byte
(every input is written here or drawn from a seeded generator, and torch runs deterministically
on the CPU in float64).

Everything is computed in float64. Every input (examples, weights, gradients fed to optimisers)
is rounded to a float32 value first, because nntrain's Keras-layout weight API takes floats;
the arithmetic after that is float64 on both sides, so the tests compare at ~1e-10.

The semantics are Keras 3's (keras-team/keras, keras/src/backend/{tensorflow,torch}/nn.py and
keras/src/optimizers/*.py); where torch's defaults differ, this script writes Keras' rule out on
top of torch and says so in a comment marked KERAS. Layouts:

  * examples are channels first, (channels, length) and (channels, height, width), as in
    nntrain, DJL and torch; Keras models (channels last) are only built for the Flatten case and
    the Keras CNNs (keras_cnns), whose weights are in Keras' layout throughout;
  * convolution kernels are stored in torch's and DJL's layout (filters, channels, k...), dense
    kernels in Keras' layout (inputs, units), which nntrain's KerasWeights takes;
  * arrays are flat, row-major, with their shape next to them.
"""

import json
import math
import os
import sys
import warnings

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
EPSILON = 1e-7  # KERAS: backend.epsilon(), the probability clip of the losses from probabilities
LEAKY_RELU_SLOPE = 0.2  # KERAS: keras.activations.leaky_relu(x, negative_slope=0.2)

GEN = torch.Generator().manual_seed(20261130)


def f32(t):
    """Rounds to the nearest float32 and back: values nntrain's float APIs take exactly."""
    return t.to(torch.float32).to(torch.float64)


def normal(*shape, scale=1.0):
    return f32(torch.randn(*shape, generator=GEN) * scale)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def array(t):
    return {"shape": list(t.shape), "values": flat(t)}


# ----------------------------------------------------------------------------------- layers

def activation(name, z):
    if name == "linear":
        return z
    if name == "relu":
        return torch.relu(z)
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, LEAKY_RELU_SLOPE)
    if name == "softmax":
        return torch.softmax(z, dim=-1)
    raise ValueError(name)


def same_padding(n, k, s):
    """KERAS/TF 'same': ceil(n / s) outputs; the zeros needed are split with the odd one after
    (TensorFlow's rule: pad_before = total // 2). torch's padding='same' (stride 1 only) splits
    the same way; torch has no 'same' for strides > 1, so the zeros are added here with F.pad."""
    out = (n + s - 1) // s
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv(x, w, b, strides, padding):
    spatial = x.dim() - 2
    if padding == "same":
        pads = []
        for axis in reversed(range(spatial)):  # F.pad takes the last axis first
            pads += list(same_padding(x.shape[2 + axis], w.shape[2 + axis], strides[axis]))
        x = F.pad(x, pads)
    if spatial == 1:
        return F.conv1d(x, w, b, stride=strides[0])
    return F.conv2d(x, w, b, stride=tuple(strides))


def check_same_padding_against_torch():
    """At stride 1 torch has its own padding='same': it must agree with the rule above, also for
    even kernels (more zeros after)."""
    x = normal(2, 3, 7, 6)
    for k in [(2, 2), (3, 4), (4, 3)]:
        w = normal(2, 3, *k)
        ours = conv(x, w, None, (1, 1), "same")
        with warnings.catch_warnings():  # torch warns that even kernels need a padded copy
            warnings.simplefilter("ignore")
            theirs = F.conv2d(x, w, None, padding="same")
        assert torch.equal(ours, theirs), k


def layer_case(name, kind, config, x, params, act):
    """Forward output and the gradients of f = sum(output * R) for a fixed R."""
    x = x.clone().requires_grad_(True)
    leaves = [p.clone().requires_grad_(True) for p in params]
    if kind == "dense":
        z = x @ leaves[0] + leaves[1]  # Keras' kernel (inputs, units)
        out = activation(act, z)
    elif kind in ("conv1d", "conv2d"):
        z = conv(x, leaves[0], leaves[1], config["strides"], config["padding"])
        out = activation(act, z)
    elif kind == "maxpool2d":
        # KERAS MaxPool2D(padding='valid'): floor((n - p) / s) + 1 windows; F.max_pool2d's
        # default (ceil_mode=False, no padding) is the same. Its gradient goes to the first
        # maximum of a window in reading order (row by row), as TensorFlow's MaxPoolGrad does.
        out = F.max_pool2d(x, tuple(config["pool_size"]), tuple(config["strides"]))
    else:
        raise ValueError(kind)
    r = normal(*out.shape)
    (out * r).sum().backward()
    case = {"name": name, "kind": kind, "activation": act, "config": config,
            "x": array(x), "r": array(r), "output": array(out), "grad_x": array(x.grad)}
    if params:
        case["kernel"] = array(params[0])
        case["bias"] = array(params[1])
        case["grad_kernel"] = array(leaves[0].grad)
        case["grad_bias"] = array(leaves[1].grad)
    return case


def layer_cases():
    cases = []
    for act in ["linear", "relu", "sigmoid", "tanh", "leaky_relu", "softmax"]:
        cases.append(layer_case("dense " + act, "dense", {"units": 3},
                                normal(5, 4), [normal(4, 3, scale=0.7), normal(3, scale=0.5)], act))
    # Conv1D: examples (channels, length)
    for (name, c, n, f, k, s, pad, act) in [
            ("conv1d k3 valid s1", 2, 9, 3, 3, 1, "valid", "relu"),
            ("conv1d k2 valid s2", 2, 9, 2, 2, 2, "valid", "linear"),
            ("conv1d k4 same s1", 3, 9, 2, 4, 1, "same", "tanh"),
            ("conv1d k3 same s2", 2, 10, 3, 3, 2, "same", "sigmoid"),
            ("conv1d k4 same s3", 1, 11, 2, 4, 3, "same", "leaky_relu")]:
        config = {"filters": f, "kernel_size": [k], "strides": [s], "padding": pad}
        cases.append(layer_case(name, "conv1d", config, normal(3, c, n),
                                [normal(f, c, k, scale=0.5), normal(f, scale=0.3)], act))
    # Conv2D: examples (channels, height, width)
    for (name, c, h, w, f, k, s, pad, act) in [
            ("conv2d 3x3 valid s1", 3, 7, 6, 2, (3, 3), (1, 1), "valid", "relu"),
            ("conv2d 3x2 valid s2x1", 2, 8, 7, 3, (3, 2), (2, 1), "valid", "tanh"),
            ("conv2d 2x2 same s1", 2, 5, 6, 3, (2, 2), (1, 1), "same", "linear"),
            ("conv2d 3x3 same s1", 3, 6, 5, 2, (3, 3), (1, 1), "same", "sigmoid"),
            ("conv2d 3x3 same s2", 2, 7, 6, 4, (3, 3), (2, 2), "same", "relu"),
            ("conv2d 2x2 same s2", 2, 7, 7, 2, (2, 2), (2, 2), "same", "leaky_relu"),
            ("conv2d 4x3 same s1x2", 1, 6, 7, 2, (4, 3), (1, 2), "same", "linear")]:
        config = {"filters": f, "kernel_size": list(k), "strides": list(s), "padding": pad}
        cases.append(layer_case(name, "conv2d", config, normal(2, c, h, w),
                                [normal(f, c, *k, scale=0.5), normal(f, scale=0.3)], act))
    # MaxPool2D, 'valid' (the only padding nntrain has)
    for (name, c, h, w, p, s) in [
            ("maxpool 2 tiles 6x6", 2, 6, 6, (2, 2), (2, 2)),
            ("maxpool 3 tiles 8x7, rows and columns left out", 2, 8, 7, (3, 3), (3, 3)),
            ("maxpool 2x3 tiles 7x9", 1, 7, 9, (2, 3), (2, 3)),
            ("maxpool 2 stride 1 overlaps", 2, 5, 5, (2, 2), (1, 1)),
            ("maxpool 3 stride 2 overlaps", 1, 7, 8, (3, 3), (2, 2))]:
        config = {"pool_size": list(p), "strides": list(s)}
        cases.append(layer_case(name, "maxpool2d", config, normal(2, c, h, w), [], "linear"))
    # ties: a window holding its maximum more than once (a blank corner after ReLU)
    tie = torch.tensor([[[[0.0, 0.0, 1.0, 2.0, 5.0, 5.0],
                          [0.0, 0.0, 2.0, 1.0, 5.0, 5.0],
                          [3.0, -1.0, -2.0, -2.0, 0.5, 0.25],
                          [3.0, 3.0, -2.0, -3.0, 0.25, 0.5]]]])
    for (name, p, s) in [("maxpool 2 tiles, ties", (2, 2), (2, 2)),
                         ("maxpool 2 stride 1, ties", (2, 2), (1, 1))]:
        config = {"pool_size": list(p), "strides": list(s)}
        cases.append(layer_case(name, "maxpool2d", config, tie, [], "linear"))
    return cases


def flatten_case():
    """Conv2D -> Flatten -> Dense as Keras computes it (channels last: Keras flattens each
    example's (height, width, channels) map row, column, channel) and as a channels-first
    flatten (channel, row, column, nntrain's and torch's order) reads the same Dense kernel."""
    x = normal(2, 2, 4, 5)                    # channels first, as nntrain takes it
    w = normal(3, 2, 2, 2, scale=0.5)         # torch layout (filters, channels, kh, kw)
    b = normal(3, scale=0.3)
    feature = torch.relu(F.conv2d(x, w, b))   # (2, 3, 3, 4): channels first
    hwc = feature.permute(0, 2, 3, 1).reshape(2, -1)   # KERAS: Flatten of a channels-last map
    chw = feature.reshape(2, -1)                        # nntrain / torch: channels first
    kernel = normal(hwc.shape[1], 3, scale=0.3)         # a Keras Dense kernel, rows in (h, w, c) order
    bias = normal(3, scale=0.1)
    return {"x": array(x), "conv_kernel": array(w), "conv_bias": array(b),
            "feature_shape": list(feature.shape[1:]),
            "keras_dense_kernel": array(kernel), "keras_dense_bias": array(bias),
            "keras_output": array(hwc @ kernel + bias),
            "channels_first_output_same_kernel": array(chw @ kernel + bias)}


# ----------------------------------------------------------------------------------- losses

def loss_value(name, from_logits, out, target):
    """Keras' mean loss of a batch ('sum_over_batch_size' of the per-example losses)."""
    if name in ("sparse_categorical_crossentropy", "categorical_crossentropy"):
        if name == "categorical_crossentropy":
            t = target
        else:  # class indices, one per row: (m, 1)
            t = F.one_hot(target.long().reshape(-1), out.shape[1]).to(out.dtype)
        if from_logits:
            logp = F.log_softmax(out, dim=1)
        else:
            # KERAS (torch and jax backends, and the TF backend's categorical_crossentropy):
            # the probabilities are renormalised to sum to 1 over the classes, THEN clipped
            # to [eps, 1 - eps]. (The TF backend's sparse variant clips first and renormalises
            # after, through sparse_softmax_cross_entropy_with_logits(log(clip(p))); the two
            # differ only for rows that do not sum to 1 or that reach the clip.) torch's own
            # nll/cross_entropy neither renormalises nor clips.
            p = out / out.sum(dim=1, keepdim=True)
            logp = torch.log(torch.clamp(p, EPSILON, 1 - EPSILON))
        return (-(t * logp).sum(dim=1)).mean()
    if name == "binary_crossentropy":
        if from_logits:
            # torch's binary_cross_entropy_with_logits: max(z, 0) - z y + log(1 + exp(-|z|)),
            # gradient sigmoid(z) - y everywhere, as TF's sigmoid_cross_entropy_with_logits
            terms = F.binary_cross_entropy_with_logits(out, target, reduction="none")
        else:
            # KERAS 3: clip to [eps, 1 - eps], then -(y log p + (1 - y) log(1 - p)), with no
            # epsilon added inside the logs (tf.keras 2.x added one: log(p + eps)). torch's
            # binary_cross_entropy clamps each log at -100 instead of clipping p.
            p = torch.clamp(out, EPSILON, 1 - EPSILON)
            terms = -(target * torch.log(p) + (1 - target) * torch.log(1 - p))
        return terms.mean(dim=1).mean()  # KERAS: mean over the outputs, then over the batch
    if name == "mean_squared_error":
        return ((out - target) ** 2).mean(dim=1).mean()
    raise ValueError(name)


def loss_case(label, name, from_logits, out, target):
    out = out.clone().requires_grad_(True)
    value = loss_value(name, from_logits, out, target)
    value.backward()
    return {"name": label, "loss": name, "from_logits": from_logits, "output": array(out),
            "target": array(target), "value": float(value), "grad_output": array(out.grad)}


def loss_cases():
    cases = []
    logits = torch.tensor([[0.5, -1.25, 2.0], [0.0, 0.0, 0.0], [50.0, -50.0, 0.0],
                           [1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 3.0], [-3.5, 7.25, 1.0]])
    labels = torch.tensor([[2.0], [1.0], [0.0], [1.0], [0.0], [0.0]])
    cases.append(loss_case("sparse ce from logits, extreme logits", "sparse_categorical_crossentropy",
                           True, logits, labels))
    soft = torch.tensor([[0.25, 0.75, 0.0], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5],
                         [0.0, 1.0, 0.0], [0.125, 0.125, 0.75], [0.0, 0.0, 1.0]])
    cases.append(loss_case("categorical ce from logits, soft targets, extreme logits",
                           "categorical_crossentropy", True, logits, soft))
    probs = torch.tensor([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.25, 0.5, 0.25],
                          [0.5, 0.5, 0.0], [1e-9, 1.0 - 1e-9, 0.0], [0.1, 0.2, 0.7]])
    probs = f32(probs)
    plabels = torch.tensor([[0.0], [1.0], [2.0], [2.0], [0.0], [2.0]])
    cases.append(loss_case("sparse ce from probabilities, 0 and 1 clipped", "sparse_categorical_crossentropy",
                           False, probs, plabels))
    cases.append(loss_case("categorical ce from probabilities, 0 and 1 clipped", "categorical_crossentropy",
                           False, probs, soft))
    # rows that do not sum to 1 (a softmax in float32 sums to 1 within ~1e-7; these far from it):
    # Keras renormalises them
    unnormalised = f32(torch.tensor([[0.2, 0.3, 0.4], [0.5, 0.25, 0.5], [0.0, 0.6, 0.2]]))
    cases.append(loss_case("categorical ce from probabilities, rows not summing to 1",
                           "categorical_crossentropy", False, unnormalised, soft[:3]))
    cases.append(loss_case("sparse ce from probabilities, rows not summing to 1",
                           "sparse_categorical_crossentropy", False, unnormalised, plabels[:3]))
    blogits = torch.tensor([[0.0, 2.5, -1.5], [50.0, -50.0, 0.75], [1000.0, -1000.0, -0.5],
                            [-1000.0, 1000.0, 4.0]])
    btargets = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 0.0, 0.25], [1.0, 1.0, 0.0]])
    cases.append(loss_case("binary ce from logits, multi-label, extreme logits", "binary_crossentropy",
                           True, blogits, btargets))
    bprobs = f32(torch.tensor([[0.0, 1.0, 0.5], [1.0, 0.0, 0.3], [1e-9, 0.999999999, 0.9],
                               [0.2, 0.8, 0.0]]))
    cases.append(loss_case("binary ce from probabilities, multi-label, 0 and 1 clipped",
                           "binary_crossentropy", False, bprobs, btargets))
    cases.append(loss_case("mean squared error", "mean_squared_error", False,
                           normal(4, 3), normal(4, 3)))
    return cases


# ------------------------------------------------------------------------------- optimisers

def keras_adam(lr, beta1, beta2, eps):
    # KERAS Adam (keras/src/optimizers/adam.py): alpha = lr sqrt(1 - b2^t) / (1 - b1^t);
    # w -= alpha m / (sqrt(v) + eps). Epsilon is added to sqrt of the UNcorrected v ("epsilon
    # hat" of Kingma and Ba, section 2). torch.optim.Adam adds it to sqrt(v / (1 - b2^t)), so
    # the two differ by a factor sqrt(1 - b2^t) on epsilon; torch's default eps is 1e-8, Keras'
    # 1e-7.
    def run(w, grads):
        m = torch.zeros_like(w)
        v = torch.zeros_like(w)
        out = []
        for t, g in enumerate(grads, start=1):
            alpha = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            m = m + (g - m) * (1 - beta1)
            v = v + (g * g - v) * (1 - beta2)
            w = w - alpha * m / (torch.sqrt(v) + eps)
            out.append(w)
        return out
    return run


def keras_rmsprop(lr, rho, momentum, eps):
    # KERAS RMSprop (keras/src/optimizers/rmsprop.py, centered=False):
    # v = rho v + (1 - rho) g^2; increment = lr g / sqrt(v + eps) (epsilon INSIDE the square
    # root); with momentum: s = momentum s + increment; w -= s. torch.optim.RMSprop adds eps
    # outside the root (sqrt(v) + eps) and its default rho (alpha) is 0.99, eps 1e-8.
    def run(w, grads):
        v = torch.zeros_like(w)
        s = torch.zeros_like(w)
        out = []
        for g in grads:
            v = rho * v + (1 - rho) * g * g
            inc = lr * g / torch.sqrt(v + eps)
            if momentum > 0:
                s = momentum * s + inc
                w = w - s
            else:
                w = w - inc
            out.append(w)
        return out
    return run


def keras_sgd(lr, momentum):
    # KERAS SGD: m = momentum m - lr g; w += m. torch.optim.SGD keeps b = momentum b + g and
    # steps w -= lr b: with a fixed learning rate the same steps (checked below).
    def run(w, grads):
        m = torch.zeros_like(w)
        out = []
        for g in grads:
            if momentum > 0:
                m = momentum * m - lr * g
                w = w + m
            else:
                w = w - lr * g
            out.append(w)
        return out
    return run


def optimizer_cases():
    w0 = f32(torch.tensor([0.5, -1.25, 2.0, 0.0, 3.0e-3, -0.75]))
    grads = [f32(torch.tensor(g)) for g in [
        [0.1, -0.2, 0.0, 1.5, 1e-8, -3.0],
        [0.1, 0.25, 0.0, -1.5, 2e-8, -2.5],
        [-0.05, 0.3, 0.0, 1.0, -1e-8, 4.0],
        [0.2, -0.1, 1e-6, 0.5, 0.0, 0.125],
        [0.0, 0.0, 0.0, -0.25, 5e-9, 1.0]]]
    specs = [
        ("adam keras defaults", "adam", 1e-3, {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7},
         keras_adam(1e-3, 0.9, 0.999, 1e-7)),
        ("adam lr 0.05, beta_1 0.5, beta_2 0.9, epsilon 1e-3", "adam", 0.05,
         {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3}, keras_adam(0.05, 0.5, 0.9, 1e-3)),
        ("rmsprop keras defaults", "rmsprop", 1e-3, {"rho": 0.9, "momentum": 0.0, "epsilon": 1e-7},
         keras_rmsprop(1e-3, 0.9, 0.0, 1e-7)),
        ("rmsprop lr 0.01, rho 0.8, momentum 0.9, epsilon 1e-2", "rmsprop", 0.01,
         {"rho": 0.8, "momentum": 0.9, "epsilon": 1e-2}, keras_rmsprop(0.01, 0.8, 0.9, 1e-2)),
        ("sgd keras defaults", "sgd", 0.01, {"momentum": 0.0}, keras_sgd(0.01, 0.0)),
        ("sgd lr 0.1, momentum 0.9", "sgd", 0.1, {"momentum": 0.9}, keras_sgd(0.1, 0.9)),
        ("gradient descent lr 0.5", "gd", 0.5, {}, keras_sgd(0.5, 0.0)),
    ]
    cases = []
    for (label, name, lr, config, run) in specs:
        after = run(w0.clone(), grads)
        if name in ("sgd", "gd"):
            check_sgd_against_torch(w0, grads, lr, config.get("momentum", 0.0), after)
        else:
            check_differs_from_torch(name, w0, grads, lr, config, after)
        cases.append({"name": label, "optimizer": name, "learning_rate": lr, "config": config,
                      "initial": flat(w0), "gradients": [flat(g) for g in grads],
                      "after_each_step": [flat(w) for w in after]})
    return cases


def check_differs_from_torch(name, w0, grads, lr, config, ours):
    """The case must tell Keras' rule from torch.optim's same-named optimiser with the same
    settings: otherwise a test passing against it would not show which rule nntrain follows."""
    w = w0.clone().requires_grad_(True)
    if name == "adam":
        opt = torch.optim.Adam([w], lr=lr, betas=(config["beta_1"], config["beta_2"]), eps=config["epsilon"])
    else:
        opt = torch.optim.RMSprop([w], lr=lr, alpha=config["rho"], eps=config["epsilon"], momentum=config["momentum"])
    for g in grads:
        w.grad = g.clone()
        opt.step()
    gap = float((w.detach() - ours[-1]).abs().max())
    assert gap > 1e-8, (name, config, gap)


def check_sgd_against_torch(w0, grads, lr, momentum, ours):
    w = w0.clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum)
    for g, expected in zip(grads, ours):
        w.grad = g.clone()
        opt.step()
        assert torch.allclose(w.detach(), expected, rtol=1e-14, atol=1e-15), (w, expected)


# ------------------------------------------------------------------------------- trajectory

def trajectory():
    """The course model in small (64-25-15-10: 8 x 8 inputs instead of 28 x 28, to keep the
    fixture small), ReLU hidden layers, logits out, softmax cross-entropy from logits, Keras'
    Adam(1e-3), 10 steps of batch 8 in a fixed order (no shuffling)."""
    sizes = [64, 25, 15, 10]
    kernels, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        limit = math.sqrt(6 / (fan_in + fan_out))  # Glorot-uniform, as Keras starts
        kernels.append(f32((torch.rand(fan_in, fan_out, generator=GEN) * 2 - 1) * limit))
        biases.append(f32(torch.randn(fan_out, generator=GEN) * 0.05))  # non-zero, to test them
    steps, batch = 10, 8
    x = f32(torch.rand(steps * batch, sizes[0], generator=GEN))
    labels = torch.randint(0, 10, (steps * batch,), generator=GEN)
    params = [p.clone().requires_grad_(True) for pair in zip(kernels, biases) for p in pair]
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    losses = []
    for t in range(1, steps + 1):
        xb = x[(t - 1) * batch:t * batch]
        yb = labels[(t - 1) * batch:t * batch]
        a = xb
        for i in range(0, len(params), 2):
            a = a @ params[i] + params[i + 1]
            if i < len(params) - 2:
                a = torch.relu(a)
        loss = F.cross_entropy(a, yb)  # torch's mean softmax cross-entropy = Keras' from logits
        losses.append(float(loss))
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            alpha = 1e-3 * math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            for i, p in enumerate(params):
                g = p.grad
                m[i] += (g - m[i]) * (1 - 0.9)
                v[i] += (g * g - v[i]) * (1 - 0.999)
                p -= alpha * m[i] / (torch.sqrt(v[i]) + 1e-7)
    return {"sizes": sizes, "batch_size": batch, "learning_rate": 1e-3,
            "x": array(x), "labels": [int(v) for v in labels.tolist()],
            "initial_kernels": [array(k) for k in kernels], "initial_biases": [array(b) for b in biases],
            "loss_per_step": losses,
            "final_kernels": [array(params[i]) for i in range(0, len(params), 2)],
            "final_biases": [array(params[i]) for i in range(1, len(params), 2)]}


def cnn_trajectory():
    """A small CNN through whole training steps, so that the layers' rules are chained as
    training chains them: Conv2D(3, 3x3, 'same', relu) -> MaxPool2D(2) -> Conv2D(2, 2x2, tanh) ->
    Flatten -> Dense(3), softmax cross-entropy from logits, Keras' RMSprop(0.01), 5 steps of 4
    examples (2, 8, 8) in a fixed order. The model is nntrain's, channels first: its Dense kernel's
    rows are in (channel, row, column) order (see the flatten case for Keras' order)."""
    x = f32(torch.rand(20, 2, 8, 8, generator=GEN))
    labels = torch.randint(0, 3, (20,), generator=GEN)
    w1, b1 = normal(3, 2, 3, 3, scale=0.4), normal(3, scale=0.1)
    w2, b2 = normal(2, 3, 2, 2, scale=0.4), normal(2, scale=0.1)
    k3, b3 = normal(18, 3, scale=0.4), normal(3, scale=0.1)
    params = [p.clone().requires_grad_(True) for p in (w1, b1, w2, b2, k3, b3)]
    rho, eps, lr = 0.9, 1e-7, 0.01
    velocity = [torch.zeros_like(p) for p in params]
    losses = []
    for step in range(5):
        xb, yb = x[4 * step:4 * step + 4], labels[4 * step:4 * step + 4]
        a = torch.relu(conv(xb, params[0], params[1], (1, 1), "same"))
        a = F.max_pool2d(a, 2)
        a = torch.tanh(conv(a, params[2], params[3], (1, 1), "valid"))
        logits = a.reshape(4, -1) @ params[4] + params[5]
        loss = F.cross_entropy(logits, yb)
        losses.append(float(loss))
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for i, p in enumerate(params):  # KERAS RMSprop, as keras_rmsprop above
                velocity[i] = rho * velocity[i] + (1 - rho) * p.grad * p.grad
                p -= lr * p.grad / torch.sqrt(velocity[i] + eps)
    names = ["conv1_kernel", "conv1_bias", "conv2_kernel", "conv2_bias", "dense_kernel", "dense_bias"]
    return {"x": array(x), "labels": [int(v) for v in labels.tolist()], "batch_size": 4, "learning_rate": lr,
            "initial": {n: array(p) for n, p in zip(names, (w1, b1, w2, b2, k3, b3))},
            "loss_per_step": losses,
            "final": {n: array(p) for n, p in zip(names, params)}}


# ------------------------------------------------------------------- Keras CNNs, channels last

KERAS_GEN = torch.Generator().manual_seed(20261201)  # its own draws: the cases above stay as they are


def keras_normal(*shape, scale=1.0):
    return f32(torch.randn(*shape, generator=KERAS_GEN) * scale)


def conv_channels_last(x, kernel, bias, strides, padding):
    """KERAS Conv1D / Conv2D on channels-last examples, (n, steps..., channels), with a Keras
    kernel (k..., in_channels, filters): out[n, i..., f] = sum over the window's offsets d and the
    channels c of x[n, i * s + d, c] kernel[d, c, f], plus bias[f]. Written out with one matrix
    product per kernel offset, apart from torch's convolutions (checked against them below)."""
    spatial = x.dim() - 2
    ks = kernel.shape[:spatial]
    if padding == "same":
        pads = []
        for axis in reversed(range(spatial)):  # F.pad takes the last axis first; channels are last
            pads += list(same_padding(x.shape[1 + axis], ks[axis], strides[axis]))
        x = F.pad(x, [0, 0] + pads)
    outs = [(x.shape[1 + a] - ks[a]) // strides[a] + 1 for a in range(spatial)]
    out = torch.zeros(x.shape[0], *outs, kernel.shape[-1])
    for offset in torch.cartesian_prod(*[torch.arange(k) for k in ks]).reshape(-1, spatial).tolist():
        window = x
        for a in range(spatial):
            d, s, n = offset[a], strides[a], outs[a]
            window = window.narrow(1 + a, d, (n - 1) * s + 1)
            window = window[(slice(None),) * (1 + a) + (slice(None, None, s),)]
        out = out + window @ kernel[tuple(offset)]
    return out + bias


def max_pool_channels_last(x, pool, strides):
    """KERAS MaxPool2D(padding='valid') on (n, height, width, channels): the maximum over each
    window, written out from its offsets."""
    outs = [(x.shape[1 + a] - pool[a]) // strides[a] + 1 for a in range(2)]
    best = None
    for di in range(pool[0]):
        for dj in range(pool[1]):
            v = x[:, di:di + (outs[0] - 1) * strides[0] + 1:strides[0], dj:dj + (outs[1] - 1) * strides[1] + 1:strides[1], :]
            best = v if best is None else torch.maximum(best, v)
    return best


def keras_cnn_case(name, x_cl, layers):
    """A Keras Sequential model run channels last, as Keras runs it: its weights as Keras'
    model.get_weights() lists them (kernel, bias of each layer with weights, in Keras' layout),
    the examples channels last as Keras takes them and channels first as nntrain takes them, and
    Keras' outputs. The same model run channels first through torch's convolutions, with the
    kernels transposed to torch's layout and the first Dense kernel's rows reordered, must agree."""
    a = x_cl
    torch_a = x_cl.permute(0, x_cl.dim() - 1, *range(1, x_cl.dim() - 1))  # channels first
    weights, spec = [], []
    flattened_from = None  # the channels-first map shape a dense layer reads, until one has
    for layer in layers:
        kind = layer["kind"]
        spec.append(layer)
        if kind in ("conv1d", "conv2d"):
            kernel, bias = layer["kernel"], layer["bias"]
            a = activation(layer["activation"], conv_channels_last(a, kernel, bias, layer["strides"], layer["padding"]))
            spatial = kernel.dim() - 2
            torch_kernel = kernel.permute(spatial + 1, spatial, *range(spatial))  # (filters, channels, k...)
            torch_a = activation(layer["activation"], conv(torch_a, torch_kernel, bias, layer["strides"], layer["padding"]))
            weights += [kernel, bias]
        elif kind == "maxpool2d":
            a = max_pool_channels_last(a, layer["pool_size"], layer["strides"])
            torch_a = F.max_pool2d(torch_a, tuple(layer["pool_size"]), tuple(layer["strides"]))
        elif kind == "flatten":
            flattened_from = list(torch_a.shape[1:])
            a = a.reshape(a.shape[0], -1)              # KERAS: (steps..., channels) order
            torch_a = torch_a.reshape(torch_a.shape[0], -1)  # channels first
        elif kind == "dropout":
            pass  # inference: the identity
        elif kind == "dense":
            kernel, bias = layer["kernel"], layer["bias"]
            a = activation(layer["activation"], a @ kernel + bias)
            torch_kernel = kernel
            if flattened_from is not None:
                channels = flattened_from[0]
                rows = kernel.reshape(*flattened_from[1:], channels, -1)   # Keras' rows: (steps..., channel)
                order = (rows.dim() - 2, *range(rows.dim() - 2), rows.dim() - 1)
                torch_kernel = rows.permute(*order).reshape(kernel.shape)  # (channel, steps...)
                flattened_from = None
            torch_a = activation(layer["activation"], torch_a @ torch_kernel + bias)
            weights += [kernel, bias]
        else:
            raise ValueError(kind)
    assert torch.allclose(a, torch_a, rtol=1e-12, atol=1e-13), name
    described = [{k: v for k, v in layer.items() if k not in ("kernel", "bias")} for layer in spec]
    channels_first = x_cl.permute(0, x_cl.dim() - 1, *range(1, x_cl.dim() - 1))
    return {"name": name, "layers": described, "keras_weights": [array(w) for w in weights],
            "x_channels_last": array(x_cl), "x": array(channels_first.contiguous()), "output": array(a)}


def keras_cnns():
    """Two small Keras CNNs with trained-looking weights in Keras' layout: Conv2D ('same' and
    'valid'), MaxPool2D, Flatten, Dropout, two Dense layers (only the first reads the flattened
    map); and Conv1D, Flatten, Dense."""
    cnn2d = [
        {"kind": "conv2d", "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
         "activation": "relu", "kernel": keras_normal(3, 3, 2, 4, scale=0.5), "bias": keras_normal(4, scale=0.2)},
        {"kind": "maxpool2d", "pool_size": [2, 2], "strides": [2, 2]},
        {"kind": "conv2d", "filters": 3, "kernel_size": [2, 3], "strides": [1, 1], "padding": "valid",
         "activation": "tanh", "kernel": keras_normal(2, 3, 4, 3, scale=0.5), "bias": keras_normal(3, scale=0.2)},
        {"kind": "flatten"},
        {"kind": "dropout", "rate": 0.25},
        {"kind": "dense", "units": 5, "activation": "relu",
         "kernel": keras_normal(2 * 2 * 3, 5, scale=0.5), "bias": keras_normal(5, scale=0.2)},
        {"kind": "dense", "units": 3, "activation": "linear",
         "kernel": keras_normal(5, 3, scale=0.5), "bias": keras_normal(3, scale=0.2)},
    ]
    cnn1d = [
        {"kind": "conv1d", "filters": 3, "kernel_size": [3], "strides": [2], "padding": "valid",
         "activation": "relu", "kernel": keras_normal(3, 2, 3, scale=0.5), "bias": keras_normal(3, scale=0.2)},
        {"kind": "flatten"},
        {"kind": "dense", "units": 2, "activation": "linear",
         "kernel": keras_normal(4 * 3, 2, scale=0.5), "bias": keras_normal(2, scale=0.2)},
    ]
    return [keras_cnn_case("conv2d maxpool conv2d flatten dropout dense dense", keras_normal(3, 6, 8, 2), cnn2d),
            keras_cnn_case("conv1d flatten dense", keras_normal(3, 9, 2), cnn1d)]


def write_npz(path, arrays, compressed=False):
    """np.savez(path, *arrays) (np.savez_compressed when compressed), with the zip entries' dates
    fixed so that the file is the same at every run: the same zip64 entries and the same
    numpy.lib.format.write_array as numpy's _savez, which stamps them with the current time."""
    import zipfile
    import numpy as np
    mode = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=mode, allowZip64=True) as zipf:
        for i, a in enumerate(arrays):
            info = zipfile.ZipInfo("arr_%d.npy" % i, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = mode
            with zipf.open(info, "w", force_zip64=True) as fid:
                np.lib.format.write_array(fid, np.asanyarray(a), allow_pickle=False)
    check = np.load(path)
    assert len(check.files) == len(arrays)
    for k, a in zip(check.files, arrays):
        assert np.array_equal(check[k], a) and check[k].dtype == a.dtype, k


def keras_npz_files(cnns):
    """The Keras CNNs' weights as Keras users save them, np.savez(file, *model.get_weights()): the
    first as Keras gives them (float32, C order); the second compressed, with a float64 kernel in
    Fortran order and big-endian biases, the layouts a reader must also take."""
    import numpy as np
    here = os.path.dirname(os.path.abspath(__file__))
    plain = [np.array(w["values"], dtype=np.float32).reshape(w["shape"]) for w in cnns[0]["keras_weights"]]
    write_npz(os.path.join(here, "keras_cnn.npz"), plain)
    odd = []
    for i, w in enumerate(cnns[1]["keras_weights"]):
        a = np.array(w["values"], dtype=np.float32).reshape(w["shape"])
        if i == 0:
            a = np.asfortranarray(a.astype(np.float64))
        elif len(w["shape"]) == 1:
            a = a.astype(">f4")
        odd.append(a)
    assert odd[0].flags["F_CONTIGUOUS"] and not odd[0].flags["C_CONTIGUOUS"]
    write_npz(os.path.join(here, "keras_cnn1d_compressed.npz"), odd, compressed=True)


def main():
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    check_same_padding_against_torch()
    fixture = {
        "generator": "src/test/resources/dev/nntrain/oracle/make_fixtures.py",
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "layers": layer_cases(),
        "flatten": flatten_case(),
        "losses": loss_cases(),
        "optimizers": optimizer_cases(),
        "trajectory": trajectory(),
        "cnn_trajectory": cnn_trajectory(),
        "keras_cnns": keras_cnns(),
    }
    keras_npz_files(fixture["keras_cnns"])
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
    with open(path, "w") as out:
        json.dump(fixture, out, separators=(",", ":"))
        out.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
