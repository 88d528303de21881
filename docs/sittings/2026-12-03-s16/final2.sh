#!/usr/bin/env bash
# Session 16, second closing sitting after the lane-sum fix (5db8891): issue #4's layer training step (dense, 90%,
# 95%) on NEW, two rounds (session 15's sparse-step.sh), then the whole ResNet-32 training step at 90% and 95%
# before (BASE, a164ab6) and after (NEW), alternating, with JMH's GC profiler.
#   BASE=<jar dir> NEW=<jar dir> OUT=docs/sittings/2026-12-03-s16/final2 bash docs/sittings/2026-12-03-s16/final2.sh
# Tables: python3 docs/sittings/2026-12-03-s15/sparsetable.py docs/sittings/2026-12-03-s16/final2/sparse-step
#         python3 docs/sittings/2026-12-03-s15/steptable.py docs/sittings/2026-12-03-s16/final2
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
J=$NEW OUT=$O/sparse-step bash docs/sittings/2026-12-03-s15/sparse-step.sh; ld sparse-step
for r in 1 2; do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      ModelStepBenchmark.trainStep -p sparsity=0.9,0.95 -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/$v-$r.csv" > "$O/$v-$r.log" 2>&1; ld $v-$r
  done
done
