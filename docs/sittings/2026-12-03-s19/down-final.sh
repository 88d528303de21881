#!/usr/bin/env bash
# Session 19, after the closing sitting: both stride-2 layers from 50% to 95% with their dense twins on the final
# kernels (6de0880), 2 rounds, as final.sh's down rounds.
#   NEW=<jar dir> OUT=docs/sittings/2026-12-03-s19/down-final bash docs/sittings/2026-12-03-s19/down-final.sh
# Table: python3 docs/sittings/2026-12-03-s19/downtable.py docs/sittings/2026-12-03-s19/down-final
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
jmh() { local d=$1; shift; LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
  -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
for r in 1 2; do
  jmh "$NEW" 'SparseBench.(sparseConvForward|sparseConvTrainStep)$' \
    -p layer=resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2 -p batch=128 -p sparsity=0.5,0.6,0.7,0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1 \
    -rf csv -rff "$O/down-$r.csv" > "$O/down-$r.log" 2>&1; ld down-$r
  jmh "$NEW" 'SparseBench.(denseConvForward|denseConvTrainStep)$' \
    -p layer=resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2 -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1 \
    -rf csv -rff "$O/dense-$r.csv" > "$O/dense-$r.log" 2>&1; ld dense-$r
done
