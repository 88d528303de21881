"""Session 29: MobileNet 1x1 layers at batch 64, dense vs per-image CSR SpMM (SparseBench), from one JMH csv.
Usage: python3 pwtable.py pointwise.csv"""
import csv, sys
dense, sparse = {}, {}
for row in csv.DictReader(open(sys.argv[1])):
    name, score = row['Benchmark'], float(row['Score'])
    if ':' in name.split('.')[-1]:
        continue
    layer = row['Param: layer']
    if name.endswith('densePointwise'):
        dense[layer] = score
    elif name.endswith('sparsePointwise'):
        sparse[(layer, row['Param: sparsity'])] = score
sps = sorted({s for _, s in sparse})
print('| layer (batch 64) | dense ms | ' + ' | '.join(f'{float(s):.0%} ms (speedup)' for s in sps) + ' |')
print('|---|---:|' + '---:|' * len(sps))
for layer in dense:
    cells = [f'{sparse[(layer, s)]:.2f} ({dense[layer] / sparse[(layer, s)]:.2f}x)' for s in sps if (layer, s) in sparse]
    print(f'| {layer} | {dense[layer]:.2f} | ' + ' | '.join(cells) + ' |')
