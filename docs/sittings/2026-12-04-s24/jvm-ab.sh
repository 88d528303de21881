#!/bin/bash
# One jar, two sets of JVM arguments (system properties), alternating rounds:
# J=<jar dir> OUT=<dir> LAYERS=<a,b> OLDARGS="-Dx=1" NEWARGS="-Dx=2" [BENCH=regex] [ROUNDS="1 2"] bash jvm-ab.sh
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
echo "old: $OLDARGS" > "$OUT/args.txt"; echo "new: $NEWARGS" >> "$OUT/args.txt"
for r in ${ROUNDS:-1 2}; do
  for v in old new; do
    a=$OLDARGS; [ $v = new ] && a=$NEWARGS
    cat /proc/loadavg > "$OUT/$v-$r.load"
    LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
      "${BENCH:-jmh.ConvBenchmark.(forward|backwardData|backwardWeight)$}" -p layer=$LAYERS -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -jvmArgsAppend "$a" \
      -rf csv -rff "$OUT/$v-$r.csv" > "$OUT/$v-$r.log" 2>&1
  done
done
