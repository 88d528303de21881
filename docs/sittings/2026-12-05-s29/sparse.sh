#!/usr/bin/env bash
# Session 29, issue #4 against the dense twins of this session's jar: the 3x3 and Linear forwards (session 21's fwd.sh,
# 2 rounds), the layer training steps (session 15's sparse-step.sh, 2 rounds), MobileNet's 1x1 layers at batch 64 (one
# round; last measured in session 5), then PyTorch's CSR matmul on the Linear and per-image 1x1 shapes.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s29/sparse bash docs/sittings/2026-12-05-s29/sparse.sh
# Tables: python3 docs/sittings/2026-12-03-s17/fwdtable.py $OUT/fwd
#         python3 docs/sittings/2026-12-03-s15/sparsetable.py $OUT/sparse-step
#         python3 docs/sittings/2026-12-05-s29/pwtable.py $OUT/pointwise.csv
set -u
O=${OUT:?}; mkdir -p "$O"; D=$(cd "$(dirname "$0")" && pwd)
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
OUT=$O/fwd bash "$D/../2026-12-04-s21/fwd.sh"; ld fwd
OUT=$O/sparse-step bash "$D/../2026-12-03-s15/sparse-step.sh"; ld sparse-step
LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
  'SparseBench.(densePointwise|sparsePointwise)' -p sparsity=0.9,0.95 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/pointwise.csv" > "$O/pointwise.log" 2>&1; ld pointwise
(cd benchmarks/peers && $PY -W ignore torch_sparse_peers.py 2 0.9,0.95 linear:1024x1024x128 mbv1-pw112:64x32x12544 \
  mbv1-pw56:128x64x3136 mbv1-pw28:256x128x784 mbv1-pw14:512x512x196 mbv1-pw7:1024x1024x49) > "$O/torchsparse.txt" 2>&1; ld torchsparse
