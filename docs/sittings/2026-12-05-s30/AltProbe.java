package org.prune4j.simd;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * Session 30: one 3×3 stride-1 "same" conv pass (batch N), alternating settings in one JVM: each round runs every
 * setting for 10 calls, the first quarter of the rounds is dropped, and each setting's median, p25 and p75 are
 * printed. args: N Cin H W Cout f|d|w rounds setting... with -Dkind= one of
 *   band  WinogradConv.bandBytes (committed field; 41d095e's runs)
 *   path  ConvKernels.winogradPath AUTO / ON / OFF (committed; 119e456's runs)
 *   pad   "padx,padr": the temporary fields PADX / PADR of e9c64c6's probe (floats between positions / channel rows)
 *   wpad  the temporary field WPAD of 84ad26e's probe (floats between the weight gradient's positions)
 *   rows  the temporary flag ROWS of the band-by-band frames tried and not landed
 * The temporary fields are gone from the tree; to re-run those kinds, add them back as the commits describe.
 * Run as the BandProbe, PadProbe, WPadProbe, WPathProbe and RowsP classes of the sitting (one per kind, same body).
 */
public class AltProbe {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        String pass = a[5], kind = System.getProperty("kind", "band");
        int rounds = Integer.parseInt(a[6]);
        String[] set = Arrays.copyOfRange(a, 7, a.length);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < set.length; i++) t.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < set.length; i++) {
                apply(kind, set[i]);
                for (int k = 0; k < 10; k++) {
                    long t0 = System.nanoTime();
                    if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                    else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
                    else ConvKernels.backwardWeight(g, x, dy, wt);
                    if (round >= rounds / 4) t.get(i).add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        for (int i = 0; i < set.length; i++) {
            List<Double> l = t.get(i);
            Collections.sort(l);
            System.out.printf("%8s: median %.3f  p25 %.3f  p75 %.3f%n", set[i], l.get(l.size() / 2), l.get(l.size() / 4), l.get(3 * l.size() / 4));
        }
    }

    private static void apply(String kind, String setting) {
        switch (kind) {
            case "band" -> WinogradConv.bandBytes = Integer.parseInt(setting);
            case "path" -> ConvKernels.winogradPath = ConvKernels.WinogradPath.valueOf(setting);
            // With the temporary fields back in place:
            // case "pad" -> { String[] p = setting.split(","); WinogradConv.PADX = Integer.parseInt(p[0]); WinogradConv.PADR = Integer.parseInt(p[1]); }
            // case "wpad" -> WinogradConv.WPAD = Integer.parseInt(setting);
            // case "rows" -> WinogradConv.ROWS = Boolean.parseBoolean(setting);
            default -> throw new IllegalArgumentException("kind " + kind + " needs its temporary field; see the header");
        }
    }
}
