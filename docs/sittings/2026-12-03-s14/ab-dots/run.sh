#!/bin/bash
# A/B, 2 alternating rounds: the batch-lane weight gradient's lane sums through a store and a separate summing
# call (NEW) against LaneSum.sum called inside the 16-register dot kernel, where C2 did not inline it (OLD).
# The 16x16 and 8x8 layers' gradients take the batch-lane path. usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      'SparseBench.sparseConvTrainStep' -p layer=resnet32-s2:32x32x16,resnet32-s3:64x64x8,vgg19-c3:128x128x16,vgg19-c4:256x256x8 -p batch=128 -p sparsity=0.9 \
      -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
