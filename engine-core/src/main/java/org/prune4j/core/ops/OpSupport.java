package org.prune4j.core.ops;

import java.util.Arrays;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Devices;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Argument checks and small shared pieces of the ops layer. */
final class OpSupport {
    private OpSupport() {}

    /** The kernels of device (the active CPU backend for the CPU). */
    static Kernels k(Device device) { return Devices.kernels(device); }

    /**
     * The one device all given tensors (nulls skipped) live on; an op runs there. Mixed
     * devices are an error naming each tensor's shape and device, as in PyTorch.
     */
    static Device device(String op, Tensor... ts) {
        Device d = null;
        boolean mixed = false;
        for (Tensor t : ts) {
            if (t == null) continue;
            if (d == null) d = t.device();
            else if (!d.equals(t.device())) mixed = true;
        }
        if (mixed) {
            StringBuilder sb = new StringBuilder(op).append(": all tensors must be on one device, got");
            String sep = " ";
            for (Tensor t : ts) {
                if (t == null) continue;
                sb.append(sep).append(t.shape()).append(" on ").append(t.device());
                sep = ", ";
            }
            throw new IllegalArgumentException(sb.append("; move them with Tensor.to(device) or Module.to(device)").toString());
        }
        return d == null ? Device.CPU : d;
    }

    /** A zeroed array for kernel results inside an op (gradients, scratch) that may stay on the device. */
    static float[] newArray(int n) { return HostAccess.newStorage(n); }

    /** An array for a kernel result written in full (contents arbitrary: see {@link HostAccess#newResult}). */
    static float[] newResult(int n) { return HostAccess.newResult(n); }

    /** array made current on the host for a host loop to read. */
    static float[] host(float[] array) { return HostAccess.beforeHostAccess(array); }

    static Tensor nonNull(Tensor t, String op, String arg) {
        if (t == null) throw new IllegalArgumentException(op + ": " + arg + " must not be null");
        return t;
    }

    static void requireRank(Tensor t, int rank, String op, String arg, String layout) {
        nonNull(t, op, arg);
        if (t.rank() != rank) {
            throw new IllegalArgumentException(op + ": " + arg + " must have rank " + rank + " " + layout + ", got shape " + t.shape());
        }
    }

    static void requireShape(Tensor t, Shape want, String op, String arg) {
        nonNull(t, op, arg);
        if (!t.shape().equals(want)) {
            throw new IllegalArgumentException(op + ": " + arg + " has shape " + t.shape() + ", expected " + want);
        }
    }

    /**
     * The input and weight of a convolution called with its geometry: x [N, C, H, W] and w [Cout, C/groups, kH, kW] as g
     * says, so that a geometry that does not describe its tensors fails here rather than reading part of a larger
     * array (or past a smaller one) in the kernel.
     */
    static void requireConvOperands(Tensor x, Tensor w, ConvGeometry g, String op) {
        if (g == null) throw new IllegalArgumentException(op + ": the geometry is required");
        requireShape(x, Shape.of(g.batch(), g.inChannels(), g.inH(), g.inW()), op, "input");
        requireShape(w, Shape.of(g.outChannels(), g.inChannelsPerGroup(), g.kernelH(), g.kernelW()), op, "weight");
    }

    static void requireFinitePositive(double v, String op, String arg) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(op + ": " + arg + " must be positive and finite, got " + v);
    }

    /** numpy broadcasting of two shapes, or a clear error naming both. */
    static Shape broadcast(Shape a, Shape b, String op) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dim(i - (r - a.rank()));
            int db = i < r - b.rank() ? 1 : b.dim(i - (r - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast (axis " + i
                        + " of the aligned shapes: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** Strides of src read as if broadcast to out (0 on broadcast axes). */
    static int[] broadcastStrides(Shape src, Shape out) {
        int r = out.rank();
        int[] st = new int[r];
        int[] srcSt = src.strides();
        int shift = r - src.rank();
        for (int i = 0; i < r; i++) {
            if (i < shift) continue;
            st[i] = src.dim(i - shift) == 1 && out.dim(i) != 1 ? 0 : srcSt[i - shift];
        }
        return st;
    }

    /** Sums a gradient of shape out down to shape target (the reverse of broadcasting). */
    static float[] reduceToShape(Kernels k, float[] g, Shape out, Shape target) {
        if (out.equals(target)) return g;
        int r = out.rank();
        int shift = r - target.rank();
        int[] cur = out.dims();
        float[] acc = g;
        for (int i = 0; i < r; i++) {
            int want = i < shift ? 1 : target.dim(i - shift);
            if (cur[i] != want) { // want == 1
                int outer = 1, inner = 1;
                for (int j = 0; j < i; j++) outer *= cur[j];
                for (int j = i + 1; j < r; j++) inner *= cur[j];
                float[] next = newArray(outer * inner);
                k.sumAxis(outer, cur[i], inner, acc, next);
                acc = next;
                cur[i] = 1;
            }
        }
        return acc;
    }

    static int[] normalizeAxes(Shape s, int[] axes, String op) {
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            try {
                a[i] = s.normalizeAxis(axes[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " out of range for shape " + s);
            }
        }
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) throw new IllegalArgumentException(op + ": axis " + a[i] + " repeated in " + Arrays.toString(axes));
        }
        return a;
    }
}
