#!/usr/bin/env bash
# Session 22: MobileNet's depthwise layers, the plane kernels (OLD jar) against the channel lanes (NEW jar), beside
# PyTorch's conv2d: per round PyTorch, then ConvBenchmark on OLD and NEW (order swapped in round 2).
#   OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash docs/sittings/2026-12-04-s22/dw-sitting.sh
# Tables: SITTING=$OUT/<old|new> python3 docs/sittings/2026-12-03-s15/convtable.py (torchconv-*.txt copied into both)
set -uo pipefail
O=${OUT:?}; mkdir -p "$O/old" "$O/new"
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
L=${LAYERS:-mobilenet/64_128_56_56_128_3_2_1_128,mobilenet/64_256_28_28_256_3_1_1_256,mobilenet/64_256_28_28_256_3_2_1_256,mobilenet/64_512_14_14_512_3_1_1_512,mobilenet/64_512_14_14_512_3_2_1_512,mobilenet/64_1024_7_7_1024_3_1_1_1024,mobilenet/1_128_56_56_128_3_2_1_128,mobilenet/1_256_28_28_256_3_1_1_256,mobilenet/1_256_28_28_256_3_2_1_256,mobilenet/1_512_14_14_512_3_1_1_512,mobilenet/1_512_14_14_512_3_2_1_512,mobilenet/1_1024_7_7_1024_3_1_1_1024}
for r in 1 2; do
  (cd benchmarks/peers && $PY torch_conv_peers.py 2 $(echo $L | tr , ' ')) > "$O/old/torchconv-$r.txt" 2>&1; ld torchconv-$r
  cp "$O/old/torchconv-$r.txt" "$O/new/torchconv-$r.txt"
  if [ $r = 1 ]; then order="old new"; else order="new old"; fi
  for side in $order; do
    if [ $side = old ]; then J=$OLD; else J=$NEW; fi
    jmh "$J" 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/$side/conv-$r.csv" > "$O/$side/conv-$r.log" 2>&1; ld $side-$r
  done
done
