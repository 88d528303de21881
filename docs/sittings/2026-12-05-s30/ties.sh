#!/usr/bin/env bash
# Session 30: the closest rows of the closing sitting, PyTorch and Prune4J alternating for four rounds (each round:
# PyTorch's conv2d for the layers, then ConvBenchmark for them), so both sides see the same stretch of the machine.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s30/ties bash docs/sittings/2026-12-05-s30/ties.sh
# Table (each side's median of the rounds): python3 docs/sittings/2026-12-05-s30/tietable.py $OUT
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
L=${LAYERS:-"resnet32/128_3_32_32_16_3_1_1_1 mobilenet/64_256_28_28_256_1_1_0_1 mobilenet/64_256_14_14_512_1_1_0_1 mobilenet/64_512_14_14_512_1_1_0_1 mobilenet/64_1024_7_7_1024_1_1_0_1"}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
for r in 1 2 3 4; do
  (cd benchmarks/peers && $PY -W ignore torch_conv_peers.py 2 $L) > "$O/torchconv-$r.txt" 2>&1
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
    'jmh.ConvBenchmark' -p layer=$(echo $L | tr ' ' ,) -p threads=2 -f 1 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv-$r.csv" > "$O/conv-$r.log" 2>&1
  echo "round $r done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
done
