#!/bin/bash
# A/B, 2 alternating rounds: JMH PointwiseBenchmark (ReLU, add, ReLU backward) with the pointwise kernels shared out
# between 2 threads (NEW) against one thread (OLD), on 2M floats (an 8 MB ResNet-32 activation) and 256K floats.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
exec bash "$(dirname "$0")/../../ab-jmh.sh" 'PointwiseBenchmark' -p others=none -p n=2097152,262144 -f 1 -wi 5 -w 1 -i 5 -r 1
