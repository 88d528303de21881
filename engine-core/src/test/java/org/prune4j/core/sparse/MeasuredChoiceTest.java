package org.prune4j.core.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.MeasuredKernelChoice.Choice;

/** MeasuredKernelChoice.Choice: the fastest of a work's forms, measured on first use and again as the work is used. */
class MeasuredChoiceTest {
    private static final int D = 0, S = MeasuredKernelChoice.FORM_SPARSE, DI = MeasuredKernelChoice.FORM_INLINE,
            SI = MeasuredKernelChoice.FORM_SPARSE | MeasuredKernelChoice.FORM_INLINE;
    private int saved;

    @BeforeEach
    void twoThreads() {
        saved = Parallel.threads();
        Parallel.setThreads(2);
        MeasuredKernelChoice.clear();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
        MeasuredKernelChoice.clear();
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forms whose speed the test sets: form f sleeps millis[f] ms (0: returns at once), and its runs are counted. */
    private static final class Forms implements IntFunction<Runnable> {
        final int[] millis = new int[4];
        final AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};

        @Override public Runnable apply(int code) {
            return () -> {
                runs[code].incrementAndGet();
                if (millis[code] > 0) sleepMs(millis[code]);
            };
        }

        int total() {
            int t = 0;
            for (AtomicInteger r : runs) t += r.get();
            return t;
        }
    }

    private static void pick(Choice c, Forms f, int times, int expect) {
        for (int i = 0; i < times; i++) assertEquals(expect, c.pick(f), "call " + i);
    }

    @Test
    void theFastestOfFourFormsWinsAndEachIsTimedAlike() {
        Forms f = new Forms();
        f.millis[D] = 2;
        f.millis[S] = 1;
        f.millis[DI] = 2;
        Choice c = MeasuredKernelChoice.choice("test-four", D, S, DI, SI);
        assertEquals(-1, c.winner());
        assertEquals(SI, c.pick(f));
        int measured = f.runs[SI].get();
        for (int code : new int[] {D, S, DI}) assertEquals(measured, f.runs[code].get(), "form " + code + " timed as often as the others");
        assertTrue(measured > 10, "timed for a while: " + measured + " rounds");
        assertSame(c, MeasuredKernelChoice.choice("test-four", D, S, DI, SI), "the choice is shared by its key");
        assertFalse(c == MeasuredKernelChoice.choice("test-four", D, S), "other forms are another choice");
    }

    @Test
    void aFormSlowAtFirstWinsWhenMeasuredAgain() {
        // The sparse form is slow on first use (as a kernel the JIT has not compiled yet) and fast afterwards.
        Forms f = new Forms();
        f.millis[D] = 1;
        f.millis[S] = 3;
        Choice c = MeasuredKernelChoice.choice("test-later", D, S);
        assertEquals(D, c.pick(f));
        f.millis[S] = 0;
        int before = f.total();
        long call = 1;
        for (; call < 2 * MeasuredKernelChoice.FIRST_RECHECK; call++) {
            int picked = c.pick(f);
            if (f.total() != before) {
                assertEquals(S, picked, "the recheck on call " + call + " found the sparse form faster");
                break;
            }
            assertEquals(D, picked, "no measurement between checks, call " + call);
        }
        assertTrue(call >= MeasuredKernelChoice.FIRST_RECHECK && call < 2 * MeasuredKernelChoice.FIRST_RECHECK, "measured again on call " + call);
        pick(c, f, 100, S);
    }

    @Test
    void aFormFastOnlyNowAndThenLosesToASteadyOne() {
        // As a pooled batch-1 layer is when the worker happens to be awake: the minimum would pick it, the median does not.
        AtomicInteger runs = new AtomicInteger();
        IntFunction<Runnable> work = code -> code == S ? () -> {
            if (runs.incrementAndGet() % 8 != 0) sleepMs(2);
        } : () -> sleepMs(1);
        Choice c = MeasuredKernelChoice.choice("test-bimodal", D, S);
        assertEquals(D, c.pick(work));
    }

