#!/bin/bash
# A/B of the forward and input gradient with vectors over output channels: TapConv (-Dprune4j.conv.forward=taps)
# against the paths chosen before (default), one frozen jar, alternating, 2 rounds.
# usage: F=<jar dir> OUT=<dir> bash run.sh
set -u
LAYERS=resnet32/128_3_32_32_16_3_1_1_1,resnet32/128_16_32_32_16_3_1_1_1,resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1,vgg19/128_3_32_32_64_3_1_1_1,vgg19/128_64_32_32_64_3_1_1_1,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_16_16_128_3_1_1_1,vgg19/128_128_8_8_256_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,vgg19/128_256_4_4_512_3_1_1_1,vgg19/128_512_4_4_512_3_1_1_1,vgg19/128_512_2_2_512_3_1_1_1,mobilenet/1_3_224_224_32_3_2_1_1,mobilenet/64_3_224_224_32_3_2_1_1
J=/usr/lib/jvm/temurin-25-jdk-amd64
mkdir -p $OUT
for r in 1 2; do
  for v in default taps; do
    cat /proc/loadavg > $OUT/$v-$r.load
    LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$F/benchmarks-0.1.0-SNAPSHOT.jar:$F/lib/*" org.openjdk.jmh.Main \
      'ConvBenchmark.(forward|backwardData)' -p layer=$LAYERS -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 \
      -jvmArgsAppend -Dprune4j.conv.forward=$v -rf csv -rff $OUT/$v-$r.csv > $OUT/$v-$r.log 2>&1
  done
done
