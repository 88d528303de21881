#!/usr/bin/env bash
# Session 13, right after final.sh: the whole VGG-19-BN step with PixelConv forced off and on (same jar,
# alternating), and the whole ResNet-32 step beside PyTorch's peers run again (PyTorch's ResNet-32 step measured
# 360 ms in final.sh against 487 in session 12).
#   NEW=<jar dir> OUT=docs/sittings/2026-12-03-s13/final bash docs/sittings/2026-12-03-s13/final2.sh
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s13-final}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
for r in 1 2; do
  for v in off on; do
    jmh "$NEW" ModelStepBenchmark.trainStep -p model=vgg19-bn -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -jvmArgsAppend -Dprune4j.conv.pixels=$v \
        -rf csv -rff "$O/vgg19-pixels-$v-$r.csv" > "$O/vgg19-pixels-$v-$r.log" 2>&1; ld vgg19-pixels-$v-$r
  done
done
for r in 1 2; do
  jmh "$NEW" ModelStepBenchmark.trainStep -p model=resnet32 -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/resnet32-$r.csv" > "$O/resnet32-$r.log" 2>&1; ld resnet32-$r
  ../shared/peers/run-torch-peers 2 > "$O/torch-peers-2-again-$r.txt" 2>&1; ld torchpeers-again-$r
done
