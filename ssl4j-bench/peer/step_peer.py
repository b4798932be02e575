#!/usr/bin/env python3
"""The PyTorch-eager peer of ssl4j's training-step benchmark.

Builds the same network, projection head, loss and optimiser as ssl4j (SmallConvNet or the CIFAR-stem ResNet-18;
SimCLR with NT-Xent and LARS, or MoCo v2 with InfoNCE, a momentum encoder, a queue and SGD), feeds pre-built random
views, and prints one JSON line: {"images_per_s": median, "step_s": [...], "peak_rss_mb": ...}.

Run with Debian's python3-torch on OpenBLAS (apt-get install python3-torch python3-torchvision
libopenblas0-pthread); ssl4j's `bench` command starts it with the same thread count as its own engine.
"""
import argparse
import json
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def small_convnet(channels):
    """ssl4j's SmallConvNet at width 1: conv-BN-ReLU 16, pool, 64, pool, 128, pool, 256, global average pool."""
    layers = conv_bn_relu(channels, 16) + [nn.MaxPool2d(2)] + conv_bn_relu(16, 64) + [nn.MaxPool2d(2)] \
        + conv_bn_relu(64, 128) + [nn.MaxPool2d(2)] + conv_bn_relu(128, 256) \
        + [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    return nn.Sequential(*layers), 256


class BasicBlock(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.main = nn.Sequential(*conv_bn_relu(cin, planes, stride),
                                  nn.Conv2d(planes, planes, 3, 1, 1, bias=False), nn.BatchNorm2d(planes))
        self.shortcut = nn.Identity() if stride == 1 and cin == planes else nn.Sequential(
            nn.Conv2d(cin, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        return F.relu(self.main(x) + self.shortcut(x))


def resnet18_cifar(channels):
    """torchvision's ResNet-18 with SimCLR's CIFAR stem (3x3/1 conv, no max pool), as ssl4j's ResNet(18, CIFAR)."""
    layers = conv_bn_relu(channels, 64)
    cin = 64
    for stage in range(4):
        planes = 64 << stage
        for b in range(2):
            layers.append(BasicBlock(cin, planes, 2 if stage > 0 and b == 0 else 1))
            cin = planes
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten()), 512


def backbone(name, channels):
    return small_convnet(channels) if name == "small-convnet" else resnet18_cifar(channels)


def simclr_head(features, out=128):
    return nn.Sequential(nn.Linear(features, features, bias=False), nn.BatchNorm1d(features), nn.ReLU(inplace=True),
                         nn.Linear(features, out))


def moco_head(features, out=128):
    return nn.Sequential(nn.Linear(features, features), nn.ReLU(inplace=True), nn.Linear(features, out))


def nt_xent(z1, z2, tau):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    logits = z @ z.t() / tau
    logits = logits - torch.eye(2 * n) * 1e9
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(logits, targets)


def info_nce(q, k, queue, tau):
    q = F.normalize(q, dim=1)
    k = F.normalize(k, dim=1)
    logits = torch.cat([(q * k).sum(1, keepdim=True), q @ queue], 1) / tau
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long))


class Lars(torch.optim.Optimizer):
    """SimCLR's LARS: L2 decay and trust ratio on weights of rank >= 2 only, classic momentum."""

    def __init__(self, params, lr, momentum=0.9, weight_decay=1e-6, eta=0.001):
        super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay, eta=eta))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                g = p.grad
                adapt = p.ndim >= 2
                if adapt:
                    g = g.add(p, alpha=group["weight_decay"])
                    w_norm, g_norm = p.norm(), g.norm()
                    trust = torch.where((w_norm > 0) & (g_norm > 0), group["eta"] * w_norm / g_norm,
                                        torch.ones_like(w_norm))
                    g = g * trust
                state = self.state[p]
                if "momentum" not in state:
                    state["momentum"] = torch.zeros_like(p)
                v = state["momentum"]
                v.mul_(group["momentum"]).add_(g, alpha=group["lr"])
                p.sub_(v)


def decay_groups(modules, weight_decay):
    params = [p for m in modules for p in m.parameters()]
    return [dict(params=[p for p in params if p.ndim >= 2], weight_decay=weight_decay),
            dict(params=[p for p in params if p.ndim < 2], weight_decay=0.0)]


