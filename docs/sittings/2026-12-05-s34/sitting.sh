#!/usr/bin/env bash
# Session 34: the rows of issue #4's matrix whose kernels changed this session, on the session's final jar, with
# session 32's protocol (one fork a point, every sparsity, dense twins in the same run): MobileNet's 1x1 layers as
# GEMMs at batch 1 and ResNet-32's lowered layers (in-place SpMM), MobileNet's 1x1 layers at batch 64 (forward and
# training step: in-place SpMM, SDDMM tiles), VGG-19 at batch 1 (the shared layout), then PyTorch's CSR matmul.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s34/issue4 bash docs/sittings/2026-12-05-s34/sitting.sh
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py docs/sittings/2026-12-05-s34/issue4
set -u
D=$(cd "$(dirname "$0")" && pwd)
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
PARTS="gemm pw torch" J="$J" OUT="$O" bash "$D/../2026-12-05-s32/issue4.sh"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
VGG=vgg19-c2:64x64x32,vgg19-c3:128x128x16,vgg19-c4:256x256x8,vgg19-c5:512x512x4,vgg19-c6:512x512x2
LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
  -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main 'SparseBench.(sparseConvForward|denseConvForward)$' \
  -p layer=$VGG -p batch=1 -p sparsity=0.5,0.7,0.8,0.9,0.95,0.98,0.99 -f 1 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/vgg.csv" > "$O/vgg.log" 2>&1
echo "vgg (batch 1) done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
