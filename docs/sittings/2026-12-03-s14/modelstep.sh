#!/bin/bash
# The whole ResNet-32 training step (batch 128, 2 threads), dense against every prunable layer masked at 90%
# and at 95% (random layer-wise masks, each layer on its measured kernel), 2 alternating rounds.
# usage (from the repository root, after a build): bash docs/sittings/2026-12-03-s14/modelstep.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
OUT=docs/sittings/2026-12-03-s14/modelstep
mkdir -p $OUT
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
for r in 1 2; do
  for sp in 0 0.9 0.95; do
    cat /proc/loadavg > $OUT/sp$sp-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main \
      'ModelStepBenchmark.trainStep' -p model=resnet32 -p sparsity=$sp -wi 3 -w 5 -i 4 -r 5 -rf csv -rff $OUT/sp$sp-$r.csv > $OUT/sp$sp-$r.log 2>&1
  done
done
