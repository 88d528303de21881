#!/bin/bash
# A/B, 2 alternating rounds: LaneConv's 3x3 tile with a loop over input channels and the nine taps unrolled at
# constant offsets (NEW) against the tile that walks a table of tap offsets (OLD). Forward and input gradient
# (the same forward of dY) of every dense layer that takes LaneConv.
# Not landed: OLD is 57b7de9, NEW that commit with LaneConv.tile3x3 (docs/BENCHMARKS.md, session 15).
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
exec bash "$(dirname "$0")/../../ab-jmh.sh" 'jmh.ConvBenchmark.(forward|backwardData)' -p layer=resnet32/128_16_32_32_32_3_2_1_1,resnet32/128_32_16_16_32_3_1_1_1,resnet32/128_32_16_16_64_3_2_1_1,resnet32/128_64_8_8_64_3_1_1_1,vgg19/128_64_16_16_128_3_1_1_1,vgg19/128_128_8_8_256_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,vgg19/128_256_4_4_512_3_1_1_1 -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1
