#!/usr/bin/env bash
# Session 21's closing sitting: issue #4's layer training step (session 15's sparse-step.sh, 2 rounds) on a jar of
# this session's code (the kernels are session 20's), then PyTorch's peers once (its ResNet-32 step beside the
# StepArena A/B of arena-ab.sh, run just before).
#   J=<jar dir> OUT=docs/sittings/2026-12-04-s21/close bash docs/sittings/2026-12-04-s21/close.sh
# Table: python3 docs/sittings/2026-12-03-s15/sparsetable.py docs/sittings/2026-12-04-s21/close/sparse-step
set -u
mkdir -p "$OUT"
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/load.txt"
J=$J OUT=$OUT/sparse-step bash docs/sittings/2026-12-03-s15/sparse-step.sh
echo "sparse-step done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
../shared/peers/run-torch-peers 2 > "$OUT/torch.txt" 2>&1
echo "torch done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
