#!/usr/bin/env bash
# Session 9: the strided im2col rows and the packed implicit GEMM, before and after, beside PyTorch.
# Run from the repository root with two frozen builds (benchmarks jar + its lib/ copied side by side):
#   BASE=/work/frozen/s9base NEW=/work/frozen/s9new OUT=docs/sittings/2026-12-02-s9 bash docs/sittings/2026-12-02-s9/run.sh
# Alternates the two builds ROUNDS times (the machine drifts 20-30%; compare medians), then runs
# PyTorch on the same layers and its whole-model peers. Tables:
#   python3 docs/sittings/2026-12-02-s9/tables.py docs/sittings/2026-12-02-s9
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s9}; mkdir -p "$O/ab"
ROUNDS=${ROUNDS:-2}
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jmh() { local d=$1; shift; "$J" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
L=resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_64_3_2_1_1,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_16_16_128_3_1_1_1
for r in $(seq 1 "$ROUNDS"); do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/ab/conv-$v-$r.csv" > "$O/ab/conv-$v-$r.log" 2>&1; ld conv-$v-$r
  done
done
[ -x "$PY" ] || ../shared/peers/run-torch-peers 2 > "$O/torch-peers-install.txt" 2>&1
$PY benchmarks/peers/torch_conv_peers.py 2 $(echo $L | tr , ' ') > "$O/torchconv.txt" 2>&1; ld torchconv
for r in $(seq 1 "$ROUNDS"); do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" ModelStepBenchmark.trainStep -p model=resnet32 -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/ab/resnet32-$v-$r.csv" > "$O/ab/resnet32-$v-$r.log" 2>&1; ld resnet32-$v-$r
  done
done
../shared/peers/run-torch-peers 2 > "$O/torch-peers-2.txt" 2>&1; ld torchpeers
