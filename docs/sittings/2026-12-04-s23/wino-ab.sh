#!/bin/bash
# Winograd on/off on one jar, alternating rounds. J=<jar> OUT=<dir> ROUNDS="1 2" LAYERS=... bash wino-ab.sh
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in ${ROUNDS:-1 2}; do
  for v in old new; do
    p=off; [ $v = new ] && p=on
    cat /proc/loadavg > "$OUT/$v-$r.load"
    LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
      "${BENCH:-jmh.ConvBenchmark.(forward|backwardData)$}" -p layer=$LAYERS -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -jvmArgsAppend "-Dprune4j.conv.winograd=$p" \
      -rf csv -rff "$OUT/$v-$r.csv" > "$OUT/$v-$r.log" 2>&1
  done
done
