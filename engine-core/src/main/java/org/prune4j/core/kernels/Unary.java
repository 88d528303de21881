package org.prune4j.core.kernels;

/** Pointwise functions of one argument. Backward formulas use the input x or the output y, whichever is cheaper. */
public enum Unary {
    RELU, RELU6, SIGMOID, TANH, EXP, LOG, NEG, ABS, SQRT, SQUARE
}
