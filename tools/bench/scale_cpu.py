#!/usr/bin/env python3
"""CPU seconds of the scale bench's processes, phase by phase (docs/benchmarks.md, "Full-sweep rate").

Usage (from the repository root, so that .tools/azurite is found above the bin folder):
  python3 tools/bench/scale_cpu.py BIN_FOLDER --names 10000 --big-name 5000
BIN_FOLDER holds Disambig.Pipeline.Benchmarks.dll (e.g. tools/bench/Disambig.Pipeline.Benchmarks/bin/Debug/net10.0).
Runs `scale` with the remaining arguments, samples utime+stime of the bench, its silo processes and Azurite every
0.5 s, prefixes each output line with the elapsed seconds and prints, per phase (catalog, ingest, full sweep,
unchanged re-sweep), the wall time, the load average at its end and each process's CPU seconds: on a shared machine
CPU seconds per name compare builds better than names/s. With TP_PERF=FILE, `perf record -F 199 -g` runs on the
silo processes during the full sweep (set DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 for symbols).
"""
import os, subprocess, sys, time, threading
tick = os.sysconf('SC_CLK_TCK')
bindir = sys.argv[1]
args = ['dotnet', os.path.join(bindir, 'Disambig.Pipeline.Benchmarks.dll'), 'scale'] + sys.argv[2:]
t0 = time.time()
p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
def cpu_of(pid):
    try:
        with open(f'/proc/{pid}/stat') as f: parts = f.read().rsplit(')', 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / tick
    except Exception: return None
def children(pid):
    out = []
    for d in os.listdir('/proc'):
        if not d.isdigit(): continue
        try:
            with open(f'/proc/{d}/stat') as f: parts = f.read().rsplit(')', 1)[1].split()
            if int(parts[1]) == pid:
                with open(f'/proc/{d}/cmdline') as f: cmd = f.read().replace('\0', ' ')
                out.append((int(d), cmd))
        except Exception: pass
    return out
samples = {}  # label -> cpu
names = {}
marks = []
def sampler():
    while p.poll() is None:
        samples['bench'] = cpu_of(p.pid) or samples.get('bench', 0)
        for pid, cmd in children(p.pid):
            if 'Disambig.Silo' in cmd:
                c = cpu_of(pid)
                if c is not None: samples[pid] = c; names[pid] = cmd
            elif 'azurite' in cmd or 'node' in cmd:
                c = cpu_of(pid)
                if c is not None: samples['azurite'] = c
        time.sleep(0.5)
threading.Thread(target=sampler, daemon=True).start()
with open('/proc/loadavg') as f: print(f'[{0:6.1f}] load {f.read().strip()}', flush=True)
for line in p.stdout:
    el = time.time() - t0
    print(f'[{el:6.1f}] {line}', end='', flush=True)
    if line.startswith('ingest:') or line.startswith('scale-first') or line.startswith('scale-unchanged') or line.startswith('catalog:'):
        with open('/proc/loadavg') as f: la = f.read().split()[:3]
        marks.append((line.split()[0], el, dict(samples), la))
    if os.environ.get('TP_PERF') and line.startswith('ingest:'):
        pids = ','.join(str(k) for k in names)
        perf = subprocess.Popen(['perf', 'record', '-F', '199', '-g', '-p', pids, '-o', os.environ['TP_PERF']], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if os.environ.get('TP_PERF') and line.startswith('scale-first'):
        perf.send_signal(2); perf.wait()
p.wait()
prev = None
for label, el, s, la in marks:
    d = {k: v - (prev[2].get(k, 0) if prev else 0) for k, v in s.items()}
    dur = el - (prev[1] if prev else 0)
    print(f'phase {label} wall {dur:.1f}s load {la} cpu: ' + ', '.join(f'{("silo"+str(k)) if isinstance(k,int) else k}={v:.1f}s' for k, v in d.items()))
    prev = (label, el, s)
for pid, cmd in names.items(): print(pid, cmd[:200])
sys.exit(p.returncode)
