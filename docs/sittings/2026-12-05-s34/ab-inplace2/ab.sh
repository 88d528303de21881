#!/usr/bin/env bash
JH=/usr/lib/jvm/temurin-25-jdk-amd64
run() { local tag=$1 J=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so $JH/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main 'SparseBench.spmm$' -p gemm=mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784 -p sparsity=0.9 -f 4 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff $tag.csv > $tag.log 2>&1; }
run old /work/frozen/s33final
run final /work/frozen/s34c
JAVA_TOOL_OPTIONS=-Dp4j.align=true run flag /work/frozen/s34b
