#!/usr/bin/env bash
# Session 36: the final sitting for issue #4 on one jar: the whole matrix, PyTorch's CSR and the whole pruned
# ResNet-32 (session 33's sitting.sh, one fork a point), then the target columns with two forks (targets.sh).
#   J=<jar dir> bash docs/sittings/2026-12-05-s36/sitting.sh      (writes issue4/ and targets/ beside this script)
set -u
D=$(cd "$(dirname "$0")" && pwd); J=${J:?}
J="$J" OUT="$D/issue4" bash "$D/../2026-12-05-s33/sitting.sh"
J="$J" OUT="$D/targets" bash "$D/targets.sh"
