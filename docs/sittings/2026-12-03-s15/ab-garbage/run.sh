#!/bin/bash
# ADD/SUB backward hands g to accumulateGrad and ShiftedDot.rows4 (NEW, ff9215b) against 57b7de9 (OLD).
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="3 4"] bash run.sh
exec bash "$(dirname "$0")/../modelstep-ab.sh"
