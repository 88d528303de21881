package org.prune4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

/** One- and two-step updates against values worked out by hand from PyTorch's update rules. */
class OptimizerMathTest {
    private static final float TOL = 1e-6f;

    private static Parameter scalarParam(float w) { return new Parameter(Tensor.of(new float[] {w}, 1)); }

    private static void step(Optimizer opt, Parameter p, float g) {
        p.tensor().setGrad(new float[] {g});
        opt.step();
    }

    @Test void sgdMomentum() {
        Parameter p = scalarParam(1f);
        SGD opt = new SGD(List.of(p), 0.1f, 0.9f, 0f, false);
        step(opt, p, 0.5f); // buf = 0.5, w = 1 - 0.05
        assertEquals(0.95f, p.data()[0], TOL);
        step(opt, p, 0.5f); // buf = 0.9*0.5 + 0.5 = 0.95, w = 0.95 - 0.095
        assertEquals(0.855f, p.data()[0], TOL);
    }

    @Test void sgdNesterov() {
        Parameter p = scalarParam(1f);
        SGD opt = new SGD(List.of(p), 0.1f, 0.9f, 0f, true);
        step(opt, p, 0.5f); // buf = 0.5, g = 0.5 + 0.45 = 0.95, w = 0.905
        assertEquals(0.905f, p.data()[0], TOL);
        step(opt, p, 0.5f); // buf = 0.95, g = 0.5 + 0.855 = 1.355, w = 0.7695
        assertEquals(0.7695f, p.data()[0], TOL);
    }

    @Test void sgdCoupledWeightDecay() {
        Parameter p = scalarParam(1f);
        SGD opt = new SGD(List.of(p), 0.1f, 0.9f, 0.1f, false);
        step(opt, p, 0.5f); // g = 0.5 + 0.1 = 0.6 = buf, w = 0.94
        assertEquals(0.94f, p.data()[0], TOL);
        step(opt, p, 0.5f); // g = 0.5 + 0.094 = 0.594, buf = 0.54 + 0.594 = 1.134, w = 0.8266
        assertEquals(0.8266f, p.data()[0], TOL);
    }

    @Test void adamWithBiasCorrection() {
        Parameter p = scalarParam(1f);
        Adam opt = new Adam(List.of(p), 0.1f);
        // t=1: m = 0.05, v = 2.5e-4; m̂ = 0.5, v̂ = 0.25, w = 1 - 0.1·0.5/0.5 = 0.9
        step(opt, p, 0.5f);
        assertEquals(0.9f, p.data()[0], TOL);
        // t=2, g=-1: m = 0.045 - 0.1 = -0.055, v = 2.4975e-4 + 1e-3 = 1.24975e-3;
        // w = 0.9 + (0.1/0.19)·0.055 / (√1.24975e-3/√1.999e-3 + 1e-8) = 0.93661035
        step(opt, p, -1f);
        assertEquals(0.93661035f, p.data()[0], TOL);
        assertEquals(2, opt.stepCount(0));
    }

    @Test void adamWDecaysBeforeTheUpdate() {
        Parameter p = scalarParam(1f);
        Adam opt = Adam.adamW(List.of(p), 0.1f, 0.01f);
        step(opt, p, 0.5f); // w = 1·(1 - 0.001) - 0.1 = 0.899
        assertEquals(0.899f, p.data()[0], TOL);
    }

    @Test void adamCoupledWeightDecayEntersTheGradient() {
        Parameter p = scalarParam(1f);
        Adam opt = new Adam(List.of(p), 0.1f, 0.9f, 0.999f, 1e-8f, 1f, false);
        // g = -0.5 + 1·1 = 0.5 > 0: the first Adam step moves by lr against the sign of g.
        step(opt, p, -0.5f);
        assertEquals(0.9f, p.data()[0], TOL);
    }

    @Test void parametersWithoutGradientAreSkipped() {
        Parameter a = scalarParam(1f), b = scalarParam(2f);
        SGD opt = new SGD(List.of(a, b), 0.5f);
        a.tensor().setGrad(new float[] {1f});
        opt.step();
        assertEquals(0.5f, a.data()[0]);
        assertEquals(2f, b.data()[0]);
    }

    @Test void badHyperparametersAreRejected() {
        Parameter p = scalarParam(1f);
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1f));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), 0.1f, 0f, 0f, true));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p, p), 0.1f));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1f, 1f, 0.999f, 1e-8f, 0f, false));
    }

    @Test void stateDictRoundTrip() {
        Parameter p = scalarParam(1f), q = scalarParam(1f);
        Adam a = new Adam(List.of(p), 0.1f);
        step(a, p, 0.5f);
        Adam b = new Adam(List.of(q), 0.1f);
        q.data()[0] = p.data()[0];
        b.loadStateDict(a.stateDict());
        step(a, p, -1f);
        step(b, q, -1f);
        assertEquals(p.data()[0], q.data()[0]);
        var bad = new java.util.HashMap<>(a.stateDict());
        bad.put("7.exp_avg", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(bad));
        assertEquals(true, e.getMessage().contains("7.exp_avg"), e.getMessage());
    }
}
