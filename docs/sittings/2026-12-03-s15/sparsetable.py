"""Dense vs sparse layer training steps of a sparse-step.sh sitting: per layer the median over rounds of each side
(the dense step does not depend on the sparsity parameter, so all its runs pool), and the ratio.
   python3 docs/sittings/2026-12-03-s15/sparsetable.py <dir>"""
import csv, glob, sys, collections, statistics
d = sys.argv[1]
dense, sparse = collections.defaultdict(list), collections.defaultdict(list)
for f in sorted(glob.glob(f'{d}/step-*.csv')):
    for r in csv.DictReader(open(f)):
        b = r['Benchmark'].split('.')[-1]
        if b == 'denseConvTrainStep': dense[r['Param: layer']].append(float(r['Score']))
        elif b == 'sparseConvTrainStep': sparse[(r['Param: layer'], r['Param: sparsity'])].append(float(r['Score']))
print('| layer (batch 128) | dense ms | 90% ms | 90% speedup | 95% ms | 95% speedup |')
print('|---|---:|---:|---:|---:|---:|')
for layer in dense:
    dm = statistics.median(dense[layer]); cells = []
    for sp in ('0.9', '0.95'):
        s = sparse.get((layer, sp))
        cells += [f'{statistics.median(s):.2f}', f'{dm / statistics.median(s):.2f}x'] if s else ['–', '–']
    print(f'| {layer} | {dm:.2f} | ' + ' | '.join(cells) + ' |')
