L=mobilenet/64_128_56_56_128_1_1_0_1,mobilenet/64_512_14_14_512_1_1_0_1,resnet32/128_16_32_32_16_3_1_1_1,resnet32/128_64_8_8_64_3_1_1_1,vgg19/128_256_8_8_256_3_1_1_1,mobilenet/64_64_112_112_64_3_2_1_64
for r in 1 2; do
 J=/work/frozen/s27c bash /tmp/s27/jmh.sh 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -rf csv -rff /tmp/s27/thp2-base-$r.csv > /tmp/s27/thp2-base-$r.log 2>&1
 J=/work/frozen/s27c bash /tmp/s27/jmh.sh 'jmh.ConvBenchmark' -p layer=$L -p threads=2 -f 1 -wi 3 -w 1 -i 3 -r 1 -jvmArgsAppend "-XX:+UseTransparentHugePages" -rf csv -rff /tmp/s27/thp2-thp-$r.csv > /tmp/s27/thp2-thp-$r.log 2>&1
done
