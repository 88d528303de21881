#!/usr/bin/env bash
# Session 32: VGG-19's 512-channel 4x4 and 2x2 layers at small batches, PixelConv forced on and off (the rule's
# alternative there is im2col + one GEMM per call), to place PixelConv's batch bound. 2 threads, one fork each.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s32/pixels bash docs/sittings/2026-12-05-s32/pixels.sh
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
L=""
for b in ${BATCHES:-1 4 8 16 32}; do L="$L,vgg19/${b}_512_4_4_512_3_1_1_1,vgg19/${b}_512_2_2_512_3_1_1_1"; done
for mode in on off; do
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main '\.ConvBenchmark\.(forward|backwardData|backwardWeight)$' \
    -p layer=${L#,} -p threads=2 -f 1 -wi 2 -w 1 -i 3 -r 1 \
    -jvmArgsAppend "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dprune4j.conv.pixels=$mode" \
    -rf csv -rff "$O/pixels-$mode.csv" > "$O/pixels-$mode.log" 2>&1
  echo "$mode done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
done
