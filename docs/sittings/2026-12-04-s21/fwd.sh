#!/usr/bin/env bash
# Session 21's opening sitting: the 3x3 and Linear forwards, dense and sparse at 90 / 95%, two rounds (one fork each),
# on a jar built from session 20's kernels (e8a46d3), which no JMH sitting had measured.
#   J=<jar dir> OUT=docs/sittings/2026-12-04-s21/fwd0 bash docs/sittings/2026-12-04-s21/fwd.sh
# Table: python3 docs/sittings/2026-12-03-s17/fwdtable.py docs/sittings/2026-12-04-s21/fwd0
set -u
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$OUT"
for r in ${ROUNDS:-1 2}; do
  cat /proc/loadavg > "$OUT/fwd-$r.load"
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
    'SparseBench.(sparseConvForward|denseConvForward|sparseLinear|denseLinear)$' \
    -p layer=${LAYERS:-resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2,vgg19-c4:256x256x8} \
    -p linear=1024x1024x128 -p batch=128 -p sparsity=0.9,0.95 -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$OUT/fwd-$r.csv" > "$OUT/fwd-$r.log" 2>&1
done
