import csv, sys, collections
# usage: table.py jmh.csv[,jmh2.csv] torch.txt[,torch2.txt]  -> per layer: P4J fwd/bwdD/bwdW (min over files), PyTorch fwd, fwd+bwd (min), ratios
p = collections.defaultdict(dict)
for f in sys.argv[1].split(','):
    for r in csv.DictReader(open(f)):
        b = r['Benchmark'].split('.')[-1]
        if ':' in b: continue
        k = r['Param: layer']; v = float(r['Score'])
        p[k][b] = min(v, p[k].get(b, 1e9))
t = {}
for f in sys.argv[2].split(','):
    for line in open(f):
        x = line.split('\t')
        if len(x) != 5 or '/' not in x[0]: continue
        a, b = float(x[2]), float(x[4])
        o = t.get(x[0], (1e9, 1e9)); t[x[0]] = (min(a, o[0]), min(b, o[1]))
print("| layer | P4J fwd | bwdData | bwdWeight | PyTorch fwd | fwd ratio | P4J fwd+bwd | PyTorch fwd+bwd | fwd+bwd ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
lose = []
for k in p:
    if k not in t or len(p[k]) < 3: continue
    f, d, w = p[k]['forward'], p[k]['backwardData'], p[k]['backwardWeight']
    tf, tb = t[k]; fb = f + d + w
    rf, rb = tf / f, tb / fb
    if rb < 1: lose.append(k)
    print(f"| {k} | {f:.2f} | {d:.2f} | {w:.2f} | {tf:.2f} | {rf:.2f} | {fb:.2f} | {tb:.2f} | {'**%.2f**' % rb if rb >= 1 else '%.2f' % rb} |")
print(f"\n{len(lose)} rows below PyTorch fwd+bwd: {' '.join(lose)}")
