package org.prune4j.nn.prune;

import java.util.List;
import org.prune4j.nn.Module;

/**
 * Structured column pruning of FastGRNN's matrices, Gupta et al.'s HAR-2 setting: for
 * each prunable matrix (the low-rank factors W1, W2, U1, U2, or W and U at full rank),
 * rank its columns by absolute column sum and mask the lowest round(κ·columns) whole
 * columns; fine-tuning then runs with the mask fixed. Granularity is one column, so each
 * matrix's sparsity is κ up to one column. The classifier head is left dense, since
 * dropping whole columns there would disconnect hidden units from every class.
 */
public final class ColumnPruner extends OneShotPruner {
    private final double sparsity;

    public ColumnPruner(double sparsity) {
        PruneOptions.checkSparsity(sparsity);
        this.sparsity = sparsity;
    }

    @Override public String name() { return "fastgrnn-columns"; }

    @Override protected void pruneInPlace(Module model, PruneData data) {
        List<PrunableLayer> layers = PrunableWeights.of(model);
        boolean any = false;
        for (PrunableLayer l : layers) {
            if (l.parameter().shape().rank() != 2 || !isRecurrentMatrix(l.name())) continue;
            any = true;
            int rows = l.parameter().shape().dim(0), cols = l.parameter().shape().dim(1);
            float[] w = l.parameter().data();
            float[] keepOld = l.keep();
            float[] colScore = new float[cols];
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += Math.abs(w[r * cols + c]);
                colScore[c] = (float) s;
            }
            float[] keepCols = KeepSelection.layer(colScore, PrunableWeights.keepCount(cols, sparsity), l.name() + " columns");
            float[] keep = new float[w.length];
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) keep[r * cols + c] = keepCols[c] * keepOld[r * cols + c];
            l.setKeep(keep);
        }
        if (!any) throw new IllegalArgumentException("fastgrnn-columns: model " + model.getClass().getSimpleName() + " has no FastGRNN matrices (W, U, W1, W2, U1, U2)");
    }

    private static boolean isRecurrentMatrix(String name) {
        String leaf = name.substring(name.lastIndexOf('.') + 1);
        return leaf.equals("W") || leaf.equals("U") || leaf.equals("W1") || leaf.equals("W2") || leaf.equals("U1") || leaf.equals("U2");
    }
}
