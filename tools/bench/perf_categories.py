#!/usr/bin/env python3
"""Sorts the samples of `perf script` output (silo processes, perf maps on) into cost categories, first rule that
matches a sample's stack wins. Usage: perf script -i FILE > FILE.txt; python3 tools/bench/perf_categories.py FILE.txt"""
import sys, re, collections
rules = [
 ('jit (tiered compilation thread / clrjit)', lambda comm, fr: comm.startswith('.NET Tiered') or any('libclrjit' in f for f in fr[:3])),
 ('orleans dashboard metrics export (1 s)', lambda comm, fr: comm.startswith('OpenTelemetry')),
 ('console logger thread', lambda comm, fr: comm.startswith('Console logger')),
 ('bench: size of every message (MessageSizeFilter serialize)', lambda comm, fr: any('MessageSizeFilter::SizeOf' in f for f in fr)),
 ('bench: size of every state (SizeRecordingGrainStorage)', lambda comm, fr: any('SizeRecordingGrainStorage::WriteStateAsync' in f for f in fr) and not any('LocalFolderGrainStorage' in f for f in fr)),
 ('local store: grain state write', lambda comm, fr: any('LocalFolderGrainStorage+<WriteStateAsync>' in f or 'LocalFolderGrainStorage::WriteStateAsync' in f for f in fr)),
 ('local store: grain state read', lambda comm, fr: any('LocalFolderGrainStorage+<ReadStateAsync>' in f or 'LocalFolderGrainStorage::ReadStateAsync' in f for f in fr)),
 ('local blob store (results, chunks)', lambda comm, fr: any('LocalFolderBlobStore' in f for f in fr)),
 ('clustering / name result build', lambda comm, fr: any('Disambig.Clustering' in f or 'NameResultBuilder' in f for f in fr)),
 ('orleans serialization', lambda comm, fr: any('[Orleans.Serialization]' in f for f in fr[:12])),
 ('logging', lambda comm, fr: any('Microsoft.Extensions.Logging' in f for f in fr[:15])),
 ('dashboard grain profiler filter', lambda comm, fr: any('GrainProfiler' in f for f in fr[:6])),
 ('otel metric record', lambda comm, fr: any('[OpenTelemetry]' in f or 'System.Diagnostics.Metrics' in f for f in fr[:8])),
 ('activation lifecycle (activate/deactivate/directory)', lambda comm, fr: any(re.search(r'ActivationData::(Activate|Deactivate|Finish|Start|OnCompleted|Dispose|Unregister|Register)|GrainDirectory|Catalog::|ActivationDirectory|ActivationCollector|DhtGrainLocator|GrainLocator|IncomingRequestMonitor', f) for f in fr)),
 ('messaging / networking', lambda comm, fr: comm.startswith('.NET Sockets') or any(re.search(r'Orleans.Runtime.Messaging|Connection|MessageCenter|Socket', f) for f in fr[:15])),
 ('timers', lambda comm, fr: comm.startswith('.NET Timer')),
 ('kernel other (scheduling, yield)', lambda comm, fr: fr and fr[0].startswith('[k]') ),
 ('coreclr other (GC, runtime)', lambda comm, fr: fr and 'libcoreclr' in fr[0]),
]
counts = collections.Counter(); total = 0
comm = None; frames = []
def flush():
    global total
    if comm is None: return
    total += 1
    for name, rule in rules:
        if rule(comm, frames): counts[name] += 1; return
    counts['other managed / runtime'] += 1
for line in open(sys.argv[1], errors='replace'):
    if not line.strip():
        flush(); comm = None; frames = []; continue
    if not line.startswith((' ', '\t')):
        comm = line[:16].strip(); continue
    parts = line.strip().split(' ', 1)
    f = parts[1] if len(parts) > 1 else parts[0]
    if 'kernel.kallsyms' in f: f = '[k]' + f
    frames.append(f)
flush()
for name, c in counts.most_common(): print(f'{100*c/total:5.1f}%  {name}')
print('samples', total)
