J=/work/frozen/s38; JH=/usr/lib/jvm/temurin-25-jdk-amd64
R="$JH/bin/java --add-modules jdk.incubator.vector -Xmx8g -cp cls:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*"
echo "== GenSpmm 1024 1024 128 0.1 2 256 again, its rounds (1 thread, default JIT thresholds)"
PRUNE4J_THREADS=1 $R org.prune4j.simd.sparse.GenSpmm 1024 1024 128 0.1 2 256 2>&1 | grep -E "round|max|built"
