#!/usr/bin/python3
"""Times scipy's Ward linkage on the data the .NET benchmark clusters, and prints the .NET / scipy time ratio.

Usage (Debian's python3 with python3-scipy):
    /usr/bin/python3 tools/bench/ward_scipy.py [--sizes 2000 10000] [--repeats 5] [--dotnet-report CSV]

The points are the same bits as BenchmarkData.UniformPoints in Disambig.Clustering.Benchmarks: value k of seed s is
SplitMix64 applied to s + (k + 1) * 0x9E3779B97F4A7C15, top 53 bits scaled by 2^-53, row-major [n, 256].
--dotnet-report is BenchmarkDotNet's CSV (BenchmarkDotNet.Artifacts/results/*WardBenchmarks-report.csv), whose
'Mean [s]' of the 'Ward linkage' rows is divided by scipy's mean time for the same n.
"""
import argparse
import csv
import platform
import time

import numpy as np
import scipy
from scipy.cluster.hierarchy import linkage

DIMENSION = 256
SEED = 1


def uniform_points(count, dimension, seed):
    k = np.arange(count * dimension, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (k + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return ((z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53).reshape(count, dimension)


def dotnet_means(report_path):
    means = {}
    with open(report_path, newline="") as report:
        for row in csv.DictReader(report):
            if row["Method"].strip("'") == "Ward linkage":
                means[int(row["N"])] = float(row["Mean [s]"])
    return means


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dotnet-report")
    args = parser.parse_args()

    dotnet = dotnet_means(args.dotnet_report) if args.dotnet_report else {}
    print(f"scipy {scipy.__version__}, numpy {np.__version__}, Python {platform.python_version()}")
    for n in args.sizes:
        points = uniform_points(n, DIMENSION, SEED)
        linkage(points[:10], method="ward")  # warm-up
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            linkage(points, method="ward")
            times.append(time.perf_counter() - start)
        mean = sum(times) / len(times)
        line = f"n={n} d={DIMENSION}: scipy linkage(X, 'ward') mean {mean:.3f} s (min {min(times):.3f} s, {args.repeats} runs)"
        if n in dotnet:
            line += f"; .NET mean {dotnet[n]:.3f} s; .NET / scipy = {dotnet[n] / mean:.2f}"
        print(line)


if __name__ == "__main__":
    main()
