#!/bin/bash
# A/B, 2 alternating rounds: the whole ResNet-32 training step with every prunable layer masked at 90% (random
# layer-wise masks), the batch-lane dot kernel's lane sums stored and summed by a separate call (NEW) against
# LaneSum.sum inside it, which C2 did not inline in this setting (OLD). usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'ModelStepBenchmark.trainStep' -p model=resnet32 -p sparsity=0.9 -wi 3 -w 5 -i 4 -r 5 -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
