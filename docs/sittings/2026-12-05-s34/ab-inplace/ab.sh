#!/usr/bin/env bash
# A/B of the in-place SpMM (row split, strips on lines): jars alternating, JMH, 3 forks (B's alignment differs per fork).
JH=/usr/lib/jvm/temurin-25-jdk-amd64
run() { local tag=$1 J=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so $JH/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$@" -f 3 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff $tag.csv > $tag.log 2>&1
  echo "$tag done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> load.txt; }
for J in s33final s34c; do
  run gemm-$J /work/frozen/$J 'SparseBench.spmm$' -p gemm=mbv1-pw112:64x32x12544,mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784 -p sparsity=0.9,0.95
done
for J in s33final s34c; do
  run pw-$J /work/frozen/$J 'SparseBench.(sparsePointwise|sparsePointwiseTrainStep)$' -p layer=mbv1-pw112:32x64x112,mbv1-pw56:64x128x56,mbv1-pw28:128x256x28 -p sparsity=0.9
done
