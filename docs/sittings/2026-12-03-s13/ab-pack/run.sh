#!/bin/bash
# A/B of the batch-lane pack writing its register transposes straight into the frame rows (NEW) against staging
# each plane first (OLD): dense LaneConv layers with 16- and 32-wide input rows, and the sparse batch-lane training
# steps on 16x16 planes; frozen jars, alternating, 2 rounds. usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
set -u
L=resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,vgg19/128_64_16_16_128_3_1_1_1
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
run() { LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$1/benchmarks-0.1.0-SNAPSHOT.jar:$1/lib/*" org.openjdk.jmh.Main "${@:2}"; }
for r in 1 2; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > $OUT/$v-$r.load
    run $d 'jmh\.ConvBenchmark\.(forward|backwardData)$' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
    run $d 'SparseBench.sparseConvTrainStep' -p layer=resnet32-s1:16x16x32,vgg19-c3:128x128x16 -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1 \
      -rf csv -rff $OUT/sparse-$v-$r.csv > $OUT/sparse-$v-$r.log 2>&1
  done
done
