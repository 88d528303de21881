#!/bin/bash
# A/B, 2 alternating rounds: JMH PointwiseBenchmark (ReLU, add, ReLU backward) with the pointwise kernels shared out
# between 2 threads (NEW) against one thread (OLD), on 2M floats (an 8 MB ResNet-32 activation) and 256K floats.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'PointwiseBenchmark' -p others=none -p n=2097152,262144 -f 1 -wi 5 -w 1 -i 5 -r 1 -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
