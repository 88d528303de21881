package org.prune4j.nn.prune;

/**
 * Gupta et al.'s Minimum Threshold (MT) against layer collapse: every layer keeps at
 * least σ weights while the network as a whole still reaches sparsity κ. Starting from
 * the per-layer sparsities plain Global MP produced, layers with n_l ≤ σ stay dense, the
 * others are rescaled so the total is κ, layers that would keep fewer than σ are clamped
 * to keep exactly σ, and the free layers are rescaled again until nothing new clamps.
 * Rescaling only the free layers is the fixed point of the paper's "rescale then
 * re-clamp" loop and always terminates.
 */
public final class MinimumThreshold {
    private MinimumThreshold() {}

    /**
     * @param sizes       n_l, the prunable weights per layer
     * @param globalMp    s_l from plain Global MP at κ
     * @param kappa       the overall target sparsity
     * @param sigma       the minimum number of weights each layer keeps
     * @return the per-layer sparsities to prune each layer to by its own magnitude
     */
    public static double[] allocate(int[] sizes, double[] globalMp, double kappa, double sigma) {
        int L = sizes.length;
        if (globalMp.length != L) throw new IllegalArgumentException("MT: " + L + " layer sizes but " + globalMp.length + " sparsities");
        if (!(kappa >= 0 && kappa < 1)) throw new IllegalArgumentException("MT: target sparsity must be in [0, 1), got " + kappa);
        if (!(sigma >= 0)) throw new IllegalArgumentException("MT: σ must be >= 0, got " + sigma);
        double total = 0, floorKept = 0;
        for (int n : sizes) {
            total += n;
            floorKept += Math.min(n, sigma);
        }
        if (total - floorKept < kappa * total - 1e-9) {
            throw new IllegalArgumentException(String.format(
                    "MT: σ = %.1f weights per layer over %d layers keeps at least %.0f of %.0f weights; sparsity %.4f is unreachable (max %.4f)",
                    sigma, L, floorKept, total, kappa, 1 - floorKept / total));
        }
        double[] s = globalMp.clone();
        boolean[] fixed = new boolean[L];
        for (int l = 0; l < L; l++) {
            if (sizes[l] <= sigma) {
                s[l] = 0;
                fixed[l] = true;
            }
        }
        for (int iter = 0; iter <= L; iter++) {
            double fixedPruned = 0, freePruned = 0, freeTotal = 0;
            for (int l = 0; l < L; l++) {
                if (fixed[l]) fixedPruned += sizes[l] * s[l];
                else {
                    freePruned += sizes[l] * s[l];
                    freeTotal += sizes[l];
                }
            }
            double need = kappa * total - fixedPruned;
            if (freeTotal == 0) break;
            double scale;
            if (freePruned > 0) {
                scale = need / freePruned;
            } else {
                // Global MP pruned nothing in the free layers: spread the remaining need uniformly.
                for (int l = 0; l < L; l++) if (!fixed[l]) s[l] = Math.max(0, need) / freeTotal;
                scale = 1.0;
            }
            boolean clamped = false;
            for (int l = 0; l < L; l++) {
                if (fixed[l]) continue;
                s[l] = Math.max(0, s[l] * scale);
                double maxS = 1.0 - sigma / sizes[l];
                if (s[l] > maxS) {
                    s[l] = maxS;
                    fixed[l] = true;
                    clamped = true;
                }
            }
            if (!clamped) break;
        }
        return s;
    }
}
