#!/bin/bash
# A/B of the GEMMs per output pixel on tiny planes (PixelConv, -Dprune4j.conv.pixels=on) against the paths chosen
# before (off), one frozen jar, alternating, 2 rounds. usage: F=<jar dir> OUT=<dir> bash run.sh
set -u
LAYERS=vgg19/128_256_4_4_512_3_1_1_1,vgg19/128_512_4_4_512_3_1_1_1,vgg19/128_512_2_2_512_3_1_1_1
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in off on; do
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$F/benchmarks-0.1.0-SNAPSHOT.jar:$F/lib/*" org.openjdk.jmh.Main \
      'jmh\.ConvBenchmark\.(forward|backwardData|backwardWeight)$' -p layer=$LAYERS -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 \
      -jvmArgsAppend -Dprune4j.conv.pixels=$v -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
