#!/usr/bin/env bash
# Session 27, closing sitting: every ResNet-32 / VGG-19 / MobileNet-V1 conv layer of ConvLayers beside PyTorch's
# conv2d with its allocator held steady (benchmarks/peers/peer_timing.py), then the whole ResNet-32 step beside
# PyTorch's, then a second round of the layers that were within 15% of PyTorch in the first rounds.
#   J=<jar dir> OUT=docs/sittings/2026-12-04-s27/close bash docs/sittings/2026-12-04-s27/sitting.sh
# Table: python3 docs/sittings/2026-12-04-s27/convtable.py OUT/conv-1.csv,OUT/conv-2.csv OUT/torchconv-1.txt,OUT/torchconv-2.txt
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"; D=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
ALL=$(cat "$D/all-layers.txt"); CLOSE=$(cat "$D/close-layers.txt")
(cd benchmarks/peers && $PY -W ignore torch_conv_peers.py 2 $ALL) > "$O/torchconv-1.txt" 2>&1; ld torchconv-1
jmh 'jmh.ConvBenchmark' -p layer=$(echo $ALL | tr ' ' ,) -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv-1.csv" > "$O/conv-1.log" 2>&1; ld conv-1
benchmarks/peers/run-torch-peers 2 2>&1 | grep -v NNPACK > "$O/torch-peers.txt"; ld torch-peers
jmh ModelStepBenchmark.trainStep -p sparsity=0,0.9 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/step.csv" > "$O/step.log" 2>&1; ld step
(cd benchmarks/peers && $PY -W ignore torch_conv_peers.py 2 $CLOSE) > "$O/torchconv-2.txt" 2>&1; ld torchconv-2
jmh 'jmh.ConvBenchmark' -p layer=$(echo $CLOSE | tr ' ' ,) -p threads=2 -f 1 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv-2.csv" > "$O/conv-2.log" 2>&1; ld conv-2
