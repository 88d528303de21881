#!/usr/bin/env bash
# Session 21: the whole ResNet-32 training step (batch 128, 2 threads) with each step's activations taking the last
# step's arrays (StepArena, -p arena=true) against new arrays every step (false), dense and 90% sparse, on one jar,
# two rounds (one fork per configuration, JMH's order; ARENAS=false,true ROUNDS="3 4" for the reverse order), with the GC profiler for the bytes allocated per step.
#   J=<jar dir> OUT=docs/sittings/2026-12-04-s21/arena bash docs/sittings/2026-12-04-s21/arena-ab.sh
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in ${ROUNDS:-1 2}; do
  cat /proc/loadavg > "$OUT/step-$r.load"
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
    ModelStepBenchmark.trainStep -p sparsity=${SPARSITY:-0.9,0} -p arena=${ARENAS:-true,false} -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 \
    -rf csv -rff "$OUT/step-$r.csv" > "$OUT/step-$r.log" 2>&1
done
