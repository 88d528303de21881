#!/usr/bin/env bash
# Session 32: issue #4's whole matrix in one sitting, on one jar: sparse against Prune4J's own dense kernels at
# 50/70/80/90/95/98/99% (random unstructured masks), forward and training step, on the shapes the issue names, then
# PyTorch's CSR matmul on the GEMM-shaped ones. One round (one fork per point), 2 threads.
#   J=<jar dir> OUT=docs/sittings/2026-12-05-s32/issue4 bash docs/sittings/2026-12-05-s32/issue4.sh
#   PARTS="conv3 vgg step vggstep pw gemm linear torch" (default all) picks parts; each writes $OUT/<part>.csv (.log).
# Tables: python3 docs/sittings/2026-12-05-s32/issue4table.py $OUT
set -u
O=${OUT:?}; J=${J:?}; mkdir -p "$O"; D=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$D/../../.." && pwd)
JH=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PY=${PY:-/tmp/prune4j-torch-peer/bin/python}
SP=0.5,0.7,0.8,0.9,0.95,0.98,0.99
RESNET=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,resnet32-s3-down:32x64x16x2
VGG=vgg19-c2:64x64x32,vgg19-c3:128x128x16,vgg19-c4:256x256x8,vgg19-c5:512x512x4,vgg19-c6:512x512x2
PW=mbv1-pw112:32x64x112,mbv1-pw56:64x128x56,mbv1-pw28:128x256x28,mbv1-pw14:512x512x14,mbv1-pw7:1024x1024x7
# MobileNet's pointwise layers at batch 1 as the GEMMs they are (Cout x Cin x H·W), ResNet-32's 3x3 layers lowered
# to GEMMs at batch 128 (only for the PyTorch comparison: the product runs them as direct sparse convolutions).
GEMM=mbv1-pw112:64x32x12544,mbv1-pw56:128x64x3136,mbv1-pw28:256x128x784,mbv1-pw14:512x512x196,mbv1-pw7:1024x1024x49,resnet32-s3-conv:64x576x8192,resnet32-s2-conv:32x288x32768,resnet32-s1-conv:16x144x131072
LINEAR=1024x1024x128,1024x1024x1
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$O/load.txt"; }
jmh() {  # part regex params...
  local part=$1 re=$2; shift 2
  LD_PRELOAD=$JH/lib/libjsig.so "$JH/bin/java" --add-modules jdk.incubator.vector -Djmh.ignoreLock=true \
    -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main "$re" "$@" \
    -f 1 -wi ${WI:-4} -w 1 -i ${MI:-3} -r 1 -rf csv -rff "$O/$part.csv" > "$O/$part.log" 2>&1
  ld "$part"
}
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) jar $J" >> "$O/load.txt"
for part in ${PARTS:-conv3 vgg step vggstep pw gemm linear torch}; do
  case $part in
    conv3) jmh conv3 'SparseBench.(sparseConvForward|denseConvForward)$' -p layer=$RESNET -p batch=128 -p sparsity=$SP ;;
    vgg) jmh vgg 'SparseBench.(sparseConvForward|denseConvForward)$' -p layer=$VGG -p batch=64,1 -p sparsity=$SP ;;
    step) jmh step 'SparseBench.(sparseConvTrainStep|denseConvTrainStep)$' -p layer=$RESNET -p batch=128 -p sparsity=$SP ;;
    vggstep) jmh vggstep 'SparseBench.(sparseConvTrainStep|denseConvTrainStep)$' -p layer=$VGG -p batch=64 -p sparsity=$SP ;;
    pw) jmh pw 'SparseBench.(sparsePointwise|densePointwise|sparsePointwiseTrainStep|densePointwiseTrainStep)$' -p layer=$PW -p batch=64 -p sparsity=$SP ;;
    gemm) jmh gemm 'SparseBench.(spmm|denseGemm)$' -p gemm=$GEMM -p sparsity=$SP ;;
    linear) jmh linear 'SparseBench.(sparseLinear|denseLinear|sparseLinearTrainStep|denseLinearTrainStep)$' -p linear=$LINEAR -p sparsity=$SP ;;
    torch) (cd "$ROOT/benchmarks/peers" && "$PY" -W ignore torch_sparse_peers.py 2 $SP $(echo $GEMM | tr , ' ') \
             linear-b128:1024x1024x128 linear-b1:1024x1024x1) > "$O/torch.txt" 2>&1; ld torch ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
