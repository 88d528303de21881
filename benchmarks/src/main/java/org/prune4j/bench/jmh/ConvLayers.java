package org.prune4j.bench.jmh;

import org.prune4j.core.kernels.ConvGeometry;

import java.util.List;

/**
 * The distinct convolution shapes of the benchmark models, as layer ids
 * "model/N_Cin_H_W_Cout_k_stride_pad_groups" (underscores, because JMH splits -p values on commas) (pass them to ConvBenchmark with -p layer=...).
 */
public final class ConvLayers {
    private ConvLayers() {}

    public static final List<String> RESNET32_B128 = List.of(
            "resnet32/128_3_32_32_16_3_1_1_1",     // stem
            "resnet32/128_16_32_32_16_3_1_1_1",    // stage 1
            "resnet32/128_16_32_32_32_3_2_1_1",    // stage 2 entry, stride 2
            "resnet32/128_32_16_16_32_3_1_1_1",    // stage 2
            "resnet32/128_16_32_32_32_1_2_0_1",    // stage 2 1x1 shortcut
            "resnet32/128_32_16_16_64_3_2_1_1",    // stage 3 entry
            "resnet32/128_64_8_8_64_3_1_1_1",      // stage 3
            "resnet32/128_32_16_16_64_1_2_0_1");   // stage 3 1x1 shortcut

    public static final List<String> VGG19_B128 = List.of(
            "vgg19/128_3_32_32_64_3_1_1_1",
            "vgg19/128_64_32_32_64_3_1_1_1",
            "vgg19/128_64_16_16_128_3_1_1_1",
            "vgg19/128_128_16_16_128_3_1_1_1",
            "vgg19/128_128_8_8_256_3_1_1_1",
            "vgg19/128_256_8_8_256_3_1_1_1",
            "vgg19/128_256_4_4_512_3_1_1_1",
            "vgg19/128_512_4_4_512_3_1_1_1",
            "vgg19/128_512_2_2_512_3_1_1_1");

    /** MobileNet-V1 224: stem, then each distinct depthwise 3x3 and pointwise 1x1 (batch 1; use withBatch for 64). */
    public static final List<String> MOBILENET_B1 = List.of(
            "mobilenet/1_3_224_224_32_3_2_1_1",
            "mobilenet/1_32_112_112_32_3_1_1_32", "mobilenet/1_32_112_112_64_1_1_0_1",
            "mobilenet/1_64_112_112_64_3_2_1_64", "mobilenet/1_64_56_56_128_1_1_0_1",
            "mobilenet/1_128_56_56_128_3_1_1_128", "mobilenet/1_128_56_56_128_1_1_0_1",
            "mobilenet/1_128_56_56_128_3_2_1_128", "mobilenet/1_128_28_28_256_1_1_0_1",
            "mobilenet/1_256_28_28_256_3_1_1_256", "mobilenet/1_256_28_28_256_1_1_0_1",
            "mobilenet/1_256_28_28_256_3_2_1_256", "mobilenet/1_256_14_14_512_1_1_0_1",
            "mobilenet/1_512_14_14_512_3_1_1_512", "mobilenet/1_512_14_14_512_1_1_0_1",
            "mobilenet/1_512_14_14_512_3_2_1_512", "mobilenet/1_512_7_7_1024_1_1_0_1",
            "mobilenet/1_1024_7_7_1024_3_1_1_1024", "mobilenet/1_1024_7_7_1024_1_1_0_1");

    public static ConvGeometry parse(String id) {
        String spec = id.substring(id.indexOf('/') + 1);
        String[] f = spec.split("[_,]");
        if (f.length != 9) throw new IllegalArgumentException("layer id '" + id + "' needs 9 fields N_Cin_H_W_Cout_k_stride_pad_groups");
        int[] v = new int[9];
        for (int i = 0; i < 9; i++) v[i] = Integer.parseInt(f[i].trim());
        return ConvGeometry.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** Prints every layer id (MobileNet at batch 1 and 64), one per line. */
    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String s : RESNET32_B128) sb.append(s).append('\n');
        for (String s : VGG19_B128) sb.append(s).append('\n');
        for (String s : MOBILENET_B1) {
            sb.append(s).append('\n');
            sb.append(s.replace("mobilenet/1_", "mobilenet/64_")).append('\n');
        }
        System.out.print(sb);
    }
}
