#!/bin/bash
# pointwise kernels on every thread (NEW, 12f336a) against one (OLD, ff9215b); rounds 3 and 4 with ROUNDS="3 4".
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="3 4"] bash run.sh
exec bash "$(dirname "$0")/../modelstep-ab.sh"
