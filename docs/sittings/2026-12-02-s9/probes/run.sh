#!/bin/bash
# run.sh <jar-dir> [jvm flags...] -- args
D=$1; shift; FL=(); while [ "$1" != "--" ]; do FL+=("$1"); shift; done; shift
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector "${FL[@]}" -cp "/tmp/probe/out:$D/kernels-simd-0.1.0-SNAPSHOT.jar:$D/engine-core-0.1.0-SNAPSHOT.jar" org.prune4j.simd.ConvProbe "$@" 2>&1 | grep -v WARNING
