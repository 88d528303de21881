#!/usr/bin/env bash
# Quiet sitting 4 (docs/BENCHMARKS.md): every other job paused (SIGSTOP) for its duration.
# OUT=<folder> bash docs/sittings/2026-12-02/run.sh ; then python3 tables.py ... on copies of its outputs
set -uo pipefail
cd "$(dirname "$0")/../../.."   # the repository root
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 JMH_JAVA_OPTS=-Djmh.ignoreLock=true
O=${OUT:-/tmp/prune4j-sitting}; mkdir -p "$O"
PY=/tmp/prune4j-torch-peer/bin/python
Q="-f 1 -wi 1 -w 1 -i 3 -r 1"
ld() { echo "$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $*" >> $O/load.txt; }
ld start
benchmarks/run-jmh SgemmBenchmark -p shape=1024x1024x1024,2048x2048x2048,64x8192x576,16x1024x144 -p threads=1,2 -f 1 -wi 2 -w 2 -i 3 -r 2 -rf csv -rff $O/sgemm.csv > $O/sgemm.log 2>&1; ld sgemm
/work/shared/peers/run-torch-peers 1 > $O/torch1.txt 2>&1; ld torch1
/work/shared/peers/run-torch-peers 2 > $O/torch2.txt 2>&1; ld torch2
LAYERS=$(benchmarks/run-jmh --layers 2>/dev/null | grep / | paste -sd, -)
# (the 2026-12-02 run used the regex ConvBenchmark, which also matched OpenClConvBenchmark)
benchmarks/run-jmh 'jmh.ConvBenchmark' -p layer=$LAYERS -p threads=2 $Q -rf csv -rff $O/conv.csv > $O/conv.log 2>&1; ld conv
$PY benchmarks/peers/torch_conv_peers.py 2 $(echo $LAYERS | tr , ' ') > $O/torchconv.txt 2>&1; ld torchconv
benchmarks/run-jmh ModelStepBenchmark -f 1 -wi 2 -i 5 -w 5 -r 5 -rf csv -rff $O/modelstep.csv > $O/modelstep.log 2>&1; ld modelstep
SP=0.5,0.7,0.8,0.9,0.95,0.98,0.99
benchmarks/run-jmh 'SparseBench.(denseConvForward|sparseConvForward)' -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,vgg19-c3:128x128x16,vgg19-c5:512x512x4 -p batch=128 -p sparsity=$SP $Q -rf csv -rff $O/sconv.csv > $O/sconv.log 2>&1; ld sconv
benchmarks/run-jmh 'SparseBench.(denseConvTrainStep|sparseConvTrainStep)' -p layer=resnet32-s1:16x16x32,resnet32-s3:64x64x8,vgg19-c3:128x128x16 -p batch=128 -p sparsity=0.5,0.9,0.95 $Q -rf csv -rff $O/sconvtrain.csv > $O/sconvtrain.log 2>&1; ld sconvtrain
G=resnet32-s3-conv:64x576x8192,mbv1-pw56:128x64x3136,mbv1-pw14:512x512x196,linear:1024x1024x4096
benchmarks/run-jmh 'SparseBench.(denseGemm|spmm)' -p gemm=$G -p sparsity=$SP $Q -rf csv -rff $O/spmm.csv > $O/spmm.log 2>&1; ld spmm
benchmarks/run-jmh 'SparseBench.(denseLinear|sparseLinear)' -p linear=1024x1024x128,1024x1024x1,512x512x128,512x512x1 -p sparsity=0.5,0.7,0.8,0.9,0.95,0.98,0.99 $Q -rf csv -rff $O/slinear.csv > $O/slinear.log 2>&1; ld slinear
benchmarks/run-jmh 'SparseBench.(densePointwise|sparsePointwise)' -p layer=mbv1-pw56:64x128x56,mbv1-pw14:512x512x14 -p sparsity=$SP $Q -rf csv -rff $O/spw.csv > $O/spw.log 2>&1; ld spw
$PY benchmarks/peers/torch_sparse_peers.py 2 $SP $(echo $G | tr , ' ') 'linear-b128:1024x1024x128' 'linear-b128:512x512x128' > $O/torchsparse.txt 2>&1; ld torchsparse
./prune4j demo --out $O/demo > $O/demo.txt 2>&1; ld demo
benchmarks/run-jmh 'OpenCl.*' -f 1 -wi 2 -w 1 -i 3 -r 1 -rf csv -rff $O/opencl.csv > $O/opencl.log 2>&1; ld opencl
# added after the 2026-12-02 run (measured right after it, still paused):
for t in 1 2; do benchmarks/run-jmh FmaPeakBenchmark -t $t -rf csv -rff $O/fma$t.csv > $O/fma$t.log 2>&1; done; ld fma
ld done
