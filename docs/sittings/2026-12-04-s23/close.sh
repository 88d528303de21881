#!/usr/bin/env bash
# Session 23's closing sitting, one script: the dense conv layers beside PyTorch (session 15's conv-sitting.sh,
# 2 rounds), issue #4's sparse forwards against the new dense twins (session 21's fwd.sh, 2 rounds) and layer
# training steps (session 15's sparse-step.sh, 2 rounds), then the whole ResNet-32 training step before (BASE,
# 4511a9f) and after (NEW) with PyTorch's peers between rounds (session 15's final.sh).
#   BASE=<4511a9f jar dir> NEW=<jar dir> OUT=docs/sittings/2026-12-04-s23/close bash docs/sittings/2026-12-04-s23/close.sh
# Tables: SITTING=$OUT/conv python3 docs/sittings/2026-12-03-s15/convtable.py
#         python3 docs/sittings/2026-12-03-s17/fwdtable.py $OUT/fwd
#         python3 docs/sittings/2026-12-03-s15/sparsetable.py $OUT/sparse-step
#         python3 docs/sittings/2026-12-03-s15/steptable.py $OUT/final
set -u
mkdir -p "$OUT"
ld() { echo "$1 done $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"; }
echo "start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/load.txt"
J=$NEW OUT=$OUT/conv bash docs/sittings/2026-12-03-s15/conv-sitting.sh; ld conv
J=$NEW OUT=$OUT/fwd bash docs/sittings/2026-12-04-s21/fwd.sh; ld fwd
J=$NEW OUT=$OUT/sparse-step bash docs/sittings/2026-12-03-s15/sparse-step.sh; ld sparse-step
BASE=$BASE NEW=$NEW OUT=$OUT/final bash docs/sittings/2026-12-03-s15/final.sh; ld final
