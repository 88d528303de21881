#!/usr/bin/env bash
# Session 15: the dense conv layers of issue #3 beside PyTorch's conv2d, two alternating rounds (PyTorch, then
# Prune4J's ConvBenchmark forward / backwardData / backwardWeight), on a quiet machine.
#   J=<jar dir> OUT=<dir> bash docs/sittings/2026-12-03-s15/conv-sitting.sh
# Table: SITTING=$OUT python3 docs/sittings/2026-12-03-s15/convtable.py
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
L=${LAYERS:-resnet32/128_16_32_32_16_3_1_1_1,resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1,vgg19/128_64_32_32_64_3_1_1_1,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_16_16_128_3_1_1_1,vgg19/128_128_8_8_256_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,vgg19/128_256_4_4_512_3_1_1_1,vgg19/128_512_4_4_512_3_1_1_1,vgg19/128_512_2_2_512_3_1_1_1}
for r in 1 2; do
  (cd benchmarks/peers && $PY torch_conv_peers.py 2 $(echo $L | tr , ' ')) > "$O/torchconv-$r.txt" 2>&1; ld torchconv-$r
  jmh "$J" 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv-$r.csv" > "$O/conv-$r.log" 2>&1; ld conv-$r
done
