#!/bin/bash
# Session 10 sitting: 3x3 sparse convolutions (forward and training step) against Prune4J's dense kernels, after BatchLaneConv.
# usage: F=<dir with benchmarks-0.1.0-SNAPSHOT.jar and lib/> OUT=<dir> bash run.sh
set -e
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CP="$F/benchmarks-0.1.0-SNAPSHOT.jar:$F/lib/*"
LAYERS=resnet32-s1:16x16x32,resnet32-s2:32x32x16,resnet32-s3:64x64x8,resnet32-s2-down:16x32x32x2,vgg19-c3:128x128x16,vgg19-c4:256x256x8,vgg19-c5:512x512x4
jmh() { $J --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main -rf csv "$@"; }
(while true; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 30; done) > $OUT/load.txt &
LOADER=$!
jmh -rff $OUT/sconv.csv 'SparseBench.(denseConvForward|sparseConvForward)' -p layer=$LAYERS -p batch=128 \
    -p sparsity=0.5,0.6,0.9,0.95 -f 2 -wi 5 -w 1 -i 3 -r 1 > $OUT/sconv.log 2>&1
jmh -rff $OUT/sconvtrain.csv 'SparseBench.(denseConvTrainStep|sparseConvTrainStep)' -p layer=$LAYERS -p batch=128 \
    -p sparsity=0.9,0.95 -f 2 -wi 5 -w 1 -i 3 -r 1 > $OUT/sconvtrain.log 2>&1
kill $LOADER
