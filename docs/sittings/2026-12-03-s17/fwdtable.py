#!/usr/bin/env python3
"""Dense/sparse forward ratios per layer from final.sh's fwd/fwd-<round>.csv: each round's ratio, and the ratio of
the rounds' medians. usage: python3 docs/sittings/2026-12-03-s17/fwdtable.py docs/sittings/2026-12-03-s17/final/fwd"""
import csv, glob, statistics, sys
runs = {}
for path in sorted(glob.glob(sys.argv[1] + "/fwd-*.csv")):
    for r in csv.DictReader(open(path)):
        name = r["Benchmark"].split(".")[-1]
        shape = r.get("Param: layer") or r.get("Param: linear")
        if name.endswith("Linear"):
            shape = r["Param: linear"]
        sp = r.get("Param: sparsity") if name.startswith("sparse") else "dense"
        runs.setdefault((shape, sp), []).append(float(r["Score"]))
print("| layer (batch 128) | dense ms | 90% ms | 90% speedup (rounds) | 95% ms | 95% speedup (rounds) |")
print("|---|---:|---:|---:|---:|---:|")
for shape in sorted({k[0] for k in runs}):
    d = runs.get((shape, "dense"))
    if not d:
        continue
    row = [shape, "%.3f" % statistics.median(d)]
    for sp in ("0.9", "0.95"):
        s = runs.get((shape, sp))
        if not s:
            row += ["", ""]
            continue
        per = ", ".join("%.2f" % (a / b) for a, b in zip(d, s))
        row += ["%.3f" % statistics.median(s), "%.2fx (%s)" % (statistics.median(d) / statistics.median(s), per)]
    print("| " + " | ".join(row) + " |")
