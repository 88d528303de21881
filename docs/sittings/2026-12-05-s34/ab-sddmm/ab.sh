#!/usr/bin/env bash
# A/B of the SDDMM tiles (128 rows x 128 positions, image by image): JMH, jars alternating, 2 forks.
JH=/usr/lib/jvm/temurin-25-jdk-amd64
run() { local tag=$1 J=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so $JH/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$@" -f 2 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff $tag.csv > $tag.log 2>&1
  echo "$tag done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> load.txt; }
for J in s34d s34f; do
  run pw-$J /work/frozen/$J 'SparseBench.sparsePointwiseTrainStep$' -p layer=mbv1-pw112:32x64x112,mbv1-pw56:64x128x56,mbv1-pw28:128x256x28,mbv1-pw14:512x512x14,mbv1-pw7:1024x1024x7 -p sparsity=0.9
  run lin-$J /work/frozen/$J 'SparseBench.sparseLinearTrainStep$' -p linear=1024x1024x4096,1024x1024x128 -p sparsity=0.9
done
