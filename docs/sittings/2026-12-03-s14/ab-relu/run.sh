#!/bin/bash
# A/B, 2 alternating rounds: ReLU applied as its own pass after the register tiles (NEW) against ReLU inside
# the tile kernels (OLD). sparseConvForwardBothForms runs the bias+ReLU and the bias-only forward of one layer,
# as a compiled ResNet does; sparseConvForward (no bias, no ReLU) checks the plain form did not get slower.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'SparseBench.sparseConvForwardBothForms' -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff $OUT/$v-both-$r.csv > $OUT/$v-both-$r.log 2>&1
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'SparseBench.sparseConvForward$' -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2 -p batch=128 -p sparsity=0.9 \
      -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff $OUT/$v-plain-$r.csv > $OUT/$v-plain-$r.log 2>&1
  done
done
