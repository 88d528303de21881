#!/usr/bin/env bash
# Session 19's closing sitting. First the two stride-2 layers (RowTapConv) forward and training step at 90 / 95%,
# BASE (session 18's 8cb46bb kernels) against NEW in alternating rounds; then issue #4's layer training step on NEW
# (session 15's sparse-step.sh, 2 rounds), the 3x3 and Linear forwards dense and sparse on NEW (2 rounds), both
# stride-2 layers from 50% to 95% with their dense twins (2 rounds), the whole ResNet-32 training step at 90% on BASE
# and NEW, alternating, and PyTorch's peers once.
#   BASE=<jar dir> NEW=<jar dir> OUT=docs/sittings/2026-12-03-s19/final bash docs/sittings/2026-12-03-s19/final.sh
# Tables: python3 docs/sittings/2026-12-02-s7/ab/compare.py docs/sittings/2026-12-03-s19/final/ab-down old,new
#         python3 docs/sittings/2026-12-03-s15/sparsetable.py docs/sittings/2026-12-03-s19/final/sparse-step
#         python3 docs/sittings/2026-12-03-s17/fwdtable.py docs/sittings/2026-12-03-s19/final/fwd
#         python3 docs/sittings/2026-12-03-s15/steptable.py docs/sittings/2026-12-03-s19/final
set -uo pipefail
O=${OUT:?}; mkdir -p "$O/fwd" "$O/down"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
  -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
OLD=$BASE NEW=$NEW OUT=$O/ab-down ROUNDS="1 2 3" bash docs/sittings/ab-jmh.sh 'SparseBench.(sparseConvForward|sparseConvTrainStep)$' \
  -p layer=resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2 -p batch=128 -p sparsity=0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1; ld ab-down
J=$NEW OUT=$O/sparse-step bash docs/sittings/2026-12-03-s15/sparse-step.sh; ld sparse-step
for r in 1 2; do
  jmh "$NEW" 'SparseBench.(sparseConvForward|denseConvForward|sparseLinear|denseLinear)$' \
    -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2,vgg19-c4:256x256x8 \
    -p linear=1024x1024x128 -p batch=128 -p sparsity=0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$O/fwd/fwd-$r.csv" > "$O/fwd/fwd-$r.log" 2>&1; ld fwd-$r
done
for r in 1 2; do
  jmh "$NEW" 'SparseBench.(sparseConvForward|sparseConvTrainStep)$' \
    -p layer=resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2 -p batch=128 -p sparsity=0.5,0.6,0.7,0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1 \
    -rf csv -rff "$O/down/down-$r.csv" > "$O/down/down-$r.log" 2>&1; ld down-$r
  jmh "$NEW" 'SparseBench.(denseConvForward|denseConvTrainStep)$' \
    -p layer=resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2 -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1 \
    -rf csv -rff "$O/down/dense-$r.csv" > "$O/down/dense-$r.log" 2>&1; ld dense-$r
done
for r in 1 2; do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" ModelStepBenchmark.trainStep -p sparsity=0.9 -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/$v-$r.csv" > "$O/$v-$r.log" 2>&1; ld $v-$r
  done
done
../shared/peers/run-torch-peers 2 > "$O/torch.txt" 2>&1; ld torch
