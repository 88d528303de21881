#!/usr/bin/env bash
# Session 32: compiled inference at batch 1 with each layer's pool-or-caller choice measured (PRUNE4J_INLINE=auto, the
# default) against every layer on the pool (never), rounds alternating; ResNet-32 (CIFAR) dense and 90% sparse on one
# and two threads, MobileNet-V1 at 224 dense on two.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s32/inline [ROUNDS="1 2"] bash docs/sittings/2026-12-05-s32/inline.sh
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
run() {  # name mode params...
  local name=$1 mode=$2; shift 2
  PRUNE4J_INLINE=$mode LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main 'ModelStepBenchmark.compiledInfer$' -p batch=1 "$@" \
    -f 1 -wi 3 -w 2 -i 4 -r 2 -rf csv -rff "$O/$name-$mode.csv" > "$O/$name-$mode.log" 2>&1
  echo "$name $mode done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
}
for r in ${ROUNDS:-1 2}; do
  for mode in auto never; do
    run resnet32-r$r $mode -p model=resnet32 -p threads=1,2 -p sparsity=0,0.9
    run mobilenet-r$r $mode -p model=mobilenet-v1 -p size=224 -p classes=1000 -p threads=2
  done
done
