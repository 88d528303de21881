#!/bin/bash
# Session 14's closing sitting on the final tree: the sparse 3x3 training step against dense at 90%
# (ResNet-32 layers, batch 128, 2 alternating rounds), the CLI's bench tables and the demo.
# usage (from the repository root, after a build): bash docs/sittings/2026-12-03-s14/final.sh
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64
OUT=docs/sittings/2026-12-03-s14/final
mkdir -p $OUT
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
for r in 1 2; do
  cat /proc/loadavg > $OUT/step-$r.load
  LD_PRELOAD=$J/lib/libjsig.so $J/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main \
    'SparseBench.(sparseConvTrainStep|denseConvTrainStep)' -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2 \
    -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff $OUT/step-$r.csv > $OUT/step-$r.log 2>&1
done
./prune4j bench --out /tmp/s14-bench > $OUT/bench.txt 2>&1
./prune4j demo --out /tmp/s14-demo > $OUT/demo.txt 2>&1
