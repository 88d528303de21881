package org.prune4j.simd;

import java.util.function.Supplier;
import org.prune4j.core.kernels.Parallel;

/**
 * Weight-gradient sums over a batch in fixed image chunks, so that the threads can go through the tensors in memory
 * order and the result still does not depend on the thread count. The batch is cut into min(batch, {@link #CHUNKS})
 * contiguous ranges by the batch size alone; each chunk has its own double partials (one scratch buffer of the calling
 * thread, so a warm call allocates nothing), into which its images are added in order, unit by unit (a unit is a
 * channel or a block of channels); the chunks' partials are then added in chunk order ({@link Sums#total}). With at
 * least two chunks per thread the threads share out the chunks, each reading its images plane after plane; below
 * that they share out the units, each over every chunk. Either way every partial is
 * the same sum in the same order.
 */
final class ImageChunks {
    private ImageChunks() {}

    /** Chunks of a large batch: 16 (eight per thread on two threads). */
    static final int CHUNKS = 16;

    /** One thread's work: adds unit u of image n into the chunk's partial sums, which start at buf[base]. */
    interface Worker {
        void add(int n, int u, double[] buf, int base);
    }

    /** Writes unit u's results from the chunks' partials (with {@link Sums#total}). */
    interface Finisher {
        void finish(int u, Sums sums);
    }

    /** The chunks' partial sums, chunk c's at buf[c·size …]. */
    static final class Sums {
        private final double[] buf;
        private final int chunks, size;

        Sums(double[] buf, int chunks, int size) {
            this.buf = buf;
            this.chunks = chunks;
            this.size = size;
        }

        /** Σ over the chunks, in chunk order, of entry i. */
        double total(int i) {
            double sum = 0;
            for (int c = 0; c < chunks; c++) sum += buf[c * size + i];
            return sum;
        }
    }

    /**
     * Runs a batch over units into the chunks' partials (each of the given size, in the calling thread's scratch,
     * zeroed here), with one worker per thread, and finishes every unit: in the thread that summed it when the threads
     * share out the units, else in parallel after all chunks are in.
     */
    static void run(int batch, int units, int size, Supplier<Worker> perThread, Finisher finisher) {
        int chunks = Math.max(1, Math.min(batch, CHUNKS));
        double[] buf = Scratch.get().doubles(chunks * size);
        java.util.Arrays.fill(buf, 0, chunks * size, 0.0);
        Sums sums = new Sums(buf, chunks, size);
        if (chunks >= 2 * Parallel.threads()) {
            Parallel.forRange(chunks, 1, (c0, c1) -> {
                Worker w = perThread.get();
                for (int c = c0; c < c1; c++)
                    for (int n = start(batch, chunks, c); n < start(batch, chunks, c + 1); n++)
                        for (int u = 0; u < units; u++) w.add(n, u, buf, c * size);
            });
            Parallel.forRange(units, 1, (u0, u1) -> {
                for (int u = u0; u < u1; u++) finisher.finish(u, sums);
            });
        } else {
            Parallel.forRange(units, 1, (u0, u1) -> {
                Worker w = perThread.get();
                for (int u = u0; u < u1; u++) {
                    for (int c = 0; c < chunks; c++)
                        for (int n = start(batch, chunks, c); n < start(batch, chunks, c + 1); n++) w.add(n, u, buf, c * size);
                    finisher.finish(u, sums);
                }
            });
        }
    }

    private static int start(int batch, int chunks, int c) {
        return (int) ((long) batch * c / chunks);
    }
}
