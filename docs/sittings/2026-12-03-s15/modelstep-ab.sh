#!/bin/bash
# A/B of the whole ResNet-32 training step (batch 128), dense and with every prunable layer at
# 90%, with JMH's GC profiler (allocation per step, collections). OLD / NEW: jars before and after a change.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="3 4"] bash docs/sittings/2026-12-03-s15/modelstep-ab.sh (each ab-*/run.sh says which jars)
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in ${ROUNDS:-1 2}; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'ModelStepBenchmark.trainStep' -p sparsity=${SPARSITIES:-0,0.9} -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
