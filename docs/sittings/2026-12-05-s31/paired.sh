#!/usr/bin/env bash
# Session 31: every conv layer of ConvLayers (ResNet-32, VGG-19, MobileNet-V1 at batch 1 and 64) beside PyTorch, the two
# taking turns burst by burst (benchmarks/peers/paired_conv.py; Prune4J's side is PairedConvSide), ROUNDS rounds a layer.
#   J=<jar dir> OUT=<file> [ROUNDS=30] bash docs/sittings/2026-12-05-s31/paired.sh [layer-id ...]
# Without layer ids: all 55 layers (java -cp ... org.prune4j.bench.jmh.ConvLayers). Never run builds or tests meanwhile.
set -uo pipefail
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
if [ ! -x "$PY" ]; then
  echo "no PyTorch peer at $PY: run ../shared/peers/run-torch-peers once (it installs the wheel there)" >&2; exit 2
fi
L=("$@")
if [ ${#L[@]} -eq 0 ]; then mapfile -t L < <("$JH/bin/java" -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.prune4j.bench.jmh.ConvLayers); fi
{
  echo "# start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg), jar $J, ${ROUNDS:-30} rounds"
  (cd "$ROOT/benchmarks/peers" && "$PY" -W ignore paired_conv.py "$J" 2 "${ROUNDS:-30}" "${L[@]}")
  echo "# end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
} > "${OUT:?}" 2>&1
