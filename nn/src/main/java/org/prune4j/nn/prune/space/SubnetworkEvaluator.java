package org.prune4j.nn.prune.space;

/** Trains a subnetwork on a short, fixed budget and returns its error in [0, 1]. */
@FunctionalInterface
public interface SubnetworkEvaluator {
    double error(Subnetwork subnetwork);
}
