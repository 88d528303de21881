package org.prune4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

class LrScheduleTest {
    @Test void cosineWithWarmup() {
        CosineWarmupLr s = new CosineWarmupLr(1f, 0f, 4, 14);
        assertEquals(0.25f, s.lr(0), 1e-7);
        assertEquals(1f, s.lr(3), 1e-7);
        assertEquals(1f, s.lr(4), 1e-7);
        assertEquals(0.5f, s.lr(9), 1e-6);       // halfway through the cosine
        assertEquals(0f, s.lr(14), 1e-7);
        assertEquals(0f, s.lr(100), 1e-7);
        assertEquals(0.1f, new CosineWarmupLr(1f, 0.1f, 0, 10).lr(10), 1e-7);
    }

    @Test void multiStep() {
        MultiStepLr s = new MultiStepLr(0.1f, new long[] {80, 120}, 0.1f);
        assertEquals(0.1f, s.lr(79), 1e-9);
        assertEquals(0.01f, s.lr(80), 1e-9);
        assertEquals(0.001f, s.lr(200), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new MultiStepLr(0.1f, new long[] {5, 5}, 0.1f));
    }

    @Test void schedulerPaceChoosesTheCounter() {
        SGD opt = new SGD(List.of(new Parameter(Tensor.zeros(1))), 1f);
        LrSchedule s = t -> 1f / (t + 1);
        assertEquals(0.5f, new LrScheduler(s, LrScheduler.Pace.EPOCH).apply(opt, 1, 99));
        assertEquals(0.5f, opt.lr());
        assertEquals(0.01f, new LrScheduler(s, LrScheduler.Pace.ITERATION).apply(opt, 1, 99));
        assertEquals(3f, LrSchedule.constant(3f).lr(1234));
    }
}
