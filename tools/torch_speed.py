"""PyTorch eager side of trainer-service's TorchSpeedBench: trains tools/timm_vit.py's ViT on exactly what the
Java trainer trains on, and prints one JSON line with images/s.

Inputs are written by the bench (io.fairtune.trainer.bench.TorchSpeedBench), so both sides are bit-identical:
  --weights  safetensors with every parameter by timm name (the shipped checkpoint + the trainer's seeded head)
  --data     safetensors: images [N,3,H,W] F32 (decoded, normalised, as the trainer's ImageSplit holds them),
             labels [N] I64, order [epochs,N] I64 (the trainer's per-epoch shuffle), class_weights [2] F32
  --trainable  a text file with one parameter name per line (the mask), or "all"
Training is what FineTuner does without augmentation: batches in that order, class-weighted cross-entropy,
torch.optim.AdamW (betas 0.9/0.999, eps 1e-8, --weight-decay), cosine learning rate from --lr to 0 over all
steps with no warmup (LrSchedule), loss.item() every step. Images/s count training steps only (batch gather,
forward, loss, backward, optimizer step): the same span FineTuner times per step.

Run by the bench; by hand: /usr/bin/python3 tools/torch_speed.py --weights W --data D --threads 1 --json
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from timm_vit import VisionTransformer  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--trainable", default="all")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--weight-decay", type=float, default=0.05)
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--patch", type=int, default=4)
    p.add_argument("--dim", type=int, default=96)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--heads", type=int, default=3)
    p.add_argument("--mlp-ratio", type=int, default=2)
    p.add_argument("--warmup-steps", type=int, default=2,
                   help="untimed steps on a throw-away copy first (thread pool, allocator), like the JVM warm-up")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    data = safetensors_io.load(args.data)
    images, labels, order = data["images"], data["labels"], data["order"]
    class_weights = data["class_weights"]
    state = safetensors_io.load(args.weights)

    def build():
        m = VisionTransformer(args.image_size, args.patch, args.dim, args.depth, args.heads, args.mlp_ratio,
                              state["head.weight"].shape[0])
        m.load_state_dict(state, strict=True)
        if args.trainable != "all":
            with open(args.trainable) as f:
                names = {line.strip() for line in f if line.strip()}
            unknown = names - {n for n, _ in m.named_parameters()}
            if unknown:
                raise SystemExit("unknown parameter names: %s" % sorted(unknown))
            for n, param in m.named_parameters():
                param.requires_grad_(n in names)
        m.train()
        return m

    epochs, n = order.shape
    batch = min(args.batch, n)
    steps_per_epoch = (n + batch - 1) // batch
    total_steps = epochs * steps_per_epoch

    def train(model, max_steps):
        params = [q for q in model.parameters() if q.requires_grad]
        opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=args.weight_decay)
        step_seconds = 0.0
        images_seen = 0
        losses = []
        step = 0
        for e in range(epochs):
            loss_sum = 0.0
            seen = 0
            for start in range(0, n, batch):
                if step >= max_steps:
                    return step_seconds, images_seen, losses
                idx = order[e, start:start + batch]
                if len(idx) == 1 and batch > 1:
                    break  # FineTuner skips a trailing batch of one
                # LrSchedule "cosine", no warmup: lr of 0-based step s = base * (1 + cos(pi * s / total)) / 2
                for g in opt.param_groups:
                    g["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, step / max(1, total_steps))))
                t0 = time.perf_counter()
                x = images.index_select(0, idx)
                y = labels.index_select(0, idx)
                logits = model(x)
                loss = F.cross_entropy(logits, y, weight=class_weights)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                value = loss.item()
                step_seconds += time.perf_counter() - t0
                step += 1
                images_seen += len(idx)
                loss_sum += value * len(idx)
                seen += len(idx)
            losses.append(loss_sum / max(1, seen))
        return step_seconds, images_seen, losses

    if args.warmup_steps > 0:
        train(build(), args.warmup_steps)
    model = build()
    wall0 = time.perf_counter()
    seconds, seen, losses = train(model, total_steps)
    wall = time.perf_counter() - wall0
    trainable = sum(q.numel() for q in model.parameters() if q.requires_grad)
    total = sum(q.numel() for q in model.parameters())
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "interop_threads": torch.get_num_interop_threads(), "images": seen,
                      "step_seconds": seconds, "images_per_second": seen / seconds,
                      "wall_images_per_second": seen / wall, "epoch_losses": losses,
                      "trainable": trainable, "total": total}))


if __name__ == "__main__":
    main()
