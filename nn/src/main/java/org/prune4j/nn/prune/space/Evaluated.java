package org.prune4j.nn.prune.space;

/** A subnetwork and the error it reached after the short training budget. */
public record Evaluated(Subnetwork subnetwork, double error) {
    public Evaluated {
        if (!(error >= 0 && error <= 1)) throw new IllegalArgumentException("evaluated subnetwork: error must be in [0, 1], got " + error);
    }
}
