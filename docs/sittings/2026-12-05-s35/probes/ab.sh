JH=/usr/lib/jvm/temurin-25-jdk-amd64
for rep in $(seq 1 $N); do for v in $VARS; do J=/work/frozen/$v
  $JH/bin/java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UnlockExperimentalVMOptions -XX:Tier3DelayOn=100000 -cp "cls2:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.prune4j.nn.infer.LayerTruth2 $MODEL 2>&1 | grep -v WARN | sed 's/\[batch=[0-9]*, inChannels=\([0-9]*\), inH=\([0-9]*\).*outChannels=\([0-9]*\), kernelH=\([0-9]\).*strideH=\([0-9]\).*\]/\1-\3 \2px k\4 s\5/' > $OUT-$v-$rep.txt
  f=$OUT-$v-$rep.txt; echo "$v $rep $(grep first $f | awk '{print $3}') | $(grep 'calls 301-' $f | awk '{print $4}') $(grep 'calls 1301' $f | awk '{print $4}') $(grep 'calls 5401' $f | awk '{print $4, $7}') | $(grep sum $f | awk '{print $5, $8}') loss $(grep -c LOSS $f)"
done; done
