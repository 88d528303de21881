#!/usr/bin/env python3
"""Dense/sparse forward ratios at 50/60/70% sparsity from sparse.sh's low.csv (one round; the dense twin runs once per
sparsity value and its median counts). usage: python3 docs/sittings/2026-12-05-s30/lowtable.py <OUT>/low.csv"""
import csv, statistics, sys
runs = {}
for r in csv.DictReader(open(sys.argv[1])):
    name = r["Benchmark"].split(".")[-1]
    shape = r["Param: linear"] if name.endswith("Linear") else r["Param: layer"]
    sp = r["Param: sparsity"] if name.startswith("sparse") else "dense"
    runs.setdefault((shape, sp), []).append(float(r["Score"]))
levels = ("0.5", "0.6", "0.7")
print("| layer (batch 128) | dense ms | " + " | ".join("%d%% ms | %d%% speedup" % (round(float(l) * 100), round(float(l) * 100)) for l in levels) + " |")
print("|---|---:|" + "---:|---:|" * len(levels))
for shape in sorted({k[0] for k in runs}):
    d = runs.get((shape, "dense"))
    if not d:
        continue
    dm = statistics.median(d)
    row = [shape, "%.3f" % dm]
    for l in levels:
        s = runs.get((shape, l))
        row += ["%.3f" % statistics.median(s), "%.2fx" % (dm / statistics.median(s))] if s else ["", ""]
    print("| " + " | ".join(row) + " |")
