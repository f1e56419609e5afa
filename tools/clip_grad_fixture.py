#!/usr/bin/python3
"""Writes the gradient-clipping fixture GradientClippingTest compares the trainer against.

Run by hand from the repository root after changing it (needs Debian's python3-torch):
    /usr/bin/python3 tools/clip_grad_fixture.py
Three seeded gradient tensors (shapes of a weight, a bias and a scalar-like tensor) are clipped by
torch.nn.utils.clip_grad_norm_ at several max norms; the file holds the inputs, the total norm it returned and
the gradients after clipping, in trainer-service/src/test/resources/parity/clip_grad.json.
"""
import json
import os

import torch

OUT = os.path.join("trainer-service", "src", "test", "resources", "parity", "clip_grad.json")
SHAPES = [[4, 3], [3], [2, 2]]
MAX_NORMS = [0.5, 2.0, 1000.0]  # clips hard, clips a little, leaves the gradients alone


def main():
    torch.manual_seed(16)
    grads = [torch.randn(*s, dtype=torch.float32) * 0.8 for s in SHAPES]
    cases = []
    for max_norm in MAX_NORMS:
        params = [torch.nn.Parameter(torch.zeros(*s)) for s in SHAPES]
        for p, g in zip(params, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm)
        cases.append(dict(max_norm=max_norm, total_norm=float(total),
                          clipped=[p.grad.flatten().tolist() for p in params]))
    doc = dict(torch=torch.__version__, shapes=SHAPES, grads=[g.flatten().tolist() for g in grads], cases=cases)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
