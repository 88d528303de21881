#!/usr/bin/env bash
# Session 31: #3's SGEMM targets in one sitting: PyTorch's peer at 2 threads, Prune4J's SgemmBenchmark (1024^3, 2048^3 at
# 1 and 2 threads, session 29's settings), PyTorch's peer at 1 thread.
#   J=<jar dir> OUT=<dir> bash docs/sittings/2026-12-05-s31/sgemm.sh
set -uo pipefail
O=${OUT:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
benchmarks/peers/run-torch-peers 2 2>&1 | grep -v NNPACK > "$O/torch-peers-2.txt"
echo "torch-peers-2 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main \
  SgemmBenchmark -p shape=1024x1024x1024,2048x2048x2048 -p threads=1,2 -f 2 -wi 2 -w 2 -i 3 -r 2 -rf csv -rff "$O/sgemm.csv" > "$O/sgemm.log" 2>&1
echo "sgemm done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
benchmarks/peers/run-torch-peers 1 2>&1 | grep -v NNPACK > "$O/torch-peers-1.txt"
echo "torch-peers-1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
