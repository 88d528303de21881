#!/bin/bash
# A/B of two frozen jars in alternating rounds: each round runs the given JMH arguments on OLD's jar, then on NEW's,
# and writes $OUT/<old|new>-<round>.csv, .log and .load (the load average before the run). The per-A/B run.sh
# scripts in the sitting directories call this with their benchmark and parameters; compare the rounds with
#   python3 docs/sittings/2026-12-02-s7/ab/compare.py $OUT old,new
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="1 2"] bash docs/sittings/ab-jmh.sh <JMH arguments>
set -u
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in ${ROUNDS:-1 2}; do
  for v in old new; do
    d=$OLD; [ $v = new ] && d=$NEW
    cat /proc/loadavg > "$OUT/$v-$r.load"
    LD_PRELOAD=$J/lib/libjsig.so "$J/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      "$@" -rf csv -rff "$OUT/$v-$r.csv" > "$OUT/$v-$r.log" 2>&1
  done
done
