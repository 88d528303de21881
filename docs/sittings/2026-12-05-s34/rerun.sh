#!/usr/bin/env bash
# Session 34: the changed target rows again with two forks a point (dense and sparse at 90% and 95%): MobileNet's 1x1
# layers at batch 64 (training step) and as GEMMs at batch 1.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s34/rerun bash docs/sittings/2026-12-05-s34/rerun.sh
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py docs/sittings/2026-12-05-s34/rerun
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PW=mbv1-pw112:32x64x112,mbv1-pw56:64x128x56,mbv1-pw28:128x256x28,mbv1-pw14:512x512x14,mbv1-pw7:1024x1024x7
GEMM=mbv1-pw112:64x32x12544,mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784,mbv1-pw14:512x512x196,mbv1-pw7:1024x1024x49
jmh() {  # part regex params...
  local part=$1 re=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$re" "$@" \
    -f 2 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/$part.csv" > "$O/$part.log" 2>&1
  echo "$part done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $J" >> "$O/load.txt"
jmh pw 'SparseBench.(sparsePointwiseTrainStep|densePointwiseTrainStep)$' -p layer=$PW -p batch=64 -p sparsity=0.9,0.95
jmh gemm 'SparseBench.(spmm|denseGemm)$' -p gemm=$GEMM -p sparsity=0.9,0.95
