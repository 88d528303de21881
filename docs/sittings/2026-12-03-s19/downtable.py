#!/usr/bin/env python3
"""Both stride-2 layers from 50% sparsity against their dense twins, per round and averaged (session 19's final.sh).
usage: python3 docs/sittings/2026-12-03-s19/downtable.py docs/sittings/2026-12-03-s19/final/down"""
import csv, glob, os, sys
from collections import defaultdict

d = sys.argv[1]
sparse, dense = defaultdict(dict), defaultdict(dict)  # (bench, layer, sparsity) -> round -> ms
for path in sorted(glob.glob(os.path.join(d, '*-*.csv'))):
    kind, r = os.path.basename(path)[:-4].split('-')
    for row in csv.DictReader(open(path)):
        bench = row['Benchmark'].rsplit('.', 1)[1]
        key = (bench.replace('dense', '').replace('sparse', ''), row['Param: layer'], row.get('Param: sparsity') or '0.9')
        (dense if bench.startswith('dense') else sparse)[key][r] = float(row['Score'])
print('| layer | sparsity | forward | training step |')
print('|---|---:|---:|---:|')
layers = sorted({k[1] for k in sparse})
for layer in layers:
    sps = sorted({k[2] for k in sparse if k[1] == layer}, key=float)
    dn = {op: dense.get((op, layer, '0.9'), {}) for op in ('ConvForward', 'ConvTrainStep')}
    for i, sp in enumerate(sps):
        cells = []
        for op in ('ConvForward', 'ConvTrainStep'):
            s = sparse[(op, layer, sp)]
            rounds = sorted(set(s) & set(dn[op]))
            per = [dn[op][r] / s[r] for r in rounds]
            mean = (sum(dn[op][r] for r in rounds) / len(rounds)) / (sum(s[r] for r in rounds) / len(rounds))
            cells.append('%.2fx (%s)' % (mean, ', '.join('%.2f' % p for p in per)))
        name = layer if i == 0 else ''
        if i == 0:
            name += ' (dense %s / %s ms)' % tuple('%.3f' % (sum(dn[op].values()) / len(dn[op])) for op in ('ConvForward', 'ConvTrainStep'))
        print('| %s | %.0f%% | %s | %s |' % (name, 100 * float(sp), cells[0], cells[1]))