    @Test
    void theFirstRunAfterAnotherFormIsNotTimed() {
        // A form slow right after another form ran (data in the other core's cache, the worker asleep) is timed as it
        // runs in a row: here its first two runs after a switch are slow; untimed, the first leaves one slow time of
        // three a round, and the median sees the form's steady speed.
        int[] last = {-1}, inRow = {0};
        IntFunction<Runnable> work = code -> () -> {
            inRow[0] = last[0] == code ? inRow[0] + 1 : 0;
            last[0] = code;
            sleepMs(code == S ? (inRow[0] < 2 ? 5 : 1) : 2);
        };
        // Three forms, so that the rotating order never runs a form twice across a round's end.
        Choice c = MeasuredKernelChoice.choice("test-switch", D, S, DI);
        assertEquals(S, c.pick(work));
    }

    @Test
    void rechecksThinOutAndStop() {
        Forms f = new Forms();
        f.millis[S] = 1;
        Choice c = MeasuredKernelChoice.choice("test-stop", D, S);
        c.pick(f);
        java.util.List<Long> measuredAt = new java.util.ArrayList<>();
        long limit = 2 * MeasuredKernelChoice.FIRST_RECHECK;
        for (int k = 0; k < MeasuredKernelChoice.RECHECKS; k++) limit += MeasuredKernelChoice.FIRST_RECHECK << (2 * k);
        for (long call = 1; call <= limit + 1000; call++) {
            int before = f.total();
            c.pick(f);
            if (f.total() != before) measuredAt.add(call);
        }
        assertEquals(MeasuredKernelChoice.RECHECKS, measuredAt.size(), "rechecks at calls " + measuredAt);
        long first = measuredAt.get(0);
        assertTrue(first >= MeasuredKernelChoice.FIRST_RECHECK && first < 2 * MeasuredKernelChoice.FIRST_RECHECK, "first recheck at " + first);
        for (int k = 1; k < measuredAt.size(); k++) {
            assertEquals(MeasuredKernelChoice.FIRST_RECHECK << (2 * k), measuredAt.get(k) - measuredAt.get(k - 1), "rechecks at calls " + measuredAt);
        }
    }

    @Test
    void layersOfAModelDoNotAllRecheckInTheSameCall() {
        java.util.Set<Long> firsts = new java.util.HashSet<>();
        for (int layer = 0; layer < 8; layer++) {
            Forms f = new Forms();
            Choice c = MeasuredKernelChoice.choice("test-layer" + layer, D, S);
            c.pick(f);
            for (long call = 1; call < 2 * MeasuredKernelChoice.FIRST_RECHECK; call++) {
                int before = f.total();
                c.pick(f);
                if (f.total() != before) {
                    firsts.add(call);
                    break;
                }
            }
        }
        assertTrue(firsts.size() > 1, "first rechecks at calls " + firsts);
    }

    @Test
    void oneFormIsNeverMeasured() {
        Forms f = new Forms();
        Choice c = MeasuredKernelChoice.choice("test-one", S);
        assertEquals(S, c.winner());
        pick(c, f, 100, S);
        assertEquals(0, f.total());
        assertThrows(IllegalArgumentException.class, () -> MeasuredKernelChoice.choice("test-none"));
    }

    @Test
    void theCallingThreadIsTimedOnlyWithMoreThanOne() {
        assertTrue(MeasuredKernelChoice.inlineWorthTiming());
        Parallel.setThreads(1);
        assertFalse(MeasuredKernelChoice.inlineWorthTiming());
    }

    @Test
    void chooseRecordsItsDecision() {
        AtomicInteger dense = new AtomicInteger();
        MeasuredKernelChoice.Path p = MeasuredKernelChoice.choose("test-choose", 0.1, () -> {
            dense.incrementAndGet();
            sleepMs(1);
        }, () -> {});
        assertEquals(MeasuredKernelChoice.Path.SPARSE, p);
        assertEquals(MeasuredKernelChoice.Path.SPARSE, MeasuredKernelChoice.cached("test-choose|d10"));
        assertEquals(null, MeasuredKernelChoice.cached("test-choose|d11"));
        assertTrue(dense.get() > 10);
    }
}
