#!/usr/bin/env bash
# Session 15, closing sitting: the whole ResNet-32 training step (batch 128, 2 threads) dense, 90% and 95% sparse,
# before (BASE, 57b7de9) and after (NEW) this session, alternating, with JMH's GC profiler; PyTorch's peers between
# the rounds; compiled ResNet-32 inference dense against 90% (`prune4j bench`) on NEW.
#   BASE=<jar dir> NEW=<jar dir> OUT=docs/sittings/2026-12-03-s15/final bash docs/sittings/2026-12-03-s15/final.sh
# Table: python3 docs/sittings/2026-12-03-s15/steptable.py docs/sittings/2026-12-03-s15/final
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
for r in 1 2; do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" ModelStepBenchmark.trainStep -p sparsity=0,0.9,0.95 -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/$v-$r.csv" > "$O/$v-$r.log" 2>&1; ld $v-$r
  done
  ../shared/peers/run-torch-peers 2 2>&1 | grep -v NNPACK > "$O/torch-peers-$r.txt"; ld torch-$r
done
"$JH/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -XX:MaxHeapFreeRatio=100 -Xss4m \
  -cp "$NEW/benchmarks-0.1.0-SNAPSHOT.jar:$NEW/lib/*" org.prune4j.bench.cli.Prune4jCli bench --skip-kernels --models resnet32 --dataset cifar10 \
  --batches 1,64 --sparsities 0.9 --out "$O/bench-run" > "$O/bench.txt" 2>&1; ld bench
