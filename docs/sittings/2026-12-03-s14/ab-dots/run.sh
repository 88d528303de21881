#!/bin/bash
# A/B, 2 alternating rounds: the batch-lane weight gradient's lane sums through a store and a separate summing
# call (NEW) against LaneSum.sum called inside the 16-register dot kernel, where C2 did not inline it (OLD).
# The 16x16 and 8x8 layers' gradients take the batch-lane path.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
exec bash "$(dirname "$0")/../../ab-jmh.sh" 'SparseBench.sparseConvTrainStep' -p layer=resnet32-s2:32x32x16,resnet32-s3:64x64x8,vgg19-c3:128x128x16,vgg19-c4:256x256x8 -p batch=128 -p sparsity=0.9 -f 1 -wi 5 -w 1 -i 3 -r 1
