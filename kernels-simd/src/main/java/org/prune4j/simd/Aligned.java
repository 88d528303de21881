package org.prune4j.simd;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Where a float array's data meets a 64-byte (cache line, 512-bit vector) boundary.
 *
 * <p>The JVM places an array's data at any 8-byte boundary, so a vector of 16 floats read
 * from a scratch buffer straddles two cache lines 7 times in 8. Kernels that load one
 * vector per FMA (sparse SpMM) run about 1.8× slower on split loads (measured on this
 * machine's Zen 5: 2.5 against 4.5 FMA/ns over an L1-resident panel). Java offers no way
 * to read an object's address, but a downcall may receive a heap array pinned in place
 * ({@link Linker.Option#critical(boolean)}): {@code memmove(p, p, 0)} returns p, the
 * address of the data. Kernels start their packed panels at {@link #offset} into an
 * oversized scratch array so that every P-float row begins on a line.
 *
 * <p>Alignment is only about speed: a kernel's results do not depend on it. If the
 * collector moves the array afterwards, loads are split again until the next call asks
 * anew (scratch arrays live long and are rarely moved). If native access is denied, or
 * the platform has no C library, the offset is 0. Without
 * {@code --enable-native-access=ALL-UNNAMED} the JDK prints a one-time warning on first
 * use (the launcher and the build pass the flag).
 */
public final class Aligned {
    /** Floats per 64-byte line: callers over-allocate by this much. */
    public static final int SLACK = 16;
    private static final MethodHandle ADDRESS = lookup();

    private Aligned() {}

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            MemorySegment memmove = linker.defaultLookup().find("memmove").orElse(null);
            if (memmove == null) return null;
            return linker.downcallHandle(memmove,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true));
        } catch (Throwable e) {
            // Native access denied (--illegal-native-access=deny) or no linker: run unaligned.
            return null;
        }
    }

    /** Floats to skip from a[0] to the first 64-byte boundary (0..15), or 0 when the address cannot be read. */
    public static int offset(float[] a) {
        long address = address(a);
        return address < 0 ? 0 : (int) (((64 - (address & 63)) & 63) >>> 2);
    }

    /**
     * Floats to skip from a[index] to the next 64-byte boundary (0..15), or 0 when the address cannot be read: where
     * a kernel that walks a caller's array from index should start its line-sized blocks.
     */
    public static int toLine(float[] a, int index) {
        return Math.floorMod(offset(a) - index, SLACK);
    }

    /** The current address of a[0], or -1 when it cannot be read (or a is empty). */
    static long address(float[] a) {
        if (ADDRESS == null || a.length == 0) return -1;
        try {
            MemorySegment s = MemorySegment.ofArray(a);
            return (long) ADDRESS.invokeExact(s, s, 0L);
        } catch (Throwable e) {
            return -1;
        }
    }
}
