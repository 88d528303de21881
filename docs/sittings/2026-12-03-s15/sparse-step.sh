#!/usr/bin/env bash
# Session 15: issue #4's layer training step (forward + both gradients), sparse at 90% and 95% against dense, on the
# final jar, two rounds (one fork each), as session 14's final.sh.
#   J=<jar dir> OUT=docs/sittings/2026-12-03-s15/sparse-step bash docs/sittings/2026-12-03-s15/sparse-step.sh
# Ratios: python3 docs/sittings/2026-12-03-s15/sparsetable.py docs/sittings/2026-12-03-s15/sparse-step
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in 1 2; do
  cat /proc/loadavg > "$OUT/step-$r.load"
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
    'SparseBench.(sparseConvTrainStep|denseConvTrainStep)' -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2 \
    -p batch=128 -p sparsity=0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$OUT/step-$r.csv" > "$OUT/step-$r.log" 2>&1
done
