#!/usr/bin/python3
"""Writes the golden ViT fixture the trainer's parity tests (VitParityTest) compare against.

Run by hand from the repository root after changing it (needs Debian's python3-torch and python3-numpy):
    /usr/bin/python3 tools/vit_parity_fixture.py
It builds tools/timm_vit.py's ViT (timm's names and semantics) at 64 px, patch 16, width 64, depth 2, 4 heads,
with random weights, and writes into trainer-service/src/test/resources/parity/vit64/:
  vit.safetensors       the weights, keyed by timm names (what a user's checkpoint looks like)
  expected.safetensors  input [6,3,64,64], labels [6], logits [6,2], grad.<name> of the class-weighted
                        cross-entropy for every parameter, after.<name> = every parameter after one
                        torch.optim.AdamW step in which only the mask's tensors train, and pos_embed
                        resampled as timm does to 2x2 and 6x6 grids (resample.grid2, resample.grid6)
  meta.json             the shape, the mask, the optimizer settings, the trainable names
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
import timm_vit  # noqa: E402

OUT = os.path.join("trainer-service", "src", "test", "resources", "parity", "vit64")
CONFIG = dict(image_size=64, patch=16, dim=64, depth=2, heads=4, mlp_ratio=4, classes=2)
# components3: block 0 trains its attention (bit 1), block 1 its norms and MLP (bits 0 and 2); the head
# always trains. Frozen: embeddings, block 0's norms and MLP, block 1's attention, the final norm.
SPACE, MASK = "components3", "010101"
TRAINABLE_PATTERNS = ["blocks.0.attn.", "blocks.1.norm1.", "blocks.1.norm2.", "blocks.1.mlp.", "head."]
LR, WEIGHT_DECAY, BETAS, EPS = 1e-3, 0.05, (0.9, 0.999), 1e-8
LABELS = [0, 1, 1, 0, 1, 1]


def inverse_frequency(labels, classes=2):
    """The trainer's class weights: n / (classes * count_c), as WeightedCrossEntropy.inverseFrequency."""
    counts = [labels.count(c) for c in range(classes)]
    return [len(labels) / (classes * n) for n in counts]


def main():
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(18)
    model = timm_vit.VisionTransformer(CONFIG["image_size"], CONFIG["patch"], CONFIG["dim"], CONFIG["depth"],
                                       CONFIG["heads"], CONFIG["mlp_ratio"], CONFIG["classes"])
    timm_vit.randomize(model, gen)
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    images = torch.randn(len(LABELS), 3, CONFIG["image_size"], CONFIG["image_size"], generator=gen)
    labels = torch.tensor(LABELS, dtype=torch.int64)
    class_weights = inverse_frequency(LABELS)

    logits = model(images)
    loss = torch.nn.functional.cross_entropy(logits, labels, weight=torch.tensor(class_weights))
    loss.backward()
    grads = {name: p.grad.clone() for name, p in model.named_parameters()}

    trainable = [n for n, _ in model.named_parameters() if any(n.startswith(p) for p in TRAINABLE_PATTERNS)]
    for name, p in model.named_parameters():
        if name not in trainable:
            p.requires_grad_(False)
            p.grad = None
    optimizer = torch.optim.AdamW([p for n, p in model.named_parameters() if n in trainable], lr=LR,
                                  betas=BETAS, eps=EPS, weight_decay=WEIGHT_DECAY)
    optimizer.step()
    after = {name: p.detach().clone() for name, p in model.named_parameters()}

    expected = {"input": images, "labels": labels, "logits": logits.detach(), "loss": loss.detach().reshape(1)}
    expected.update({"grad." + k: v for k, v in grads.items()})
    expected.update({"after." + k: v for k, v in after.items()})
    for grid in (2, 6):
        expected["resample.grid%d" % grid] = timm_vit.resample_abs_pos_embed(weights["pos_embed"], grid)

    os.makedirs(OUT, exist_ok=True)
    safetensors_io.save(weights, os.path.join(OUT, "vit.safetensors"))
    safetensors_io.save(expected, os.path.join(OUT, "expected.safetensors"))
    meta = dict(config=CONFIG, space=SPACE, mask=MASK, trainable=trainable, learning_rate=LR,
                weight_decay=WEIGHT_DECAY, betas=list(BETAS), eps=EPS, class_weights=class_weights,
                torch=torch.__version__)
    with open(os.path.join(OUT, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print("wrote %s: loss %.6f, %d parameters, %d trainable" % (OUT, loss.item(), len(grads), len(trainable)))


if __name__ == "__main__":
    main()
