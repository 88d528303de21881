# usage: JARS="a b" REPS=n ARGS="..." TAG=x bash run.sh
JH=/usr/lib/jvm/temurin-25-jdk-amd64
for rep in $(seq 1 $REPS); do for v in $JARS; do J=/work/frozen/$v
  LD_PRELOAD=$JH/lib/libjsig.so $JH/bin/java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" org.openjdk.jmh.Main $ARGS -jvm $JH/bin/java > $TAG-$v-$rep.log 2>&1
  echo "$TAG $v $rep: $(grep -E '^ModelStep|^SparseBench' $TAG-$v-$rep.log | awk '{print $(NF-3), $(NF-1)}' | tr '\n' ' ')"
done; done
