package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Init;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * The FastGRNN cell (Kusupati et al. 2018):
 * <pre>
 *   z_t = σ(W x_t + U h_{t−1} + b_z)        h̃_t = tanh(W x_t + U h_{t−1} + b_h)
 *   h_t = (ζ(1 − z_t) + ν) ⊙ h̃_t + z_t ⊙ h_{t−1}     ζ = σ(ζ_raw), ν = σ(ν_raw)
 * </pre>
 * W [hidden, input] and U [hidden, hidden] are full rank, or low rank as W = W1·W2
 * (W1 [hidden, r_w], W2 [r_w, input]) and U = U1·U2 when a rank > 0 is given; the low-rank
 * product is applied factor by factor, never formed. Names follow Microsoft EdgeML
 * ({@code W}, {@code W1}, {@code U2}, {@code bias_gate}, {@code bias_update}, {@code zeta},
 * {@code nu}), as do the inits: matrices N(0, 0.1²), biases 1, ζ_raw = 1, ν_raw = −4.
 * The matrices (or factors) are prunable; biases and ζ, ν are not.
 */
public final class FastGRNNCell extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final Parameter w, w1, w2, u, u1, u2;
    private final Parameter biasGate;
    private final Parameter biasUpdate;
    private final Parameter zeta;
    private final Parameter nu;

    /** wRank / uRank ≤ 0 mean full rank. */
    public FastGRNNCell(int inputSize, int hiddenSize, int wRank, int uRank, Rng rng) {
        LayerChecks.positive(inputSize, "FastGRNNCell", "input_size");
        LayerChecks.positive(hiddenSize, "FastGRNNCell", "hidden_size");
        LayerChecks.notNull(rng, "FastGRNNCell", "rng");
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        if (wRank > 0) {
            w = null;
            w1 = registerParameter("W1", matrix(hiddenSize, wRank, rng));
            w2 = registerParameter("W2", matrix(wRank, inputSize, rng));
        } else {
            w = registerParameter("W", matrix(hiddenSize, inputSize, rng));
            w1 = w2 = null;
        }
        if (uRank > 0) {
            u = null;
            u1 = registerParameter("U1", matrix(hiddenSize, uRank, rng));
            u2 = registerParameter("U2", matrix(uRank, hiddenSize, rng));
        } else {
            u = registerParameter("U", matrix(hiddenSize, hiddenSize, rng));
            u1 = u2 = null;
        }
        biasGate = registerParameter("bias_gate", new Parameter(Tensor.ones(hiddenSize)));
        biasUpdate = registerParameter("bias_update", new Parameter(Tensor.ones(hiddenSize)));
        zeta = registerParameter("zeta", new Parameter(Tensor.full(1f, 1)));
        nu = registerParameter("nu", new Parameter(Tensor.full(-4f, 1)));
    }

    private static Parameter matrix(int rows, int cols, Rng rng) {
        Tensor t = Tensor.zeros(rows, cols);
        Init.normal(t, 0f, 0.1f, rng);
        return new Parameter(t, true);
    }

    /** One step: x [N, input], h [N, hidden] → h' [N, hidden]. */
    public Tensor step(Tensor x, Tensor h) {
        if (x.rank() != 2 || x.dim(1) != inputSize) {
            throw new IllegalArgumentException("FastGRNNCell(" + inputSize + " -> " + hiddenSize + "): expected x_t [N, " + inputSize + "], got " + x.shape());
        }
        if (h.rank() != 2 || h.dim(0) != x.dim(0) || h.dim(1) != hiddenSize) {
            throw new IllegalArgumentException("FastGRNNCell: expected h [" + x.dim(0) + ", " + hiddenSize + "], got " + h.shape());
        }
        // x·Wᵀ = x·W2ᵀ·W1ᵀ for the low-rank form: two thin products instead of forming W.
        Tensor wx = w != null ? Ops.linear(x, w.effective(), null) : Ops.linear(Ops.linear(x, w2.effective(), null), w1.effective(), null);
        Tensor uh = u != null ? Ops.linear(h, u.effective(), null) : Ops.linear(Ops.linear(h, u2.effective(), null), u1.effective(), null);
        Tensor pre = Ops.add(wx, uh);
        Tensor z = Ops.sigmoid(Ops.add(pre, biasGate.tensor()));
        Tensor hTilde = Ops.tanh(Ops.add(pre, biasUpdate.tensor()));
        Tensor gate = Ops.add(Ops.mul(Ops.sigmoid(zeta.tensor()), Ops.rsubScalar(z, 1f)), Ops.sigmoid(nu.tensor()));
        return Ops.add(Ops.mul(gate, hTilde), Ops.mul(z, h));
    }

    /** Runs the recurrence over x [N, T, input] from h_0 = 0 and returns the last hidden state [N, hidden]. */
    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 3 || x.dim(2) != inputSize) {
            throw new IllegalArgumentException("FastGRNNCell: expected a sequence [N, T, " + inputSize + "], got " + x.shape());
        }
        int n = x.dim(0), steps = x.dim(1);
        if (steps == 0) throw new IllegalArgumentException("FastGRNNCell: sequence has no time steps, shape " + x.shape());
        Tensor h = Tensor.zeros(n, hiddenSize);
        for (int t = 0; t < steps; t++) h = step(Ops.slice(x, 1, t, t + 1).reshape(n, inputSize), h);
        return h;
    }

    public int inputSize() { return inputSize; }

    public int hiddenSize() { return hiddenSize; }

    public boolean lowRankW() { return w == null; }

    public boolean lowRankU() { return u == null; }
}
