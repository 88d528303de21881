"""The whole-model table of a final.sh sitting: per variant (base, new) and sparsity, the medians of the rounds' JMH
scores and the allocation per step; PyTorch's training-step figure from each round's peers.
   python3 docs/sittings/2026-12-03-s15/steptable.py <dir>"""
import csv, glob, sys, collections, statistics, re
d = sys.argv[1]
res = collections.defaultdict(list)
for f in sorted(glob.glob(f'{d}/*-[0-9].csv')):
    v = f.split('/')[-1].rsplit('-', 1)[0]
    for r in csv.DictReader(open(f)):
        m = r['Benchmark'].split(':')[-1] if ':' in r['Benchmark'] else 'ms'
        res[(v, r['Param: sparsity'], m)].append(float(r['Score']))
torch = [float(re.search(r'resnet32_train_step_b128 ([0-9.]+) ms', open(f).read()).group(1))
         for f in sorted(glob.glob(f'{d}/torch-peers-*.txt')) if 'resnet32_train_step_b128' in open(f).read()]
print('| sparsity | base ms (rounds) | new ms (rounds) | new/base speedup | new GB/step | sparse/dense (new) |')
print('|---:|---:|---:|---:|---:|---:|')
dense = statistics.median(res[('new', '0', 'ms')]) if res[('new', '0', 'ms')] else float('nan')
for sp in ('0', '0.9', '0.95'):
    b, n = res[('base', sp, 'ms')], res[('new', sp, 'ms')]
    if not b or not n: continue
    mb, mn = statistics.median(b), statistics.median(n)
    gb = statistics.median(res[('new', sp, 'gc.alloc.rate.norm')]) / 1e9
    print(f"| {float(sp):.0%} | {mb:.0f} ({', '.join('%.0f' % x for x in b)}) | {mn:.0f} ({', '.join('%.0f' % x for x in n)}) | "
          f"{mb / mn:.2f}x | {gb:.2f} | {dense / mn:.2f}x |")
print('PyTorch training step, batch 128, 2 threads:', ', '.join('%.0f ms' % t for t in torch))
