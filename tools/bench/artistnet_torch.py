#!/usr/bin/python3
"""Independent PyTorch implementation of the Table 1 network, timed like tools/bench/Disambig.Embedding.Benchmarks.

Same layers as src/Disambig.Embedding/Networks/ArtistNet.cs (log(1 + 10x), 3 x [conv 3x3 pad 1 + ReLU + maxpool 3x3
with strides 2/3/3 and paddings 1/0/0], stacks x features flattened per time step, mean over time, Gaussian dropout
0.1, dense to d, tanh, L2 normalisation) and the same triplet step (mining forward in eval mode without gradients,
hard + semi-hard selection, training forward, loss of equation (1) on the kept triplets, backward, RMSProp 1e-3 /
0.9 / 1e-8). Prints segments per second of inference at batch 1, 16, 64 and triplets per second of training at
N = 16 artists x n = 4 segments (96 triplets per step), 9 s segments (388 x 128), d = 32.

On a GPU (--device cuda) the inference input is created on the device and every measured call ends with a read back
(torch.cuda.synchronize), as in tools/bench/Disambig.Gpu.Benchmarks; --batches and --training set the shapes
(e.g. --device cuda --batches 64,256,1024,2048 --training 16x4,64x16, docs/benchmarks.md "GPU").

Needs Debian's python3-torch (apt-get install -y python3-torch) on the CPU, or the GPU machine's PyTorch. Run with the same ONEDNN_MAX_CPU_ISA as the .NET side
(the .NET code sets AVX2 unless the variable is set; see docs/model.md).
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ArtistNet(nn.Module):
    def __init__(self, dim=32, frames=388, bands=128, rate=0.1, channels_last=False):
        super().__init__()
        self.channels_last = channels_last
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.pool1 = nn.MaxPool2d(3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool2 = nn.MaxPool2d(3, stride=3)
        self.conv3 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool3 = nn.MaxPool2d(3, stride=3)
        pooled_bands = ((((bands + 2 - 3) // 2 + 1) - 3) // 3 + 1 - 3) // 3 + 1
        self.dense = nn.Linear(64 * pooled_bands, dim)
        self.std = math.sqrt(rate / (1 - rate))

    def forward(self, x):  # [batch, frames, bands] mel power
        x = torch.log1p(10 * x).unsqueeze(1)
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = self.pool3(F.relu(self.conv3(x)))
        x = x.permute(0, 2, 1, 3).flatten(2).mean(1)
        if self.training:
            x = x * (torch.randn_like(x) * self.std + 1)
        return F.normalize(torch.tanh(self.dense(x)), p=2, dim=1)


def triplets(artists, samples, generator):
    anchors, positives, negatives = [], [], []
    for a in range(artists):
        for i in range(samples):
            for j in range(i + 1, samples):
                other = int(torch.randint(0, (artists - 1) * samples, (1,), generator=generator))
                position = other // samples
                if position >= a:
                    position += 1
                anchors.append(a * samples + i)
                positives.append(a * samples + j)
                negatives.append(position * samples + other % samples)
    return torch.tensor(anchors), torch.tensor(positives), torch.tensor(negatives)


def triplet_step(net, optimizer, segments, anchors, positives, negatives, margin=0.2):
    net.eval()
    with torch.no_grad():
        e = net(segments)
        d = torch.cdist(e, e).square()
        separation = d[anchors, negatives] - d[anchors, positives]
        kept = separation <= margin
    if not bool(kept.any()):
        return 0
    net.train()
    optimizer.zero_grad()
    e = net(segments)
    a, p, n = e[anchors[kept]], e[positives[kept]], e[negatives[kept]]
    loss = F.relu((a - p).square().sum(1) - (a - n).square().sum(1) + margin).mean()
    loss.backward()
    optimizer.step()
    return int(kept.sum())


def timed(function, warmups, iterations):
    """Mean wall-clock and process CPU seconds per call (CPU time is steadier on a shared machine)."""
    for _ in range(warmups):
        function()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(iterations):
        function()
    return (time.perf_counter() - wall) / iterations, (time.process_time() - cpu) / iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=10, help="measured runs per inference batch size")
    parser.add_argument("--training-iterations", type=int, default=4, help="measured training steps")
    parser.add_argument("--channels-last", action="store_true", help="run the convolutions and poolings in NHWC (as the .NET side does)")
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--batches", default="1,16,64", help="inference batch sizes, comma-separated")
    parser.add_argument("--training", default="16x4", help="training shapes N x n (artists x segments), comma-separated")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    net = ArtistNet(channels_last=args.channels_last).to(device)
    print(f"PyTorch {torch.__version__}, device {device}, {torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}, "
          f"{'channels-last' if args.channels_last else 'NCHW'}")

    def synced(function):
        def call():
            result = function()
            sync()
            return result
        return call

    net.eval()
    for batch in (int(b) for b in args.batches.split(",")):
        segments = torch.rand(batch, 388, 128, device=device)
        with torch.no_grad():
            wall, cpu = timed(synced(lambda: net(segments)), 2, args.iterations)
        print(f"inference batch [{batch}, 388, 128]: {wall * 1000:10.1f} ms per batch, {batch / wall:8.2f} segments/s "
              f"(CPU {cpu * 1000:10.1f} ms per batch, {batch / cpu:8.2f} segments per CPU-second)")

    for shape in args.training.split(","):
        artists, samples = (int(v) for v in shape.split("x"))
        segments = torch.rand(artists * samples, 388, 128, device=device)
        anchors, positives, negatives = (t.to(device) for t in triplets(artists, samples, torch.Generator().manual_seed(1)))
        optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-8)
        wall, cpu = timed(synced(lambda: triplet_step(net, optimizer, segments, anchors, positives, negatives)), 1, args.training_iterations)
        count = len(anchors)
        print(f"training step N={artists} n={samples}, batch [{artists * samples}, 388, 128]: {wall:8.2f} s per step of {count} triplets, "
              f"{count / wall:8.2f} triplets/s (CPU {cpu:8.2f} s per step, {count / cpu:8.2f} triplets per CPU-second)")


if __name__ == "__main__":
    main()
