#!/usr/bin/env python3
"""The torchvision peer of ssl4j's augmentation benchmark.

Two SimCLR views per image through torchvision transforms on PIL images, in a torch DataLoader with N worker
processes, the way PyTorch users feed SimCLR. The settings match ssl4j's bench cases: for 1x28x28 the shipped digit
recipe (crop scale [0.3, 1], no flip, jitter p 0.8 strength 0.5, blur p 0.5 sigma [0.1, 1]); for 3x32x32 SimCLR's
CIFAR-10 setup (crop scale [0.08, 1], flip 0.5, jitter p 0.8 strength 0.5, grayscale 0.2, no blur). Prints one JSON
line: {"images_per_s": ..., "peak_rss_mb": ...}, timed from the first batch to the last like ssl4j's side; the peak
counts the worker processes.
"""
import argparse
import json
import math
import resource
import time

import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T


class RandomImages(torch.utils.data.Dataset):
    def __init__(self, count, channels, size, transform):
        rng = np.random.default_rng(0)
        shape = (count, size, size) if channels == 1 else (count, size, size, channels)
        self.pixels = rng.integers(0, 256, size=shape, dtype=np.uint8)
        self.mode = "L" if channels == 1 else "RGB"
        self.transform = transform

    def __len__(self):
        return len(self.pixels)

    def __getitem__(self, index):
        image = Image.fromarray(self.pixels[index], self.mode)
        return self.transform(image), self.transform(image)


def simclr_transform(channels, size, strength=0.5):
    jitter = T.ColorJitter(0.8 * strength, 0.8 * strength, 0.8 * strength, 0.2 * strength)
    if channels == 1:
        sigma = (0.1, 1.0)
        radius = max(1, math.ceil(3 * sigma[1]))
        return T.Compose([T.RandomResizedCrop(size, scale=(0.3, 1.0)), T.RandomApply([jitter], p=0.8),
                          T.RandomApply([T.GaussianBlur(2 * radius + 1, sigma)], p=0.5), T.ToTensor()])
    return T.Compose([T.RandomResizedCrop(size, scale=(0.08, 1.0)), T.RandomHorizontalFlip(0.5),
                      T.RandomApply([jitter], p=0.8), T.RandomGrayscale(0.2), T.ToTensor()])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--batches", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(1)
    data = RandomImages(2048, args.channels, args.size, simclr_transform(args.channels, args.size))
    sampler = torch.utils.data.RandomSampler(data, replacement=True, num_samples=args.batch * args.batches)
    loader = torch.utils.data.DataLoader(data, batch_size=args.batch, sampler=sampler, num_workers=args.workers,
                                         prefetch_factor=2, persistent_workers=False)
    start = None
    count = 0
    for views in loader:
        if start is None:
            start = time.perf_counter()
        else:
            count += views[0].shape[0]
    elapsed = time.perf_counter() - start
    del loader  # the workers exit, so their peak counts below
    # The main process's peak plus the largest worker's times the number of workers.
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss \
        + args.workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"images_per_s": count / elapsed, "peak_rss_mb": peak_kb / 1024.0}))


if __name__ == "__main__":
    main()
