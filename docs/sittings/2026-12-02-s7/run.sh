#!/usr/bin/env bash
# Session 7: dense kernels beside PyTorch after the k-slice, chunk and depthwise changes.
# Run from the repository root on a quiet machine:
#   OUT=docs/sittings/2026-12-02-s7 bash docs/sittings/2026-12-02-s7/run.sh
# RUN may point at a frozen jar instead of benchmarks/run-jmh, e.g.
#   RUN="java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true -cp <jar>:<lib>/* org.openjdk.jmh.Main"
# Conv table: SITTING=<OUT> python3 docs/sittings/2026-12-02/tables.py conv
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s7}; mkdir -p "$O"
RUN=${RUN:-benchmarks/run-jmh}
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
$RUN FmaPeakBenchmark -t 1 -f 1 -wi 2 -i 3 > "$O/fma1.txt" 2>&1; $RUN FmaPeakBenchmark -t 2 -f 1 -wi 2 -i 3 > "$O/fma2.txt" 2>&1; ld fma
$RUN SgemmBenchmark -p shape=1024x1024x1024,2048x2048x2048 -p threads=1,2 -f 2 -wi 2 -w 2 -i 3 -r 2 -rf csv -rff "$O/sgemm.csv" > "$O/sgemm.log" 2>&1; ld sgemm
../shared/peers/run-torch-peers 1 > "$O/torch-peers-1.txt" 2>&1; ../shared/peers/run-torch-peers 2 > "$O/torch-peers-2.txt" 2>&1; ld torchpeers
L=resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1
L=$L,mobilenet/1_3_224_224_32_3_2_1_1,mobilenet/1_32_112_112_32_3_1_1_32,mobilenet/1_64_112_112_64_3_2_1_64,mobilenet/1_128_56_56_128_3_1_1_128
L=$L,mobilenet/1_128_56_56_128_3_2_1_128,mobilenet/1_256_28_28_256_3_1_1_256,mobilenet/1_256_28_28_256_3_2_1_256,mobilenet/1_512_14_14_512_3_1_1_512
L=$L,mobilenet/1_512_14_14_512_3_2_1_512,mobilenet/1_1024_7_7_1024_3_1_1_1024
$RUN 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv.csv" > "$O/conv.log" 2>&1; ld conv
$PY benchmarks/peers/torch_conv_peers.py 2 $(echo $L | tr , ' ') > "$O/torchconv.txt" 2>&1; ld torchconv
$RUN ModelStepBenchmark -p model=resnet32 -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/resnet32.csv" > "$O/resnet32.log" 2>&1; ld resnet32
$RUN ModelStepBenchmark.infer -p model=mobilenet-v1 -p size=224 -p classes=1000 -p batch=1 -f 2 -wi 5 -w 1 -i 5 -r 1 -rf csv -rff "$O/mobilenet.csv" > "$O/mobilenet.log" 2>&1; ld mobilenet
../shared/peers/run-torch-peers 2 > "$O/torch-peers-2-after.txt" 2>&1; ld torchpeers-after
