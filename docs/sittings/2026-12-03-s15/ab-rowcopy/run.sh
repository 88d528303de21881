#!/bin/bash
# RowCopy's half-width steps as methods of their own (NEW, 7e6f23e) against inline (OLD, 12f336a).
# usage: OLD=<jar dir> NEW=<jar dir> OUT=<dir> [ROUNDS="3 4"] bash run.sh
exec bash "$(dirname "$0")/../modelstep-ab.sh"
