"""Medians of interleaved JMH runs per variant: python3 compare.py <dir> <variantA>,<variantB> (CSV files are <variant>-<round>.csv).
ratio = the first variant's median over the last's: for ms/op above 1 means the last is faster, for ops/s below 1."""
import csv,glob,sys,collections,statistics
d=sys.argv[1]; vs=sys.argv[2].split(',')
res=collections.defaultdict(lambda: collections.defaultdict(list))
for f in sorted(glob.glob(d+'/*.csv')):
    v=f.split('/')[-1].rsplit('-',1)[0]
    for row in csv.DictReader(open(f)):
        if ':' in row['Benchmark']: continue
        params=' '.join(f"{row[k]}" for k in row if k.startswith('Param'))
        res[(row['Benchmark'].split('.')[-1],params)][v].append(float(row['Score']))
for k,r in sorted(res.items()):
    meds=[statistics.median(r[v]) if r[v] else float('nan') for v in vs]
    print('%-15s %-42s'%k, ' '.join('%9.3f'%m for m in meds), ' ratio %.2f'%(meds[0]/meds[-1]), ' raw', ' / '.join(','.join('%.3f'%x for x in r[v]) for v in vs))
