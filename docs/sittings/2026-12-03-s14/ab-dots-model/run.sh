#!/bin/bash
# A/B, 2 alternating rounds: the whole ResNet-32 training step with every prunable layer masked at 90% (random
# layer-wise masks), the batch-lane dot kernel's lane sums stored and summed by a separate call (NEW) against
# LaneSum.sum inside it, which C2 did not inline in this setting (OLD).
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
exec bash "$(dirname "$0")/../../ab-jmh.sh" 'ModelStepBenchmark.trainStep' -p model=resnet32 -p sparsity=0.9 -wi 3 -w 5 -i 4 -r 5
