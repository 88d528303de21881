J=/work/frozen/s38; JH=/usr/lib/jvm/temurin-25-jdk-amd64
for i in $(seq 1 40); do
  rm -f st.txt
  $JH/bin/java --add-modules jdk.incubator.vector -XX:+UnlockExperimentalVMOptions -XX:Tier3DelayOn=100000 -Xmx8g -XX:+UseG1GC -XX:MaxHeapFreeRatio=100 -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer -XX:+PrintCompilation -cp ".:$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" PwRep2 24 st.txt > hrun.txt 2>&1 &
  P=$!
  sleep 11
  last=$(cat st.txt 2>/dev/null | awk '{print $3}')
  echo "$i $(cat st.txt)"
  if [ -n "$last" ] && [ "${last%.*}" -gt 60 ]; then
    echo "SLOW in JVM $i (pid $P)"; perf record -F 999 -g -p $P -o slow.data -- sleep 8 > /dev/null 2>&1
    wait $P; cp hrun.txt slowrun.txt; cp /tmp/perf-$P.map slow.map 2>/dev/null; echo "pid $P" > slowpid.txt; break
  fi
  kill $P 2>/dev/null; wait $P 2>/dev/null
done
