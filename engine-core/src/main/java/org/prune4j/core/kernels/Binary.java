package org.prune4j.core.kernels;

/** Pointwise functions of two arguments. */
public enum Binary {
    ADD, SUB, MUL, DIV, MAX, MIN
}
