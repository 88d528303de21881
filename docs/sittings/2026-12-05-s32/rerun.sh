#!/usr/bin/env bash
# Session 32: the rows of issue4.sh that this session's later commits change, again on the final jar: VGG's 4x4 and
# 2x2 layers at batch 1 (PixelConv's batch rule), MobileNet's 7x7 1x1 layer (the packed weight gradient), and the
# GEMM shapes (CSR SpMM packing only the rows of B that A reads).
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s32/rerun bash docs/sittings/2026-12-05-s32/rerun.sh
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py $OUT
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SP=0.5,0.7,0.8,0.9,0.95,0.98,0.99
GEMM=mbv1-pw112:64x32x12544,mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784,mbv1-pw14:512x512x196,mbv1-pw7:1024x1024x49,resnet32-s3-conv:64x576x8192,resnet32-s2-conv:32x288x32768,resnet32-s1-conv:16x144x131072
jmh() {
  local part=$1 re=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$re" "$@" \
    -f 1 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/$part.csv" > "$O/$part.log" 2>&1
  echo "$part done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $J" >> "$O/load.txt"
jmh vgg 'SparseBench.(sparseConvForward|denseConvForward)$' -p layer=vgg19-c5:512x512x4,vgg19-c6:512x512x2 -p batch=1 -p sparsity=$SP
jmh pw 'SparseBench.(sparsePointwise|densePointwise|sparsePointwiseTrainStep|densePointwiseTrainStep)$' -p layer=mbv1-pw7:1024x1024x7 -p batch=64 -p sparsity=$SP
jmh gemm 'SparseBench.(spmm|denseGemm)$' -p gemm=$GEMM -p sparsity=$SP
