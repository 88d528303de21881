#!/bin/bash
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in ${ROUNDS:-1}; do
  for v in old new; do
    p=off; [ $v = new ] && p=${NEWPATH:-auto}
    cat /proc/loadavg > "$OUT/$v-$r.load"
    LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
      ModelStepBenchmark.trainStep -p sparsity=0 -f 1 -wi 2 -w 5 -i 4 -r 5 -jvmArgsAppend "-Dprune4j.conv.winograd=$p" \
      -rf csv -rff "$OUT/$v-$r.csv" > "$OUT/$v-$r.log" 2>&1
  done
done
