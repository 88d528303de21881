#!/usr/bin/env bash
# Session 10, final sitting: the session's kernels beside PyTorch on the layers they touch, and the
# whole models before (BASE, the session's starting commit 8620ac9) and after (NEW).
#   BASE=/work/frozen/s10base NEW=/work/frozen/s10final OUT=docs/sittings/2026-12-02-s10/final-dense bash docs/sittings/2026-12-02-s10/final.sh
# Table: SITTING=docs/sittings/2026-12-02-s10/final-dense python3 docs/sittings/2026-12-02/tables.py conv
set -uo pipefail
O=${OUT:-/tmp/prune4j-sitting-s10-final}; mkdir -p "$O"
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jmh() { local d=$1; shift; "$J" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$d/benchmarks-0.1.0-SNAPSHOT.jar:$d/lib/*" org.openjdk.jmh.Main "$@"; }
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$O/load.txt"
L=resnet32/128_16_32_32_16_3_1_1_1,resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1
L=$L,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_16_16_128_3_1_1_1
L=$L,vgg19/128_128_8_8_256_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,vgg19/128_256_4_4_512_3_1_1_1,vgg19/128_512_4_4_512_3_1_1_1
jmh "$NEW" 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff "$O/conv.csv" > "$O/conv.log" 2>&1; ld conv
$PY benchmarks/peers/torch_conv_peers.py 2 $(echo $L | tr , ' ') > "$O/torchconv.txt" 2>&1; ld torchconv
for r in 1 2; do
  for v in base new; do
    d=$BASE; [ $v = new ] && d=$NEW
    jmh "$d" ModelStepBenchmark.trainStep -p model=resnet32 -p batch=128 -f 1 -wi 2 -w 5 -i 4 -r 5 -rf csv -rff "$O/resnet32-$v-$r.csv" > "$O/resnet32-$v-$r.log" 2>&1; ld resnet32-$v-$r
  done
done
../shared/peers/run-torch-peers 2 > "$O/torch-peers-2.txt" 2>&1; ld torchpeers
