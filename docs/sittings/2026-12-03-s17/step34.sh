#!/usr/bin/env bash
cd /work/main
# Rounds 3 and 4 of final.sh's whole-model step (ModelStepBenchmark at 90%, BASE then NEW), run after it: bash docs/sittings/2026-12-03-s17/step34.sh
O=docs/sittings/2026-12-03-s17/final
JH=/usr/lib/jvm/temurin-25-jdk-amd64
for r in 3 4; do
  for v in base new; do
    d=/work/frozen/s17base; [ $v = new ] && d=/work/frozen/s17final
    LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main \
      ModelStepBenchmark.trainStep -p sparsity=0.9 -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/$v-$r.csv" > "$O/$v-$r.log" 2>&1
    echo "$v-$r done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
  done
done
