#!/usr/bin/env bash
# Session 33: issue #4's whole matrix again, on the session's final jar (session 32's script, unchanged: every shape
# and sparsity the issue names, forward and training step, then PyTorch's CSR matmul), then the whole pruned
# ResNet-32 against the dense one: its training step at batch 128 and compiled inference at batch 1.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s33/issue4 bash docs/sittings/2026-12-05-s33/sitting.sh
#   PARTS as in the session 32 script, plus "model" (default: all of them and model).
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py $OUT; the model part writes $OUT/model-*.csv.
set -u
D=$(cd "$(dirname "$0")" && pwd)
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ALL="conv3 vgg step vggstep pw gemm linear torch"
KERNEL_PARTS=$(for p in ${PARTS:-$ALL model}; do [ "$p" != model ] && echo -n "$p "; done)
[ -n "$KERNEL_PARTS" ] && PARTS="$KERNEL_PARTS" J="$J" OUT="$O" bash "$D/../2026-12-05-s32/issue4.sh"
case " ${PARTS:-model} " in
  *" model "*)
    model() {  # name benchmark batch
      LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
        -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "ModelStepBenchmark.$2\$" \
        -p batch=$3 -p sparsity=0,0.9 -f 1 -wi 3 -w 2 -i 5 -r 2 -rf csv -rff "$O/model-$1.csv" > "$O/model-$1.log" 2>&1
      echo "model-$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
    }
    model train trainStep 128
    model infer compiledInfer 1 ;;
esac
