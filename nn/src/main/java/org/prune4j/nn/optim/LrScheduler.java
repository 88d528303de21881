package org.prune4j.nn.optim;

/**
 * Drives an optimizer's learning rate from a schedule, counted in iterations or in
 * epochs. The trainer calls {@link #apply} before every batch with the current epoch
 * and global iteration; the schedule picks the one its pace counts.
 */
public final class LrScheduler {
    /** What the schedule's step counts. */
    public enum Pace { ITERATION, EPOCH }

    private final LrSchedule schedule;
    private final Pace pace;

    public LrScheduler(LrSchedule schedule, Pace pace) {
        if (schedule == null) throw new IllegalArgumentException("LrScheduler: schedule must not be null");
        if (pace == null) throw new IllegalArgumentException("LrScheduler: pace must not be null");
        this.schedule = schedule;
        this.pace = pace;
    }

    public float lrAt(int epoch, long globalIteration) {
        return schedule.lr(pace == Pace.EPOCH ? epoch : globalIteration);
    }

    /** Sets the optimizer's learning rate for this point of training and returns it. */
    public float apply(Optimizer optimizer, int epoch, long globalIteration) {
        float lr = lrAt(epoch, globalIteration);
        optimizer.setLr(lr);
        return lr;
    }

    public LrSchedule schedule() { return schedule; }

    public Pace pace() { return pace; }
}
