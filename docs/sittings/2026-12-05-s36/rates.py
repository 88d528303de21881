#!/usr/bin/env python3
"""Session 36: issue #4's rows as rates. For each shape and pass, the useful 16-float FMAs it has to do (the direct
convolution's or GEMM's multiply-adds, times the density for the sparse kernel; a dense Winograd twin is credited with
the direct count) per nanosecond per core (2 threads), from issue4.sh's CSVs. A sparse kernel's speedup over its dense
twin at density d is (sparse rate / dense rate) / d, so 6x at 90% needs a sparse rate of 0.6x the dense one.
usage: python3 docs/sittings/2026-12-05-s36/rates.py DIR [DIR...] [--sp 0.9]"""
import csv, os, sys

argv = sys.argv[1:]
SPS = ["0.9", "0.95"]
if "--sp" in argv:
    i = argv.index("--sp")
    SPS = argv[i + 1].split(",")
    argv = argv[:i] + argv[i + 2:]
args = argv
CORES = 2
PASSES = {"ConvForward": 1, "ConvTrainStep": 3, "Pointwise": 1, "PointwiseTrainStep": 3, "Gemm": 1, "spmm": 1,
          "Linear": 1, "LinearTrainStep": 3}

def work(method, shape, batch):
    """Useful multiply-adds of the dense problem, in 16-float vectors."""
    dims = shape.split(":")[-1].split("x")
    if "Conv" in method:
        cin, cout, hw = int(dims[0]), int(dims[1]), int(dims[2])
        stride = int(dims[3]) if len(dims) > 3 else 1
        return cin * cout * 9 * (hw // stride) ** 2 * int(batch) / 16
    if "Pointwise" in method:
        cin, cout, hw = int(dims[0]), int(dims[1]), int(dims[2])
        return cin * cout * hw * hw * int(batch) / 16
    m, k, n = int(dims[0]), int(dims[1]), int(dims[2])
    return m * k * n / 16

def kind(method):
    for p in sorted(PASSES, key=len, reverse=True):
        if method.endswith(p):
            return p
    return None

rows = {}
for d in args:
    for f in sorted(os.listdir(d)):
        if not f.endswith(".csv") or f.startswith("model"):
            continue
        for r in csv.DictReader(open(os.path.join(d, f))):
            m = r["Benchmark"].split(".")[-1]
            shape = r.get("Param: layer") or r.get("Param: gemm") or r.get("Param: linear") or ""
            batch = r.get("Param: batch") or "1"
            sp = r.get("Param: sparsity") or ""
            dense = m.startswith("dense")
            rows[(kind(m), shape, batch, "" if dense else sp, dense)] = float(r["Score"])

print("| pass | shape | batch | dense rate | " + " | ".join("sparse rate at %s%% (÷ dense)" % int(float(s) * 100) for s in SPS) + " |")
print("|---|---|---:|---:|" + "---:|" * len(SPS))
for (k, shape, batch, sp, dense), ms in sorted(rows.items()):
    if not dense:
        continue
    passes = PASSES[k]
    v = work(k, shape, batch) * passes
    drate = v / (ms * 1e6) / CORES
    cells = []
    for s in SPS:
        key = next((kk for kk in rows if kk[1] == shape and kk[2] == batch and kk[3] == s and not kk[4]
                    and PASSES[kk[0]] == passes and (kk[0] == "spmm") == (k == "Gemm")), None)
        if key is None:
            cells.append("")
            continue
        srate = v * (1 - float(s)) / (rows[key] * 1e6) / CORES
        cells.append("%.2f (%.2f)" % (srate, srate / drate))
    print("| %s | %s | %s | %.2f | %s |" % (k, shape, batch, drate, " | ".join(cells)))
