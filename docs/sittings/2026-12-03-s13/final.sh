#!/usr/bin/env bash
# Session 13, final sitting: the dense layers' kernels (forward, both gradients) with PixelConv on the tiny planes,
# beside PyTorch's conv2d on the same shapes (every layer, re-run); the sparse 3x3 training step (adjoint input
# gradient on 32x32 planes) against the dense one; the whole VGG-19-BN training step before (BASE, e3a597d) and
# after (NEW), alternating, beside PyTorch's (torch_model_peers.py); PyTorch's own peers.
#   BASE=<jar dir> NEW=<jar dir> OUT=docs/sittings/2026-12-03-s13/final bash docs/sittings/2026-12-03-s13/final.sh
# Tables: SITTING=$OUT python3 docs/sittings/2026-12-02/tables.py conv|sconvtrain|sconv
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s13-final}; mkdir -p "$O"
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
../shared/peers/run-torch-peers 2 > "$O/torch-peers-2.txt" 2>&1; ld torchpeers
L=resnet32/128_16_32_32_16_3_1_1_1,resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1
L=$L,vgg19/128_64_32_32_64_3_1_1_1,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_16_16_128_3_1_1_1
L=$L,vgg19/128_128_8_8_256_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,vgg19/128_256_4_4_512_3_1_1_1,vgg19/128_512_4_4_512_3_1_1_1,vgg19/128_512_2_2_512_3_1_1_1
jmh "$NEW" 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv.csv" > "$O/conv.log" 2>&1; ld conv
$PY benchmarks/peers/torch_conv_peers.py 2 $(echo $L | tr , ' ') > "$O/torchconv.txt" 2>&1; ld torchconv
S=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,vgg19-c3:128x128x16,vgg19-c4:256x256x8,vgg19-c5:512x512x4
jmh "$NEW" 'SparseBench.(denseConvTrainStep|sparseConvTrainStep)' -p layer=$S -p batch=128 -p sparsity=0.9,0.95 \
    -f 2 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$O/sconvtrain.csv" > "$O/sconvtrain.log" 2>&1; ld sconvtrain
for r in 1 2; do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" ModelStepBenchmark.trainStep -p model=vgg19-bn -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/vgg19-$v-$r.csv" > "$O/vgg19-$v-$r.log" 2>&1; ld vgg19-$v-$r
  done
done
(cd benchmarks/peers && $PY torch_model_peers.py 2 vgg19-bn) > "$O/torchmodel.txt" 2>&1; ld torchmodel
jmh "$NEW" 'SparseBench.(denseConvForward|sparseConvForward)' -p layer=$S -p batch=128 -p sparsity=0.9,0.95 \
    -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$O/sconv.csv" > "$O/sconv.log" 2>&1; ld sconv
