package org.prune4j.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batches of one epoch, in order. With prefetch, a small pool of daemon threads keeps
 * up to {@code prefetch} batches assembled or in progress ahead of the consumer (a bounded
 * window of futures, taken in batch order), so training rarely waits on data. An exception
 * thrown while assembling a batch is rethrown, unchanged, by the {@link #next()} that would
 * have returned that batch. {@link #close()} cancels the window and returns only once the
 * threads have ended; exhausting the iterator closes it too. An iterator abandoned without
 * close still cannot leak threads: idle pool threads time out. One consumer thread only.
 */
public final class EpochIterator implements Iterator<Batch>, AutoCloseable {
    private static final long IDLE_THREAD_SECONDS = 2;
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final DataLoader loader;
    private final int epoch;
    private final int[] order;
    private final int numBatches;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Future<Batch>> window = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int nextBatch;
    private int submitted;
    private boolean closed;

    EpochIterator(DataLoader loader, int epoch, int[] order, int numBatches, int prefetch, int workers) {
        this.loader = loader;
        this.epoch = epoch;
        this.order = order;
        this.numBatches = numBatches;
        if (prefetch == 0 || numBatches == 0) {
            this.pool = null;
            return;
        }
        AtomicInteger counter = new AtomicInteger();
        String prefix = loader.threadNamePrefix() + "-e" + epoch + "-";
        this.pool = new ThreadPoolExecutor(workers, workers, IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            synchronized (threads) {
                threads.add(t);
            }
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        while (submitted < Math.min(prefetch, numBatches)) submitNext();
    }

    /** The epoch this iterator walks. */
    public int epoch() { return epoch; }

    /** Number of batches this epoch yields in total. */
    public int numBatches() { return numBatches; }

    @Override public boolean hasNext() { return !closed && nextBatch < numBatches; }

    @Override public Batch next() {
        if (closed) throw new NoSuchElementException("epoch " + epoch + " iterator is closed");
        if (nextBatch >= numBatches) throw new NoSuchElementException("epoch " + epoch + " has only " + numBatches + " batches");
        Batch batch = pool == null ? loader.assemble(order, epoch, nextBatch, false) : takePrefetched();
        nextBatch++;
        if (nextBatch == numBatches) close();
        return batch;
    }

    private Batch takePrefetched() {
        Future<Batch> head = window.poll();
        if (submitted < numBatches) submitNext();
        try {
            return head.get();
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw withConsumerContext(re);
            if (cause instanceof Error err) throw err;
            throw new DatasetException("assembling batch " + nextBatch + " of epoch " + epoch + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while waiting for batch " + nextBatch + " of epoch " + epoch, e);
        }
    }

    /** Keeps the original exception (type and message) and records where the consumer was. */
    private RuntimeException withConsumerContext(RuntimeException e) {
        e.addSuppressed(new DatasetException("rethrown to the consumer: raised on a prefetch thread while assembling batch "
                + nextBatch + " of epoch " + epoch + " of " + loader.dataset().name()));
        return e;
    }

    private void submitNext() {
        int b = submitted++;
        window.add(pool.submit(() -> loader.assemble(order, epoch, b, true)));
    }

    /** Stops prefetching and waits for the background threads to end. Idempotent. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        if (pool == null) return;
        for (Future<Batch> f : window) f.cancel(true);
        window.clear();
        pool.shutdownNow();
        try {
            pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            // The pool reports termination slightly before its threads return from run().
            List<Thread> started;
            synchronized (threads) {
                started = List.copyOf(threads);
            }
            for (Thread t : started) t.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Background threads still alive (none after close); exposed for leak tests. */
    int liveThreads() {
        synchronized (threads) {
            return (int) threads.stream().filter(Thread::isAlive).count();
        }
    }
}
