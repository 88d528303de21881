"""Session 29: MobileNet 1x1 layers at batch 64, dense vs sparse (SparseBench), from one JMH csv: the forwards
(densePointwise / sparsePointwise) or, with "step", the training steps (dense|sparsePointwiseTrainStep).
Usage: python3 pwtable.py pointwise.csv [step]"""
import csv, sys
suffix = 'PointwiseTrainStep' if len(sys.argv) > 2 and sys.argv[2] == 'step' else 'Pointwise'
dense, sparse = {}, {}
for row in csv.DictReader(open(sys.argv[1])):
    name, score = row['Benchmark'], float(row['Score'])
    if ':' in name.split('.')[-1]:
        continue
    layer = row['Param: layer']
    if name.endswith('dense' + suffix):
        dense[layer] = score
    elif name.endswith('sparse' + suffix):
        sparse[(layer, row['Param: sparsity'])] = score
sps = sorted({s for _, s in sparse})
print('| layer (batch 64) | dense ms | ' + ' | '.join(f'{float(s):.0%} ms (speedup)' for s in sps) + ' |')
print('|---|---:|' + '---:|' * len(sps))
for layer in dense:
    cells = [f'{sparse[(layer, s)]:.2f} ({dense[layer] / sparse[(layer, s)]:.2f}x)' for s in sps if (layer, s) in sparse]
    print(f'| {layer} | {dense[layer]:.2f} | ' + ' | '.join(cells) + ' |')
