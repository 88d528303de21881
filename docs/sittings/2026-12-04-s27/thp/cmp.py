import csv,sys,collections
def load(f):
    d={}
    for r in csv.DictReader(open(f)):
        if ':' in r['Benchmark'].split('.')[-1]: continue
        d[(r['Benchmark'].split('.')[-1], r['Param: layer'])]=float(r['Score'])
    return d
a=[load(f) for f in sys.argv[1].split(',')]; b=[load(f) for f in sys.argv[2].split(',')]
for k in sorted(a[0]):
    va=[x[k] for x in a if k in x]; vb=[x[k] for x in b if k in x]
    print("%-14s %-40s %s | %s  ratio %.3f"%(k[0],k[1]," ".join("%.2f"%v for v in va)," ".join("%.2f"%v for v in vb), min(va)/min(vb)))
