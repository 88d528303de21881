package org.prune4j.simd.sparse;

import java.lang.classfile.*;
import java.lang.constant.*;
import java.lang.invoke.MethodHandles;
import java.util.*;
import jdk.incubator.vector.*;
import org.prune4j.core.sparse.CsrMatrix;

/** Probe: SpMM with the CSR pattern compiled into bytecode (LIBXSMM-style), L1-blocked. */
public class GenSpmm {
    public interface Kern { void run(float[] w, float[] x, float[] c, int cOff); }
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    static final ClassDesc CD_FV = ClassDesc.of("jdk.incubator.vector.FloatVector");
    static final ClassDesc CD_V = ClassDesc.of("jdk.incubator.vector.Vector");
    static final ClassDesc CD_VS = ClassDesc.of("jdk.incubator.vector.VectorSpecies");
    static final ClassDesc CD_HOLD = ClassDesc.of("org.prune4j.simd.sparse.GenSpmm");
    static final ClassDesc CD_KERN = ClassDesc.of("org.prune4j.simd.sparse.GenSpmm$Kern");
    static final MethodTypeDesc MT_RUN = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_float.arrayType(),
            ConstantDescs.CD_float.arrayType(), ConstantDescs.CD_float.arrayType(), ConstantDescs.CD_int);
    static final MethodTypeDesc MT_FROM = MethodTypeDesc.of(CD_FV, CD_VS, ConstantDescs.CD_float.arrayType(), ConstantDescs.CD_int);
    static final MethodTypeDesc MT_BC = MethodTypeDesc.of(CD_FV, CD_VS, ConstantDescs.CD_float);
    static final MethodTypeDesc MT_ZERO = MethodTypeDesc.of(CD_FV, CD_VS);
    static final MethodTypeDesc MT_FMA = MethodTypeDesc.of(CD_FV, CD_V, CD_V);
    static final MethodTypeDesc MT_INTO = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_float.arrayType(), ConstantDescs.CD_int);
    static int classes = 0;

    /** rows [r0,r1) of a, columns [k0,k1): one Kern; x packed kb×vw from row k0; c row stride n. */
    static List<Kern> build(CsrMatrix a, int k0, int k1, int n, int V, boolean first, int maxBytes) throws Exception {
        int[] rp = a.rowPtr(), ci = a.colIdx();
        int vw = V * 16;
        List<Kern> out = new ArrayList<>();
        // group rows into methods of at most maxBytes (estimated), methods into classes of up to 40
        List<int[]> methods = new ArrayList<>(); // each: r0, r1
        int r = 0, m = a.rows();
        int perNnz = 13 + 19 * V, perRow = V * 26;
        while (r < m) {
            int r0 = r, bytes = 0;
            while (r < m) {
                int nnz = 0;
                for (int p = rp[r]; p < rp[r + 1]; p++) if (ci[p] >= k0 && ci[p] < k1) nnz++;
                int add = perRow + nnz * perNnz;
                if (bytes > 0 && bytes + add > maxBytes) break;
                bytes += add; r++;
            }
            methods.add(new int[]{r0, r});
        }
        for (int c0 = 0; c0 < methods.size(); c0 += 40) {
            List<int[]> mine = methods.subList(c0, Math.min(methods.size(), c0 + 40));
            String name = "org.prune4j.simd.sparse.GenK" + (classes++);
            ClassDesc me = ClassDesc.of(name);
            byte[] bytes = ClassFile.of().build(me, cb -> {
                cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
                cb.withInterfaceSymbols(CD_KERN);
                cb.withMethodBody("<init>", ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, co -> {
                    co.aload(0); co.invokespecial(ConstantDescs.CD_Object, "<init>", ConstantDescs.MTD_void); co.return_();
                });
                for (int mi = 0; mi < mine.size(); mi++) {
                    int[] rr = mine.get(mi);
                    cb.withMethodBody("m" + mi, MT_RUN, ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, co -> {
                        for (int row = rr[0]; row < rr[1]; row++) {
                            int accBase = 5;
                            for (int v = 0; v < V; v++) {
                                if (first) {
                                    co.getstatic(CD_HOLD, "S", CD_VS); co.invokestatic(CD_FV, "zero", MT_ZERO);
                                } else {
                                    co.getstatic(CD_HOLD, "S", CD_VS); co.aload(2); co.iload(3); co.loadConstant(row * n + v * 16); co.iadd();
                                    co.invokestatic(CD_FV, "fromArray", MT_FROM);
                                }
                                co.astore(accBase + v);
                            }
                            for (int p = rp[row]; p < rp[row + 1]; p++) {
                                int j = ci[p];
                                if (j < k0 || j >= k1) continue;
                                co.getstatic(CD_HOLD, "S", CD_VS); co.aload(0); co.loadConstant(p); co.faload();
                                co.invokestatic(CD_FV, "broadcast", MT_BC); co.astore(4);
                                for (int v = 0; v < V; v++) {
                                    co.getstatic(CD_HOLD, "S", CD_VS); co.aload(1); co.loadConstant((j - k0) * vw + v * 16);
                                    co.invokestatic(CD_FV, "fromArray", MT_FROM);
                                    co.aload(4); co.aload(accBase + v);
                                    co.invokevirtual(CD_FV, "fma", MT_FMA);
                                    co.astore(accBase + v);
                                }
                            }
                            for (int v = 0; v < V; v++) {
                                co.aload(accBase + v); co.aload(2); co.iload(3); co.loadConstant(row * n + v * 16); co.iadd();
                                co.invokevirtual(CD_FV, "intoArray", MT_INTO);
                            }
                        }
                        co.return_();
                    });
                }
                cb.withMethodBody("run", MT_RUN, ClassFile.ACC_PUBLIC, co -> {
                    for (int mi = 0; mi < mine.size(); mi++) {
                        co.aload(1); co.aload(2); co.aload(3); co.iload(4);
                        co.invokestatic(me, "m" + mi, MT_RUN);
                    }
                    co.return_();
                });
            });
            var lk = MethodHandles.lookup().defineHiddenClass(bytes, true);
            out.add((Kern) lk.lookupClass().getDeclaredConstructor().newInstance());
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        double dens = Double.parseDouble(args[3]);
        int V = Integer.parseInt(args[4]), kb = Integer.parseInt(args[5]);
        int maxBytes = args.length > 6 ? Integer.parseInt(args[6]) : 7500;
        Random rnd = new Random(1);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (rnd.nextDouble() < dens) dense[i] = rnd.nextFloat() - 0.5f;
        CsrMatrix a = CsrMatrix.fromDense(dense, 0, m, k);
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
        float[] c = new float[m * n], cref = new float[m * n];
        int vw = V * 16;
        long t0 = System.nanoTime();
        int nkb = (k + kb - 1) / kb;
        List<List<Kern>> kerns = new ArrayList<>();
        for (int q = 0; q < nkb; q++) kerns.add(build(a, q * kb, Math.min(k, (q + 1) * kb), n, V, q == 0, maxBytes));
        System.out.printf("built %d classes in %.1f ms%n", classes, (System.nanoTime() - t0) / 1e6);
        float[] w = a.values();
        float[] xp = new float[kb * vw + 16];
        Runnable gen = () -> {
            for (int c0 = 0; c0 < n; c0 += vw) {
                for (int q = 0; q < nkb; q++) {
                    int kk0 = q * kb, kk1 = Math.min(k, kk0 + kb);
                    for (int j = kk0; j < kk1; j++) System.arraycopy(b, j * n + c0, xp, (j - kk0) * vw, vw);
                    for (Kern kn : kerns.get(q)) kn.run(w, xp, c, c0);
                }
            }
        };
        Runnable base = () -> CsrSpmm.spmm(a, n, b, 0, cref, 0, null, false, false);
        double flops = 2.0 * a.nnz() * n;
        int rounds = Integer.getInteger("rounds", 6); for (int round = 0; round < rounds; round++) {
            long tg = time(gen, round == 0 ? 1 : 200), tb = time(base, round == 0 ? 1 : 200);
            System.out.printf("round %d: gen %.4f ms (%.2f useful vFMA/ns), base %.4f ms (%.2f)%n", round,
                    tg / 1e6, flops / 32 / tg, tb / 1e6, flops / 32 / tb);
            if (round == 0) {
                double err = 0; for (int i = 0; i < c.length; i++) err = Math.max(err, Math.abs(c[i] - cref[i]));
                System.out.println("max |gen - base| = " + err);
            }
        }
    }
    static long time(Runnable r, int reps) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) { long t = System.nanoTime(); r.run(); best = Math.min(best, System.nanoTime() - t); }
        return best;
    }
}
