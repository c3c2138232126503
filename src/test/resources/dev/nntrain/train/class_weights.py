# Reference numbers for ClassWeightedLossTest: Keras' class_weight semantics computed with PyTorch
# (float64). Keras weighs example i's loss by w_i = class_weight[y_i] and divides the batch's sum
# by the batch size ("sum_over_batch_size"); torch's reduction='mean' with weight= divides by the
# weights' sum instead, so the sum of reduction='none' is divided by m here.
# Run with PyTorch 1.13: /usr/bin/python3 class_weights.py
import torch
import torch.nn.functional as F
torch.set_printoptions(precision=17)
def show(name, t):
    print(name, ", ".join(repr(float(v)) for v in t.flatten()))
z = torch.tensor([[1.5, -0.5, 0.25], [0.2, 0.1, -1.0], [-0.3, 2.0, 0.7], [0.0, 0.4, -0.2]], dtype=torch.float64, requires_grad=True)
y = torch.tensor([0, 2, 1, 2])
cw = torch.tensor([1.0, 5.0, 0.5], dtype=torch.float64)
m = z.shape[0]
# softmax cross-entropy from logits (sparse and one-hot alike)
j = F.cross_entropy(z, y, weight=cw, reduction='none').sum() / m
j.backward()
print("ce_logits value", repr(j.item())); show("ce_logits grad", z.grad)
# from probabilities: Keras renormalises, clips to [1e-7, 1-1e-7], takes -log p_y
p = torch.tensor([[0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.05, 0.9, 0.05], [0.2, 0.3, 0.5]], dtype=torch.float64, requires_grad=True)
q = (p / p.sum(1, keepdim=True)).clamp(1e-7, 1 - 1e-7)
j = (-(q.log().gather(1, y[:, None]).squeeze(1)) * cw[y]).sum() / m
j.backward()
print("ce_probs value", repr(j.item())); show("ce_probs grad", p.grad)
# binary cross-entropy with one output, class = round(target), class_weight {0: 3, 1: 0.25}
zb = torch.tensor([[0.8], [-1.2], [0.1], [2.5], [-0.4]], dtype=torch.float64, requires_grad=True)
yb = torch.tensor([[1.0], [0.0], [0.0], [1.0], [1.0]], dtype=torch.float64)
wb = torch.tensor([3.0, 0.25], dtype=torch.float64)[yb.long().squeeze(1)][:, None]
j = (F.binary_cross_entropy_with_logits(zb, yb, reduction='none') * wb).sum() / zb.shape[0]
j.backward()
print("bce_logits value", repr(j.item())); show("bce_logits grad", zb.grad)
fb = torch.tensor([[0.7], [0.2], [0.55], [0.9], [0.4]], dtype=torch.float64, requires_grad=True)
fc = fb.clamp(1e-7, 1 - 1e-7)
j = (-(yb * fc.log() + (1 - yb) * (1 - fc).log()) * wb).sum() / fb.shape[0]
j.backward()
print("bce_probs value", repr(j.item())); show("bce_probs grad", fb.grad)
