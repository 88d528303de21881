"""Prints the dense conv layers beside PyTorch from a conv-sitting.sh directory: for every layer, the lower of the
rounds' figures on each side (each side's best; PyTorch's figure is already the lowest of three medians).
   SITTING=<dir> python3 docs/sittings/2026-12-03-s15/convtable.py"""
import csv, glob, os
d = os.environ['SITTING']
p4 = {}
for f in sorted(glob.glob(f'{d}/conv-*.csv')):
    for r in csv.DictReader(open(f)):
        b = r['Benchmark'].split('.')[-1]
        if ':' in b: continue
        key = (r['Param: layer'], b); v = float(r['Score'])
        p4[key] = min(p4.get(key, v), v)
pt = {}
for f in sorted(glob.glob(f'{d}/torchconv-*.txt')):
    for line in open(f):
        c = line.split('\t')
        if len(c) != 5: continue
        lid, fw, fb = c[0], float(c[2]), float(c[4])
        o = pt.get(lid, (fw, fb)); pt[lid] = (min(o[0], fw), min(o[1], fb))
print('| layer | P4J fwd | P4J bwdData | P4J bwdWeight | PyTorch fwd | fwd ratio | P4J fwd+bwd | PyTorch fwd+bwd | fwd+bwd ratio |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for lid in dict.fromkeys(k[0] for k in p4):
    f, bd, bw = (p4.get((lid, b), float('nan')) for b in ('forward', 'backwardData', 'backwardWeight'))
    tf, tb = pt.get(lid, (float('nan'), float('nan')))
    tot = f + bd + bw
    print(f'| {lid} | {f:.2f} | {bd:.2f} | {bw:.2f} | {tf:.2f} | {tf/f:.2f} | {tot:.2f} | {tb:.2f} | {tb/tot:.2f} |')
