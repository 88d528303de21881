#!/usr/bin/env bash
# Session 30: the ResNet-32 step, PyTorch's (run-torch-peers 2) and Prune4J's dense and 90% (ModelStepBenchmark)
# alternating for three rounds, so both sides see the same stretch of the machine.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s30/step-rounds bash docs/sittings/2026-12-05-s30/step-rounds.sh
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
for r in 1 2 3; do
  benchmarks/peers/run-torch-peers 2 2>&1 | grep -v NNPACK > "$O/torch-peers-$r.txt"
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
    ModelStepBenchmark.trainStep -p sparsity=0,0.9 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/step-$r.csv" > "$O/step-$r.log" 2>&1
  echo "round $r done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
done
for r in 1 2 3; do
  printf "round %s: PyTorch %s | " $r "$(grep resnet32_train_step "$O/torch-peers-$r.txt" | awk '{print $2, $3}')"
  awk -F, 'NR>1 {printf "sparsity %s %.1f ms (±%.1f)  ", $13, $5, $6}' "$O/step-$r.csv"; echo
done > "$O/summary.txt"
