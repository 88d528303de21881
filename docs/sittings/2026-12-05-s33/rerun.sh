#!/usr/bin/env bash
# Session 33: the rows of the training-step targets measured again on the same jar, two forks a point, dense and
# sparse at 90% and 95% (the sitting's single fork put ResNet-32's dense steps 30-45% above session 32's).
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s33/rerun bash docs/sittings/2026-12-05-s33/rerun.sh
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py docs/sittings/2026-12-05-s33/rerun
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RESNET=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2
jmh() {  # part regex params...
  local part=$1 re=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$re" "$@" \
    -f 2 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/$part.csv" > "$O/$part.log" 2>&1
  echo "$part done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $J" >> "$O/load.txt"
jmh step 'SparseBench.(sparseConvTrainStep|denseConvTrainStep)$' -p layer=$RESNET -p batch=128 -p sparsity=0.9,0.95
jmh linear 'SparseBench.(sparseLinearTrainStep|denseLinearTrainStep)$' -p linear=1024x1024x128,1024x1024x1 -p sparsity=0.9,0.95
