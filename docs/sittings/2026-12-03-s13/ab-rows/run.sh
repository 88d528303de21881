#!/bin/bash
# A/B, 4 alternating rounds (the machine was noisy): stride-1 phase layouts filled row by row with their gaps
# zeroed in between, and the sparse weight gradient's dots over whole rows without the junk columns (NEW), against
# zeroing whole buffers and dotting the span, junk included (OLD). usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2 3 4; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'SparseBench.(sparseConvTrainStep|sparseConvForward)' -p layer=resnet32-s2:32x32x16,resnet32-s1:16x16x32 -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1 \
      -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
