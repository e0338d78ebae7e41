#!/usr/bin/env python3
"""Reads a timeline written by the bench's --extract ... --timeline FILE (issue 14, eighth round) and prints where the
pinned cores had no work of the project's: demand = ffmpeg/ffprobe processes running + mel computations running;
core-seconds left idle = the integral of max(0, cores - demand) over the window (load-independent: each process is
counted as one core's worth of work while it lives), split into the window's start (before `cores` units are first
busy), its middle and its tail (after demand last falls below `cores`); and, from /proc/stat, the idle jiffies of the
pinned cores (meaningful only on a quiet machine). Usage: audio_timeline.py FILE CORES TRACKS [CPU_LIST]"""
import sys

path, cores, tracks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cpus = [int(c) for c in sys.argv[4].split(",")] if len(sys.argv) > 4 else list(range(cores))
spans, stat, window, load = [], {"before": {}, "after": {}}, None, ""
for line in open(path):
    f = line.split()
    if f[0] == "window":
        window = float(f[1])
    elif f[0] in ("before", "after"):
        if f[1] != "cpu":
            stat[f[0]][int(f[1][3:])] = [int(x) for x in f[2:]]
    elif f[0] == "loadavg":
        load = " ".join(f[1:4])
    else:
        spans.append((f[0], float(f[1]), float(f[2]), int(f[3])))
events = sorted([(s, 1) for _, s, e, _ in spans] + [(e, -1) for _, s, e, _ in spans] + [(window, 0)])
t, demand, idle = 0.0, 0, {"start": 0.0, "middle": 0.0, "tail": 0.0}
# first time demand reaches cores, last time it falls below cores
d, first_full, last_drop = 0, None, None
for time, delta in events:
    before, d = d, d + delta
    if d >= cores and first_full is None:
        first_full = time
    if d < cores <= before and time < window:
        last_drop = time  # the start of a stretch below `cores`
    elif d >= cores:
        last_drop = None
for time, delta in events:
    time = min(time, window)
    gap = max(0, cores - demand) * (time - t)
    part = "start" if first_full is None or t < first_full else ("tail" if last_drop is not None and t >= last_drop else "middle")
    idle[part] += gap
    t, demand = time, demand + delta
ff = [s for s in spans if s[0] in ("ffmpeg", "ffprobe")]
mel = [s for s in spans if s[0] == "mel"]
total = sum(idle.values())
print(f"window {window:.3f} s, {tracks} tracks, {cores} cores, load {load}")
print(f"ffmpeg runs {len(ff)}, inputs per run {sum(s[3] for s in ff) / max(1, len(ff)):.1f}, run seconds mean {sum(e - s for _, s, e, _ in ff) / max(1, len(ff)):.3f}; "
      f"mel {len(mel)} x {1000 * sum(e - s for _, s, e, _ in mel) / max(1, len(mel)):.1f} ms")
print(f"demand idle core-s {total:.3f} ({1000 * total / tracks:.1f} ms/track, {100 * total / (cores * window):.1f} % of {cores} x window): "
      f"start {idle['start']:.3f} (until {first_full if first_full is not None else float('nan'):.3f} s), middle {idle['middle']:.3f}, "
      f"tail {idle['tail']:.3f} (from {last_drop if last_drop is not None else window:.3f} s)")
if stat["before"] and stat["after"]:
    # user nice system idle iowait irq softirq steal
    busy = idle_j = 0
    for c in cpus:
        b, a = stat["before"][c], stat["after"][c]
        dd = [y - x for x, y in zip(b, a)]
        idle_j += dd[3] + dd[4]
        busy += sum(dd[:8]) - dd[3] - dd[4]
    print(f"/proc/stat cpus {cpus}: idle core-s {idle_j / 100:.2f} ({10 * idle_j / tracks:.1f} ms/track, "
          f"{100 * idle_j / max(1, idle_j + busy):.1f} %), busy core-s {busy / 100:.2f}")
print("runs: " + " ".join(f"{s:.2f}-{e:.2f}/{i}" for _, s, e, i in ff))
