#!/usr/bin/env python3
"""Issue #4's tables from issue4.sh's CSVs: per shape, the dense time and sparse speedup over it (dense ms / sparse
ms, the same fork setup, one round) at each sparsity, forward and training step; then PyTorch's CSR beside Prune4J.
usage: python3 docs/sittings/2026-12-05-s32/issue4table.py DIR [DIR...] (rows of later dirs replace earlier ones:
issue4 rerun gives the final jar's figures where rerun.sh measured them again)"""
import csv, os, sys

DIRS = sys.argv[1:]
SP = ["0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99"]
# benchmark pairs: (dense method, sparse method, title)
PAIRS = [("denseConvForward", "sparseConvForward", "3x3 convolution, forward (direct sparse vs Prune4J's dense: Winograd or implicit GEMM)"),
         ("denseConvTrainStep", "sparseConvTrainStep", "3x3 convolution, training step (forward + input and weight gradients)"),
         ("densePointwise", "sparsePointwise", "MobileNet-V1 1x1 layers, batch 64, forward (per-image CSR SpMM)"),
         ("densePointwiseTrainStep", "sparsePointwiseTrainStep", "MobileNet-V1 1x1 layers, batch 64, training step"),
         ("denseGemm", "spmm", "GEMM shapes (MobileNet-V1 1x1 at batch 1; ResNet-32 3x3 lowered at batch 128), CSR SpMM"),
         ("denseLinear", "sparseLinear", "Linear layer (out x in x batch), forward"),
         ("denseLinearTrainStep", "sparseLinearTrainStep", "Linear layer, training step (forward + dX + SDDMM weight gradient)")]

rows = {}  # (method, shape, batch, sparsity) -> ms
for f in [os.path.join(d, f) for d in DIRS for f in sorted(os.listdir(d)) if f.endswith(".csv")]:
    for r in csv.DictReader(open(f)):
        m = r["Benchmark"].split(".")[-1]
        shape = r.get("Param: layer") or r.get("Param: gemm") or r.get("Param: linear") or ""
        if m.endswith("Linear") or m.endswith("LinearTrainStep"):
            shape = r["Param: linear"]
        elif m in ("spmm", "denseGemm"):
            shape = r["Param: gemm"]
        batch = r.get("Param: batch") or ""
        sp = r.get("Param: sparsity") or ""
        rows[(m, shape, batch, sp if m.startswith("sparse") or m == "spmm" else "")] = float(r["Score"])

def fmt(x):
    return "%.3f" % x if x < 10 else "%.1f" % x

summary = {}
for dense, sparse, title in PAIRS:
    keys = sorted({(k[1], k[2]) for k in rows if k[0] == dense}, key=lambda t: (t[1] != "128", t[1], t[0]))
    if not keys:
        continue
    print("\n**%s** — speedup = dense ms / sparse ms\n" % title)
    print("| shape | batch | dense ms | " + " | ".join("%d%%" % round(float(s) * 100) for s in SP) + " | sparse ms at 90% |")
    print("|---|---:|---:|" + "---:|" * len(SP) + "---:|")
    for shape, batch in keys:
        d = rows[(dense, shape, batch, "")]
        cells = []
        for s in SP:
            v = rows.get((sparse, shape, batch, s))
            cells.append("%.2fx" % (d / v) if v else "")
            if v:
                summary.setdefault((sparse, s), []).append(d / v)
        v90 = rows.get((sparse, shape, batch, "0.9"))
        print("| %s | %s | %s | %s | %s |" % (shape, batch or "-", fmt(d), " | ".join(cells), fmt(v90) if v90 else ""))

torch = next((os.path.join(d, "torch.txt") for d in DIRS if os.path.exists(os.path.join(d, "torch.txt"))), None)
if torch:
    print("\n**PyTorch's CSR matmul in the same sitting** (`torch_sparse_peers.py`, 2 threads): its speedup over its own "
          "dense matmul, and PyTorch CSR time / Prune4J sparse time (above 1: Prune4J's sparse kernel is faster)\n")
    cols = ["0.5", "0.9", "0.95", "0.99"]
    print("| shape | PyTorch dense ms | PyTorch CSR speedup at " + " / ".join("%d%%" % round(float(c) * 100) for c in cols)
          + " | PyTorch CSR / Prune4J sparse at " + " / ".join("%d%%" % round(float(c) * 100) for c in cols) + " |")
    print("|---|---:|---:|---:|")
    per = {}
    for line in open(torch):
        f = line.split()
        if len(f) != 6 or ":" not in f[0]:
            continue
        sid, _, sp, td, tc, _ = f
        sp = repr(float(sp))
        if sid.startswith("linear-b"):
            key = ("sparseLinear", sid.split(":")[1], "", sp)
        else:
            key = ("spmm", sid, "", sp)
        per.setdefault(sid, {"dense": float(td)})[sp] = (float(tc), rows.get(key))
    for sid, d in per.items():
        own = " / ".join("%.2fx" % (d["dense"] / d[c][0]) if c in d else "" for c in cols)
        vs = " / ".join("%.2fx" % (d[c][0] / d[c][1]) if c in d and d[c][1] else "" for c in cols)
        print("| %s | %.3f | %s | %s |" % (sid, d["dense"], own, vs))
