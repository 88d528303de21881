package org.prune4j.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/** End-to-end learning with raw ops and a hand-written SGD step: the engine can actually fit functions. */
class LearningTest {

    private static void sgd(List<Tensor> params, float lr) {
        for (Tensor p : params) {
            float[] g = p.gradArray();
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) d[i] -= lr * g[i];
            p.zeroGrad();
        }
    }

    @Test void mlpLearnsXor() {
        Rng rng = new Rng(42);
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        int[] y = {0, 1, 1, 0};
        Tensor w1 = Tensor.zeros(8, 2), b1 = Tensor.zeros(8), w2 = Tensor.zeros(2, 8), b2 = Tensor.zeros(2);
        Init.kaimingUniform(w1, Init.FanMode.FAN_IN, rng);
        Init.kaimingUniform(w2, Init.FanMode.FAN_IN, rng);
        List<Tensor> params = List.of(w1.requiresGrad(true), b1.requiresGrad(true), w2.requiresGrad(true), b2.requiresGrad(true));
        float first = 0, last = 0;
        for (int step = 0; step < 1500; step++) {
            Tensor logits = Ops.linear(Ops.tanh(Ops.linear(x, w1, b1)), w2, b2);
            Tensor loss = Ops.crossEntropy(logits, y);
            if (step == 0) first = loss.item();
            last = loss.item();
            loss.backward();
            sgd(params, 0.5f);
        }
        assertTrue(last < 0.05f && last < first / 10, "XOR loss went from " + first + " to " + last);
        try (var ng = GradMode.noGrad()) {
            Tensor logits = Ops.linear(Ops.tanh(Ops.linear(x, w1, b1)), w2, b2);
            for (int i = 0; i < 4; i++) {
                int pred = logits.get(i, 0) > logits.get(i, 1) ? 0 : 1;
                assertEquals(y[i], pred, "XOR sample " + i);
            }
        }
    }

    @Test void convnetOverfitsOneBatch() {
        Rng rng = new Rng(3);
        int n = 16;
        Tensor x = Tensor.randn(rng, n, 1, 8, 8);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 4;
        Tensor cw = Tensor.zeros(8, 1, 3, 3), cb = Tensor.zeros(8);
        Tensor gamma = Tensor.ones(8), beta = Tensor.zeros(8), rm = Tensor.zeros(8), rv = Tensor.ones(8);
        Tensor fw = Tensor.zeros(4, 8 * 4 * 4), fb = Tensor.zeros(4);
        Init.kaimingNormal(cw, Init.FanMode.FAN_IN, rng);
        Init.pytorchDefault(fw, rng);
        List<Tensor> params = List.of(cw.requiresGrad(true), cb.requiresGrad(true), gamma.requiresGrad(true),
                beta.requiresGrad(true), fw.requiresGrad(true), fb.requiresGrad(true));
        float first = 0, last = 0;
        for (int step = 0; step < 150; step++) {
            Tensor h = Ops.conv2d(x, cw, cb, 1, 1);
            h = Ops.relu(Ops.batchNorm(h, gamma, beta, rm, rv, true, 0.1f, 1e-5f));
            h = Ops.maxPool2d(h, 2, 2, 0);
            Tensor loss = Ops.crossEntropy(Ops.linear(Ops.flatten(h), fw, fb), y);
            if (step == 0) first = loss.item();
            last = loss.item();
            loss.backward();
            sgd(params, 0.1f);
        }
        assertTrue(last < 0.05f, "one-batch loss went from " + first + " to " + last);
    }
}
