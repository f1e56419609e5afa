#!/usr/bin/python3
"""Writes trainer-service/src/test/resources/torchscript/tiny_resnet_bn.pt: a small ResNet-style network with
the CIFAR ResNet's module names (conv1/bn1, layerS.B.{conv1,bn1,conv2,bn2}, linear with 10 outputs), compiled
with torch.jit.script so that its BatchNorm layers keep PyTorch's train/eval behaviour. The shipped
resnet20_cifar10_ts.pt was traced in eval mode: its batch_norm calls have training=False baked in, so its
running statistics never move in any mode and cannot show whether frozen blocks keep theirs.
Run by hand from the repository root: /usr/bin/python3 tools/torchscript_bn_fixture.py"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join("trainer-service", "src", "test", "resources", "torchscript", "tiny_resnet_bn.pt")


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(x + self.bn2(self.conv2(out)))


class TinyResNet(nn.Module):
    def __init__(self, channels=8, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.layer1 = nn.Sequential(Block(channels), Block(channels))
        self.layer2 = nn.Sequential(Block(channels))
        self.linear = nn.Linear(channels, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def main():
    torch.manual_seed(18)
    model = TinyResNet()
    with torch.no_grad():  # "pretrained" running statistics far from what the test's images produce
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
    scripted = torch.jit.script(model.train())
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    scripted.save(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
