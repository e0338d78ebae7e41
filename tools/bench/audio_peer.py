#!/usr/bin/python3
"""The fixed Python peer of the project's feature extraction (issue 14), timed on the same files.

Per track: one ffprobe (first audio stream's duration, the container's when the stream has none, and its channels),
one whole-file ffmpeg decode to 22 050 Hz mono float32 with soxr and the channels averaged (pan's normalised form,
as the project does), the plan's segments cut in numpy (10 x 9 s, start i = round(i (T - L) / 9)), and the mel of
each in float64 with numpy's real FFT: periodic Hann 1024, hop 512, centred with 512 zeros each side, power,
128 Slaney bands 0-11 025 Hz with Slaney area normalisation (librosa.feature.melspectrogram's defaults).

Usage (Debian's python3 with python3-numpy):
    /usr/bin/python3 tools/bench/audio_peer.py [--tracks N] [--warmup N] [--out MEL.npy] FILE...
Decodes the files round-robin, N tracks after the warm-up, and prints one line: 'peer tracks/s <x> cpu-ms/track <c> tracks <n> seconds <s>' (CPU: this process and
its ffmpeg/ffprobe children).
--out writes the mel of the first file as [segments, frames, 128] float32, to compare with `disambig features`.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np

SR = 22050
N_FFT = 1024
HOP = 512
N_MELS = 128
SEGMENT_SECONDS = 9
SEGMENTS = 10


def hz_to_mel(hz):
    hz = np.asarray(hz, dtype=np.float64)
    linear = hz / (200.0 / 3)
    log = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27)
    return np.where(hz < 1000.0, linear, log)


def mel_to_hz(mel):
    mel = np.asarray(mel, dtype=np.float64)
    linear = mel * (200.0 / 3)
    log = 1000.0 * np.exp((np.log(6.4) / 27) * (mel - 15.0))
    return np.where(mel < 15.0, linear, log)


def filterbank():
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SR / 2.0), N_MELS + 2))
    bins = np.arange(N_FFT // 2 + 1) * SR / N_FFT
    lower = (bins[None, :] - edges[:-2, None]) / (edges[1:-1] - edges[:-2])[:, None]
    upper = (edges[2:, None] - bins[None, :]) / (edges[2:] - edges[1:-1])[:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    return weights * (2.0 / (edges[2:] - edges[:-2]))[:, None]


FILTERBANK = filterbank()
WINDOW = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
                         check=True, capture_output=True).stdout
    info = json.loads(out)
    stream = next(s for s in info["streams"] if s.get("codec_type") == "audio")
    duration = float(stream.get("duration") or info["format"]["duration"])
    return duration, int(stream.get("channels", 1))


def decode(path, channels):
    average = f"pan=mono|c0<{'+'.join(f'c{c}' for c in range(channels))}," if channels > 1 else ""
    graph = f"[0:a:0]{average}aresample={SR}:resampler=soxr,aformat=sample_fmts=flt:channel_layouts=mono[out]"
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-filter_complex", graph, "-map", "[out]",
                          "-c:a", "pcm_f32le", "-f", "f32le", "pipe:1"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<f4")


def segments(audio, duration):
    total = int(math.floor(duration * SR))
    length = SEGMENT_SECONDS * SR
    if total < length:
        starts = [0]
    else:
        starts = [int(math.floor((total - length) * i / (SEGMENTS - 1) + 0.5)) for i in range(SEGMENTS)]
    cut = np.zeros((len(starts), length), dtype=np.float32)
    for i, start in enumerate(starts):
        piece = audio[start:start + length]
        cut[i, :len(piece)] = piece
    return cut


def mel(segment):
    padded = np.pad(segment.astype(np.float64), N_FFT // 2)
    frames = 1 + len(segment) // HOP
    index = np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]
    spectrum = np.fft.rfft(padded[index] * WINDOW, axis=1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    return power @ FILTERBANK.T


def extract(path):
    duration, channels = probe(path)
    cut = segments(decode(path, channels), duration)
    return np.stack([mel(s) for s in cut]).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracks", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--out")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.out:
        np.save(args.out, extract(args.files[0]))
    for i in range(args.warmup):
        extract(args.files[i % len(args.files)])
    cpu_before = sum(os.times()[:4])
    start = time.perf_counter()
    for i in range(args.tracks):
        extract(args.files[i % len(args.files)])
    seconds = time.perf_counter() - start
    cpu_ms = (sum(os.times()[:4]) - cpu_before) * 1000 / args.tracks
    print(f"peer tracks/s {args.tracks / seconds:.3f} cpu-ms/track {cpu_ms:.1f} tracks {args.tracks} seconds {seconds:.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
