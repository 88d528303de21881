package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.simd.Aligned;

/** Session 31: ShiftedDot.dotsRows alone, one thread, on one image of ResNet's 16-channel 32x32 layout (rows of 48 floats,
 * 34 rows per channel): entries entries per call at random channel/tap offsets. args: entries rounds [aligned taps 0|1] */
public class DotProbe31 {
    public static void main(String[] a) {
        int entries = Integer.parseInt(a[0]), rounds = Integer.parseInt(a[1]);
        boolean allAligned = a.length > 2 && a[2].equals("1");
        int wq = 48, hq = 34, ch = 16, chan = wq * hq, oh = 32, ow = 32;
        float[] buf = new float[ch * chan + 4 * wq + 64], grad = new float[ch * chan + 64];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < buf.length; i++) buf[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < grad.length; i++) grad[i] = (float) r.nextDouble(-1, 1);
        int bOff = Math.floorMod(Aligned.offset(buf) - 1, 16), gOff = Aligned.offset(grad) + wq;
        int[] delta = new int[entries];
        for (int e = 0; e < entries; e++) {
            int c = r.nextInt(Integer.getInteger("chUsed", ch)), ky = r.nextInt(3), kx = allAligned ? 1 : r.nextInt(3);
            delta[e] = c * chan + ky * wq + kx;
        }
        Arrays.sort(delta);
        double[] acc = new double[entries];
        float[] lanes = new float[8 * 16];
        int calls = 2000;
        for (int round = 0; round < rounds; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < calls; i++)
                ShiftedDot.dotsRows(grad, gOff, buf, delta, bOff - gOff + gOff, 0, entries, 1, chan, oh, wq, ow, acc, lanes);
            double ns = System.nanoTime() - t;
            double vfma = (double) calls * ((entries + 3) / 4 * 4) * oh * (ow / 16);
            if (round >= rounds / 2) System.out.printf("entries %d aligned-taps %b: %.0f ns/call, %.2f vFMA/ns%n", entries, allAligned, ns / calls, vfma / ns);
        }
    }
}
