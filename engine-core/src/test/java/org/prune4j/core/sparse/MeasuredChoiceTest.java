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

    /** Forms where the dense one sleeps denseMs and the sparse one sparseMs. */
    private static Forms forms(int denseMs, int sparseMs) {
        Forms f = new Forms();
        f.millis[D] = denseMs;
        f.millis[S] = sparseMs;
        return f;
    }

    private static void pick(Choice c, Forms f, int times, int expect) {
        for (int i = 0; i < times; i++) assertEquals(expect, c.pick(f), "call " + i);
    }

    @Test
    void theFastestOfFourFormsWinsAndEachIsTimedAlike() {
        Forms f = forms(2, 1);
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
        Forms f = forms(1, 3);
        Choice c = MeasuredKernelChoice.choice("test-later", D, S);
        assertEquals(D, c.pick(f));
        f.millis[S] = 0;
        int before = f.total();
        long call = 1;
        for (; call < 100_000; call++) {
            int picked = c.pick(f);
            if (f.total() != before) {
                assertEquals(S, picked, "the recheck on call " + call + " found the sparse form faster");
                break;
            }
            assertEquals(D, picked, "no measurement between checks, call " + call);
        }
        assertTrue(call >= MeasuredKernelChoice.FIRST_RECHECK && call < 100_000, "measured again on call " + call);
        pick(c, f, 100, S);
    }

    private static void spinMicros(long us) {
        long end = System.nanoTime() + us * 1000;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    @Test
    void aMeasurementGoesOnWhileAFormIsGettingFaster() {
        // As a kernel the JIT compiles while it is being timed: the sparse form's runs get 10% faster each, from
        // 8 ms down to 0.2 (run 35 on); the dense form takes 1 ms. Four rounds would still see the sparse one slow.
        AtomicInteger sparseRuns = new AtomicInteger();
        IntFunction<Runnable> work = code -> code == S
                ? () -> spinMicros(Math.max(200, (long) (8000 * Math.pow(0.9, sparseRuns.getAndIncrement()))))
                : () -> spinMicros(1000);
        Choice c = MeasuredKernelChoice.choice("test-warming", D, S);
        assertEquals(S, c.pick(work), "chosen by its times once they stopped falling");
        assertTrue(sparseRuns.get() > 35, "timed past its falling runs: " + sparseRuns.get());
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

    /** The calls (counted from 1 after the first measurement) on which c measured again, over the given number of calls. */
    private static java.util.List<Long> rechecks(Choice c, Forms f, long calls) {
        java.util.List<Long> at = new java.util.ArrayList<>();
        for (long call = 1; call <= calls; call++) {
            int before = f.total();
            c.pick(f);
            if (f.total() != before) at.add(call);
        }
        return at;
    }

    @Test
    void rechecksThinOutAndStop() {
        Forms f = forms(1, 1);
        Choice c = MeasuredKernelChoice.choice("test-stop", D, S);
        c.pick(f);
        long last = MeasuredKernelChoice.FIRST_RECHECK << (2 * (MeasuredKernelChoice.RECHECKS - 1));
        java.util.List<Long> at = rechecks(c, f, 4 * last);
        assertEquals(MeasuredKernelChoice.RECHECKS, at.size(), "rechecks at calls " + at);
        assertTrue(at.get(0) >= MeasuredKernelChoice.FIRST_RECHECK, "first recheck at " + at.get(0));
        for (int k = 1; k < at.size(); k++) {
            assertTrue(at.get(k) - at.get(k - 1) >= MeasuredKernelChoice.FIRST_RECHECK << (2 * k), "rechecks at calls " + at);
        }
        assertEquals(last, at.get(at.size() - 1) - at.get(at.size() - 2), "the last gap is the schedule's: rechecks at calls " + at);
    }

    @Test
    void formsFarApartAreRecheckedLater() {
        // A recheck times the slow form too: it waits until the calls since the last measurement have taken BUDGET
        // times as long as it will. Here the loser is ~8x the winner, so that is some 8 x 128 calls, not 64.
        Forms f = forms(1, 8);
        Choice c = MeasuredKernelChoice.choice("test-budget", D, S);
        c.pick(f);
        java.util.List<Long> at = rechecks(c, f, 5000);
        long perRatio = (long) MeasuredKernelChoice.BUDGET * MeasuredKernelChoice.MIN_TIMES * MeasuredKernelChoice.RUNS / (MeasuredKernelChoice.RUNS - 1);
        assertTrue(!at.isEmpty() && at.get(0) >= 6 * perRatio, "first recheck at " + at + ", not before " + 6 * perRatio);
    }

    @Test
    void aFormSteadyAndFarBehindIsNoLongerTimed() {
        // Timed twice alike at 4x the winner's time, the sparse form keeps its estimate; one still changing is timed again.
        Forms f = forms(1, 4);
        Choice c = MeasuredKernelChoice.choice("test-steady", D, S);
        c.pick(f);
        java.util.List<Integer> sparseRuns = new java.util.ArrayList<>();
        int last = f.runs[S].get();
        for (long call = 1; call <= 50_000 && sparseRuns.size() < 3; call++) {
            int before = f.total();
            c.pick(f);
            if (f.total() != before) {
                sparseRuns.add(f.runs[S].get() - last);
                last = f.runs[S].get();
            }
        }
        assertEquals(3, sparseRuns.size(), "three rechecks");
        assertTrue(sparseRuns.get(0) > 0, "timed again once, to see it steady: " + sparseRuns);
        assertEquals(java.util.List.of(0, 0), sparseRuns.subList(1, 3), "then left alone: " + sparseRuns);
    }

    @Test
    void layersOfAModelDoNotAllRecheckInTheSameCall() {
        java.util.Set<Long> firsts = new java.util.HashSet<>();
        for (int layer = 0; layer < 8; layer++) {
            Forms f = new Forms();
            Choice c = MeasuredKernelChoice.choice("test-layer" + layer, D, S);
            c.pick(f);
            java.util.List<Long> at = rechecks(c, f, 2000);
            assertFalse(at.isEmpty(), "layer " + layer + " rechecked");
            firsts.add(at.get(0));
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
