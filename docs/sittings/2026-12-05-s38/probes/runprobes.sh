J=/work/frozen/s38; JH=/usr/lib/jvm/temurin-25-jdk-amd64
R="$JH/bin/java --add-modules jdk.incubator.vector -Xmx8g -cp cls:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*"
export PRUNE4J_THREADS=1
for kb in 128 256 512 1024; do
  echo "== L1Lock 1024 1024 128 0.1 $kb (1 thread, -XX:Tier3DelayOn=100000)"
  $R -XX:+UnlockExperimentalVMOptions -XX:Tier3DelayOn=100000 org.prune4j.simd.sparse.L1Lock 1024 1024 128 0.1 $kb 2>&1 | grep -E "round|max"
done
echo "== GenSpmm 1024 1024 128 0.1 2 256 (methods up to ~7500 bytecode bytes), -XX:+PrintCompilation lines for GenK"
$R -XX:+PrintCompilation org.prune4j.simd.sparse.GenSpmm 1024 1024 128 0.1 2 256 2>&1 | grep -E "round|max|built|GenK" | head -40
echo "== GenSpmm 128 1024 128 0.1 2 256 900, -Drounds=300 -XX:CompileThresholdScaling=0.02 (every 30th round)"
$R -Drounds=300 -XX:CompileThresholdScaling=0.02 -XX:+PrintCompilation org.prune4j.simd.sparse.GenSpmm 128 1024 128 0.1 2 256 900 > gen900.txt 2>&1
grep -E "round|max|built" gen900.txt | awk 'NR<=3 || NR%30==0'
echo "C2 (tier 4) compilations of generated methods: $(grep -c '4       org.prune4j.simd.sparse.GenK' gen900.txt)"
