#!/bin/bash
# A/B, 2 alternating rounds: the pointwise kernels with one loop per operator (NEW, b7045aa) against the unary
# operator switched inside one shared loop (OLD, 618ef44), in a fresh fork (others=none) and after every other
# pointwise operator ran (others=all).
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> bash run.sh
exec bash "$(dirname "$0")/../../ab-jmh.sh" 'PointwiseBenchmark'
