#!/usr/bin/env bash
# Session 5: the sparse tables of sitting 4 (docs/sittings/2026-12-02/run.sh) again, after
# the worker team (commit 5e0217d). Run from the repository root on a quiet machine:
#   OUT=docs/sittings/2026-12-02-s5 bash docs/sittings/2026-12-02-s5/run-sparse.sh
# RUN may point at a frozen jar instead of benchmarks/run-jmh, e.g.
#   RUN="java --add-modules jdk.incubator.vector -cp <jar>:<lib>/* org.openjdk.jmh.Main"
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s5}; mkdir -p "$O"
RUN=${RUN:-benchmarks/run-jmh}
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
Q="-f 1 -wi 1 -w 1 -i 3 -r 1"
SP=0.5,0.7,0.8,0.9,0.95,0.98,0.99
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
$RUN 'SparseBench.(denseConvForward|sparseConvForward)' -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,vgg19-c3:128x128x16,vgg19-c5:512x512x4 -p batch=128 -p sparsity=$SP $Q -rf csv -rff $O/sconv.csv > $O/sconv.log 2>&1; ld sconv
$RUN 'SparseBench.(denseConvTrainStep|sparseConvTrainStep)' -p layer=resnet32-s1:16x16x32,resnet32-s3:64x64x8,vgg19-c3:128x128x16 -p batch=128 -p sparsity=0.5,0.9,0.95 $Q -rf csv -rff $O/sconvtrain.csv > $O/sconvtrain.log 2>&1; ld sconvtrain
G=resnet32-s3-conv:64x576x8192,mbv1-pw56:128x64x3136,mbv1-pw14:512x512x196,linear:1024x1024x4096
$RUN 'SparseBench.(denseGemm|spmm)' -p gemm=$G -p sparsity=$SP $Q -rf csv -rff $O/spmm.csv > $O/spmm.log 2>&1; ld spmm
$RUN 'SparseBench.(denseLinear|sparseLinear)' -p linear=1024x1024x128,1024x1024x1,512x512x128,512x512x1 -p sparsity=$SP $Q -rf csv -rff $O/slinear.csv > $O/slinear.log 2>&1; ld slinear
$RUN 'SparseBench.(densePointwise|sparsePointwise)' -p layer=mbv1-pw56:64x128x56,mbv1-pw14:512x512x14 -p sparsity=$SP $Q -rf csv -rff $O/spw.csv > $O/spw.log 2>&1; ld spw
$PY benchmarks/peers/torch_sparse_peers.py 2 $SP $(echo $G | tr , ' ') 'linear-b128:1024x1024x128' 'linear-b128:512x512x128' > $O/torchsparse.txt 2>&1; ld torchsparse
