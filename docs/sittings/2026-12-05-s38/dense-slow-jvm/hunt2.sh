J=/work/frozen/s38; JH=/usr/lib/jvm/temurin-25-jdk-amd64
slow=0; norm=0
for i in $(seq 1 16); do
  $JH/bin/java --add-modules jdk.incubator.vector -XX:+UnlockExperimentalVMOptions -XX:Tier3DelayOn=100000 -Xmx8g -XX:+UseG1GC -XX:MaxHeapFreeRatio=100 -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+PrintInlining -cp ".:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" PwRep2 12 st$i.txt > inl$i.txt 2>&1
  last=$(awk '{print $3}' st$i.txt); echo "$i $(cat st$i.txt)"
  if [ "${last%.*}" -gt 60 ]; then slow=$((slow+1)); else norm=$((norm+1)); fi
  if [ $slow -ge 1 ] && [ $norm -ge 1 ]; then break; fi
done
