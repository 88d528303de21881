#!/usr/bin/env bash
# Session 36: issue #4's target columns (90% and 95%, with their dense twins) for every row of its matrix, two forks a
# point, after the whole matrix (session 33's sitting.sh, one fork a point) in the same sitting on the same jar.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s36/targets bash docs/sittings/2026-12-05-s36/targets.sh
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py docs/sittings/2026-12-05-s36/targets
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SP=0.9,0.95
RESNET=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2
VGG=vgg19-c2:64x64x32,vgg19-c3:128x128x16,vgg19-c4:256x256x8,vgg19-c5:512x512x4,vgg19-c6:512x512x2
PW=mbv1-pw112:32x64x112,mbv1-pw56:64x128x56,mbv1-pw28:128x256x28,mbv1-pw14:512x512x14,mbv1-pw7:1024x1024x7
GEMM=mbv1-pw112:64x32x12544,mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784,mbv1-pw14:512x512x196,mbv1-pw7:1024x1024x49,resnet32-s3-conv:64x576x8192,resnet32-s2-conv:32x288x32768,resnet32-s1-conv:16x144x131072
LINEAR=1024x1024x128,1024x1024x1
jmh() {  # part regex params...
  local part=$1 re=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$re" "$@" \
    -f 2 -wi 4 -w 1 -i 3 -r 1 -rf csv -rff "$O/$part.csv" > "$O/$part.log" 2>&1
  echo "$part done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"
}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $J" >> "$O/load.txt"
for part in ${PARTS:-conv3 vgg step vggstep pw gemm linear}; do
  case $part in
    conv3) jmh conv3 'SparseBench.(sparseConvForward|denseConvForward)$' -p layer=$RESNET -p batch=128 -p sparsity=$SP ;;
    vgg) jmh vgg 'SparseBench.(sparseConvForward|denseConvForward)$' -p layer=$VGG -p batch=64,1 -p sparsity=$SP ;;
    step) jmh step 'SparseBench.(sparseConvTrainStep|denseConvTrainStep)$' -p layer=$RESNET -p batch=128 -p sparsity=$SP ;;
    vggstep) jmh vggstep 'SparseBench.(sparseConvTrainStep|denseConvTrainStep)$' -p layer=$VGG -p batch=64 -p sparsity=$SP ;;
    pw) jmh pw 'SparseBench.(sparsePointwise|densePointwise|sparsePointwiseTrainStep|densePointwiseTrainStep)$' -p layer=$PW -p batch=64 -p sparsity=$SP ;;
    gemm) jmh gemm 'SparseBench.(spmm|denseGemm)$' -p gemm=$GEMM -p sparsity=$SP ;;
    linear) jmh linear 'SparseBench.(sparseLinear|denseLinear|sparseLinearTrainStep|denseLinearTrainStep)$' -p linear=$LINEAR -p sparsity=$SP ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
