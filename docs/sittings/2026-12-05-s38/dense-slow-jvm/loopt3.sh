J=/work/frozen/s38t3; JH=/usr/lib/jvm/temurin-25-jdk-amd64
for i in $(seq 1 20); do
  $JH/bin/java --add-modules jdk.incubator.vector -XX:+UnlockExperimentalVMOptions -XX:Tier3DelayOn=100000 -Xmx8g -XX:+UseG1GC -XX:MaxHeapFreeRatio=100 -XX:+PrintCompilation -cp ".:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" PwRep 8 > t3/run$i.txt 2>&1
  echo "$i $(grep calls t3/run$i.txt)"
done
