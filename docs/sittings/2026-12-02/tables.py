"""Markdown tables of this sitting from its JMH CSVs and PyTorch peer outputs: python3 tables.py conv|sconv|sconvtrain|spmm|slinear|spw
SITTING=<directory> reads another sitting's CSVs of the same names."""
import csv, sys, collections
import os
O=os.environ.get('SITTING', os.path.dirname(os.path.abspath(__file__)))+'/'
def jmh(f):
    rows=[]
    for r in csv.DictReader(open(O+f)):
        rows.append(r)
    return rows
def conv():
    c=collections.defaultdict(dict)
    for r in jmh('conv.csv'):
        if r['Unit']!='ms/op' or not r['Benchmark'].startswith('org.prune4j.bench.jmh.ConvBenchmark.'): continue
        b=r['Benchmark'].split('.')[-1]
        c[r['Param: layer']][b]=float(r['Score'])
    t={}
    for line in open(O+'torchconv.txt'):
        p=line.split('\t')
        if len(p)==5: t[p[0]]=(float(p[2]),float(p[4]))
    print('| layer (N_Cin_H_W_Cout_k_s_p_g) | Prune4J fwd ms | PyTorch fwd ms | fwd ratio (PyTorch/Prune4J time) | Prune4J fwd+bwdData+bwdWeight ms | PyTorch fwd+bwd ms | fwd+bwd ratio |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    wins=[0,0,0]
    for l,v in c.items():
        f=v.get('forward'); s=f+v.get('backwardData',0)+v.get('backwardWeight',0)
        tf,tb=t.get(l,(float('nan'),float('nan')))
        print(f'| {l} | {f:.2f} | {tf:.2f} | {tf/f:.2f} | {s:.2f} | {tb:.2f} | {tb/s:.2f} |')
        wins[0]+=1; wins[1]+= tf/f>=1; wins[2]+= tb/s>=1
    print(f'\nlayers {wins[0]}, Prune4J at least as fast: forward {wins[1]}, fwd+bwd {wins[2]}')
def sparse(f, dense, sparse, key):
    d={}; s=collections.defaultdict(dict)
    for r in jmh(f):
        if r['Unit']!='ms/op': continue
        b=r['Benchmark'].split('.')[-1]; k=r['Param: '+key]
        if b==dense: d[(k,r.get('Param: batch'))]=float(r['Score'])
        elif b==sparse: s[(k,r.get('Param: batch'))][float(r['Param: sparsity'])]=float(r['Score'])
    sps=sorted({x for v in s.values() for x in v})
    print('| shape | dense ms | ' + ' | '.join(f'{int(round(x*100))}%' for x in sps)+' |')
    print('|---|---:|'+'---:|'*len(sps))
    for k,v in s.items():
        dm=d.get(k)
        if dm is None:  # the dense run failed (e.g. a crashed fork): sparse times alone
            print(f'| {k[0]}'+(f' b{k[1]}' if k[1] else '')+' | — | '+' | '.join(f'{v[x]:.3f}' if x in v else '–' for x in sps)+' |')
            continue
        print(f'| {k[0]}'+(f' b{k[1]}' if k[1] else '')+f' | {dm:.3f} | '+' | '.join(f'{v[x]:.3f} ({dm/v[x]:.1f}×)' if x in v else '–' for x in sps)+' |')
which=sys.argv[1]
if which=='conv': conv()
elif which=='sconv': sparse('sconv.csv','denseConvForward','sparseConvForward','layer')
elif which=='sconvtrain': sparse('sconvtrain.csv','denseConvTrainStep','sparseConvTrainStep','layer')
elif which=='spmm': sparse('spmm.csv','denseGemm','spmm','gemm')
elif which=='slinear': sparse('slinear.csv','denseLinear','sparseLinear','linear')
elif which=='spw': sparse('spw.csv','densePointwise','sparsePointwise','layer')
