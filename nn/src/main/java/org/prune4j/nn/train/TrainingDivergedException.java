package org.prune4j.nn.train;

/** The loss became NaN or infinite; names where, so the run can be diagnosed or resumed from an earlier checkpoint. */
public final class TrainingDivergedException extends IllegalStateException {
    private final int epoch;
    private final long step;
    private final float loss;

    public TrainingDivergedException(int epoch, int epochs, int batch, int batches, long step, float loss) {
        super("training stopped: loss is " + loss + " at epoch " + (epoch + 1) + "/" + epochs + " (index " + epoch + "), batch "
                + (batch + 1) + "/" + batches + ", global step " + step
                + "; lower the learning rate, check the inputs for NaN/Inf, or resume from an earlier checkpoint");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** 0-based epoch. */
    public int epoch() { return epoch; }

    /** 0-based global iteration. */
    public long step() { return step; }

    public float loss() { return loss; }
}
