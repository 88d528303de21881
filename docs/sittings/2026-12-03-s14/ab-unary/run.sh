#!/bin/bash
# A/B, 2 alternating rounds: the pointwise kernels with one loop per operator (NEW, b7045aa) against the unary
# operator switched inside one shared loop (OLD, 618ef44), in a fresh fork (others=none) and after every other
# pointwise operator ran (others=all). usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'PointwiseBenchmark' -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
