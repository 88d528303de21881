#!/usr/bin/env python3
"""ties.sh's rounds: per layer, each round's fwd+bwd ratio (PyTorch ms / Prune4J ms, above 1 = Prune4J faster) and the
ratio of the two sides' medians over the rounds. usage: python3 docs/sittings/2026-12-05-s30/tietable.py <OUT>"""
import csv, glob, statistics, sys
ours, torch = {}, {}
for path in sorted(glob.glob(sys.argv[1] + "/conv-*.csv")):
    r_ = path.split("-")[-1].split(".")[0]
    for r in csv.DictReader(open(path)):
        b = r["Benchmark"].split(".")[-1]
        if ":" in b:
            continue
        ours.setdefault(r["Param: layer"], {}).setdefault(r_, 0.0)
        ours[r["Param: layer"]][r_] += float(r["Score"])
for path in sorted(glob.glob(sys.argv[1] + "/torchconv-*.txt")):
    r_ = path.split("-")[-1].split(".")[0]
    for line in open(path):
        x = line.split("\t")
        if len(x) == 5 and "/" in x[0]:
            torch.setdefault(x[0], {})[r_] = float(x[4])
print("| layer | P4J fwd+bwd ms (rounds) | PyTorch fwd+bwd ms (rounds) | ratio per round | ratio of medians |")
print("|---|---|---|---|---:|")
for k in ours:
    rounds = sorted(set(ours[k]) & set(torch.get(k, {})))
    a = [ours[k][r] for r in rounds]
    b = [torch[k][r] for r in rounds]
    print("| %s | %s | %s | %s | **%.3f** |" % (k, ", ".join("%.2f" % v for v in a), ", ".join("%.2f" % v for v in b),
          ", ".join("%.2f" % (y / x) for x, y in zip(a, b)), statistics.median(b) / statistics.median(a)))
