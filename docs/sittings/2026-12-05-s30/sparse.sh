#!/usr/bin/env bash
# Session 30, issue #4 against this session's faster dense twins (Winograd bands and padding): the 3x3 and Linear
# forwards at 90/95% (session 21's fwd.sh, 2 rounds), the layer training steps (session 15's sparse-step.sh, 2 rounds),
# then the same forwards at 50/60/70% for the break-even point (one round).
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s30/sparse bash docs/sittings/2026-12-05-s30/sparse.sh
# Tables: python3 docs/sittings/2026-12-03-s17/fwdtable.py $OUT/fwd
#         python3 docs/sittings/2026-12-03-s15/sparsetable.py $OUT/sparse-step
#         python3 docs/sittings/2026-12-05-s30/lowtable.py $OUT/low.csv
set -u
O=${OUT:?}; mkdir -p "$O"; D=$(cd "$(dirname "$0")" && pwd)
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
OUT=$O/fwd bash "$D/../2026-12-04-s21/fwd.sh"; ld fwd
OUT=$O/sparse-step bash "$D/../2026-12-03-s15/sparse-step.sh"; ld sparse-step
LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
  'SparseBench.(sparseConvForward|denseConvForward|sparseLinear|denseLinear)$' \
  -p layer=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2,vgg19-c4:256x256x8 \
  -p linear=1024x1024x128 -p batch=128 -p sparsity=0.5,0.6,0.7 -f 1 -wi 5 -w 1 -i 3 -r 1 -rf csv -rff "$O/low.csv" > "$O/low.log" 2>&1; ld low
