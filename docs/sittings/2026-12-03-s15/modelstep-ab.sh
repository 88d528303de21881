#!/bin/bash
# A/B of the whole ResNet-32 training step (batch 128), dense and with every prunable layer at 90% (SPARSITIES to
# change), with JMH's GC profiler (allocation per step, collections). OLD / NEW: jars before and after a change.
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="3 4"] bash docs/sittings/2026-12-03-s15/modelstep-ab.sh (each ab-*/run.sh says which jars)
exec bash "$(dirname "$0")/../ab-jmh.sh" 'ModelStepBenchmark.trainStep' -p sparsity=${SPARSITIES:-0,0.9} -prof gc -f 1 -wi 2 -w 5 -i 4 -r 5
