package org.prune4j.nn.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.train.Batch;

/**
 * ∂L/∂w of the cross-entropy loss averaged over B fresh minibatches, the network in
 * train mode (as the at-initialisation methods prescribe). Scoring must not change the
 * model: BatchNorm running statistics that the train-mode forwards update are restored,
 * gradients are cleared and the previous mode is put back.
 */
public final class GradientEstimate {
    private GradientEstimate() {}

    /** One averaged gradient array per layer (zeros where the weight received no gradient). */
    public static float[][] average(Module model, List<PrunableLayer> layers, PruneData.Stream stream, int batches, float labelSmoothing) {
        if (batches < 1) throw new IllegalArgumentException("gradient estimate: batches must be >= 1, got " + batches);
        boolean wasTraining = model.isTraining();
        Map<String, float[]> savedBuffers = new LinkedHashMap<>();
        for (var e : model.namedBuffers().entrySet()) savedBuffers.put(e.getKey(), e.getValue().data().clone());
        float[][] sum = new float[layers.size()][];
        for (int l = 0; l < sum.length; l++) sum[l] = new float[layers.get(l).size()];
        try {
            model.train();
            for (int b = 0; b < batches; b++) {
                Batch batch = stream.next();
                model.zeroGrad();
                Tensor logits = model.forward(batch.x());
                Tensor loss = Ops.crossEntropy(logits, batch.labels(), labelSmoothing);
                if (!Float.isFinite(loss.item())) throw new IllegalStateException("gradient estimate: loss is " + loss.item() + " on scoring batch " + b);
                loss.backward();
                for (int l = 0; l < sum.length; l++) {
                    float[] g = layers.get(l).parameter().gradArray();
                    if (g != null) for (int i = 0; i < g.length; i++) sum[l][i] += g[i];
                }
            }
        } finally {
            model.zeroGrad();
            var buffers = model.namedBuffers();
            for (var e : savedBuffers.entrySet()) System.arraycopy(e.getValue(), 0, buffers.get(e.getKey()).data(), 0, e.getValue().length);
            model.train(wasTraining);
        }
        float inv = 1f / batches;
        for (float[] s : sum) for (int i = 0; i < s.length; i++) s[i] *= inv;
        return sum;
    }
}
