package org.prune4j.opencl;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Device copies of CSR index structures, uploaded once per matrix. A CsrMatrix's
 * rowPtr and colIdx never change (only its values are refreshed), and masked layers
 * keep one matrix for many steps, so the indices stay on the device for the
 * matrix's lifetime and return to the pool when it is collected. Values are not
 * cached here: they are an ordinary array, resident when it is storage (a masked
 * layer's {@code SparseWeight} gathers them on the device) and uploaded per call when
 * it is a plain host array.
 */
final class CsrStructures {
    /** Index buffers of one matrix; the transposed pattern is built on first need. */
    static final class Structure {
        final DeviceBuffer rowPtr, colIdx, rowOf;
        DeviceBuffer tRowPtr, tCol, tPerm;

        Structure(DeviceBuffer rowPtr, DeviceBuffer colIdx, DeviceBuffer rowOf) {
            this.rowPtr = rowPtr;
            this.colIdx = colIdx;
            this.rowOf = rowOf;
        }

        List<DeviceBuffer> buffers() {
            List<DeviceBuffer> l = new ArrayList<>(List.of(rowPtr, colIdx, rowOf));
            if (tRowPtr != null) l.addAll(List.of(tRowPtr, tCol, tPerm));
            return l;
        }
    }

    private static final class Release extends WeakReference<CsrMatrix> {
        final Structure structure;

        Release(CsrMatrix m, Structure s, ReferenceQueue<CsrMatrix> q) {
            super(m, q);
            this.structure = s;
        }
    }

    private final OpenClContext ctx;
    private final WeakHashMap<CsrMatrix, Structure> cache = new WeakHashMap<>();
    private final ReferenceQueue<CsrMatrix> collected = new ReferenceQueue<>();
    private final Set<Release> pending = new HashSet<>();

    CsrStructures(OpenClContext ctx) { this.ctx = ctx; }

    /** The structure of a on the device. Caller holds the context lock. */
    Structure of(CsrMatrix a) {
        for (var r = collected.poll(); r != null; r = collected.poll()) {
            Release rel = (Release) r;
            if (pending.remove(rel)) for (DeviceBuffer b : rel.structure.buffers()) ctx.pool().release(b);
        }
        Structure s = cache.get(a);
        if (s == null) {
            int[] rowOf = new int[a.nnz()];
            int[] rp = a.rowPtr();
            for (int i = 0; i < a.rows(); i++) for (int p = rp[i]; p < rp[i + 1]; p++) rowOf[p] = i;
            s = new Structure(upload(rp), upload(a.colIdx()), upload(rowOf));
            cache.put(a, s);
            pending.add(new Release(a, s, collected));
        }
        return s;
    }

    /** The structure with its transposed pattern (rows = patch columns) and the map back to a's entries. */
    Structure transposed(CsrMatrix a) {
        Structure s = of(a);
        if (s.tRowPtr == null) {
            CsrMatrix t = a.transpose();
            s.tRowPtr = upload(t.rowPtr());
            s.tCol = upload(t.colIdx());
            s.tPerm = upload(a.transposePermutation());
        }
        return s;
    }

    private DeviceBuffer upload(int[] a) {
        DeviceBuffer b = ctx.pool().acquire((long) Math.max(1, a.length) * Integer.BYTES);
        ctx.write(b, a);
        return b;
    }
}
