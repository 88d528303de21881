package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;

/**
 * The batch cut into folds of {@link PhaseLayout#imagesPerFold(ConvGeometry, int)} images: all folds share
 * one layout except a shorter last one. Folds are the unit of work of the sparse
 * convolution kernels.
 */
final class ImageFolds {
    final int count;
    final int perFold;
    final PhaseLayout full;
    final PhaseLayout last;

    ImageFolds(ConvGeometry g) {
        this(g, 0);
    }

    /** Folds whose layouts have the given phase row stride (0: natural, see {@link PhaseLayout}). */
    ImageFolds(ConvGeometry g, int rowStride) {
        perFold = PhaseLayout.imagesPerFold(g, rowStride);
        count = (g.batch() + perFold - 1) / perFold;
        int rest = g.batch() - (count - 1) * perFold;
        full = new PhaseLayout(g, perFold, rowStride);
        last = rest == perFold ? full : new PhaseLayout(g, rest, rowStride);
    }

    PhaseLayout layout(int fold) {
        return fold == count - 1 ? last : full;
    }

    /** First fold of share part when the folds are cut into parts equal shares (shareStart(parts) == count). */
    int shareStart(int part, int parts) {
        return (int) ((long) count * part / parts);
    }

    int firstImage(int fold) {
        return fold * perFold;
    }
}