def forward_flops(module, shape):
    """Multiply-adds of one forward pass of one input, times 2, counted over convolutions and linear layers."""
    total = [0]

    def hook(layer, inputs, output):
        if isinstance(layer, nn.Conv2d):
            k = layer.kernel_size[0] * layer.kernel_size[1] * layer.in_channels // layer.groups
            total[0] += 2 * k * output.numel()
        elif isinstance(layer, nn.Linear):
            total[0] += 2 * layer.in_features * output.numel()

    handles = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    was_training = module.training
    module.eval()
    with torch.no_grad():
        module(torch.zeros(1, *shape))
    module.train(was_training)
    for h in handles:
        h.remove()
    return total[0]


def matmul(n, repeats, threads):
    torch.set_num_threads(threads)
    a, b = torch.rand(n, n), torch.rand(n, n)
    best = float("inf")
    for i in range(repeats + 1):
        start = time.perf_counter()
        (a @ b)[0, 0].item()
        if i > 0:
            best = min(best, time.perf_counter() - start)
    print(json.dumps({"gflops": 2.0 * n ** 3 / best / 1e9,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--matmul", type=int, help="only measure an NxN float32 matrix product")
    parser.add_argument("--method", choices=["simclr", "moco"])
    parser.add_argument("--backbone", choices=["small-convnet", "resnet18"])
    parser.add_argument("--channels", type=int)
    parser.add_argument("--size", type=int)
    parser.add_argument("--batch", type=int)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--queue", type=int, default=4096)
    args = parser.parse_args()
    if args.matmul:
        matmul(args.matmul, args.steps, args.threads)
        return
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    encoder, features = backbone(args.backbone, args.channels)
    views = [torch.rand(args.batch, args.channels, args.size, args.size) for _ in range(2)]
    if args.method == "simclr":
        head = simclr_head(features)
        optimizer = Lars([p for m in (encoder, head) for p in m.parameters()], lr=0.3)
    else:
        head = moco_head(features)
        key_encoder, _ = backbone(args.backbone, args.channels)
        key_head = moco_head(features)
        for online, key in ((encoder, key_encoder), (head, key_head)):
            key.load_state_dict(online.state_dict())
            for p in key.parameters():
                p.requires_grad_(False)
        queue = F.normalize(torch.randn(128, args.queue), dim=0)
        pointer = 0
        optimizer = torch.optim.SGD(decay_groups((encoder, head), 1e-4), lr=0.03, momentum=0.9)
    params = [p for m in (encoder, head) for p in m.parameters()]

    times = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        if args.method == "simclr":
            z = head(encoder(torch.cat(views)))
            loss = nt_xent(z[:args.batch], z[args.batch:], 0.5)
        else:
            with torch.no_grad():
                order = torch.randperm(args.batch)
                k = key_head(key_encoder(views[1][order]))[torch.argsort(order)]
            loss = info_nce(head(encoder(views[0])), k, queue, 0.2)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, float("inf"))  # the gradient norm ssl4j reports every step
        optimizer.step()
        if args.method == "moco":
            with torch.no_grad():
                for online, key in ((encoder, key_encoder), (head, key_head)):
                    for po, pk in zip(online.parameters(), key.parameters()):
                        pk.mul_(0.99).add_(po, alpha=0.01)
                queue[:, pointer:pointer + args.batch] = F.normalize(k, dim=1).t()
                pointer = (pointer + args.batch) % args.queue
        loss.item()
        times.append(time.perf_counter() - start)
    timed = times[args.warmup:]
    # Training FLOPs per image: forward + backward (about 3 forwards) of the encoder and head for each trained view,
    # plus the key encoder's forward for MoCo.
    forward = forward_flops(nn.Sequential(encoder, head), (args.channels, args.size, args.size))
    per_image = 2 * 3 * forward if args.method == "simclr" else 3 * forward + forward
    print(json.dumps({"images_per_s": args.batch / statistics.median(timed), "step_s": timed,
                      "train_gflop_per_image": per_image / 1e9,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
