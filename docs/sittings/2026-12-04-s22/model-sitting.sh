#!/usr/bin/env bash
# Session 22: whole MobileNet-V1 (224, 1000 classes) inference at batch 1, the plane depthwise kernels (OLD jar)
# against the channel lanes (NEW jar), alternating, with PyTorch's peer after each round.
#   OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash docs/sittings/2026-12-04-s22/model-sitting.sh
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
for r in 1 2; do
  if [ $((r % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for side in $order; do
    if [ $side = old ]; then J=$OLD; else J=$NEW; fi
    jmh "$J" 'ModelStepBenchmark.infer' -p model=mobilenet-v1 -p size=224 -p classes=1000 -p batch=1 -f 1 -wi 5 -w 1 -i 5 -r 1 \
      -rf csv -rff "$O/$side-$r.csv" > "$O/$side-$r.log" 2>&1; ld $side-$r
  done
  ../shared/peers/run-torch-peers 2 > "$O/torch-$r.txt" 2>&1; ld torch-$r
done
