package org.prune4j.core.kernels;

import org.prune4j.core.sparse.CsrMatrix;

/**
 * Plain loops written to be obviously right: the oracle every fast backend is tested
 * against. Single-threaded, accumulates in double where a sum is long, no blocking.
 * Not meant to be fast.
 */
public class ReferenceKernels implements Kernels {

    @Override public String name() { return "reference"; }

    @Override public String describe() { return "reference (scalar Java loops, the conformance oracle)"; }

    @Override public int priority() { return 0; }

    // ------------------------------------------------------------------ GEMM

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        KernelArgs.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? (float) (alpha * s) : (float) (alpha * s + beta * c[ci]);
            }
        }
    }

    // ------------------------------------------------------------------ convolution

    @Override
    public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        KernelArgs.convForward(g, x, w, bias, y);
        int oh = g.outH(), ow = g.outW(), cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++)
            for (int co = 0; co < g.outChannels(); co++) {
                int grp = co / coutG;
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias[co];
                        for (int ci = 0; ci < cinG; ci++)
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                                if (iy < 0 || iy >= g.inH()) continue;
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int ix = ox * g.strideW() - g.padW() + kx * g.dilationW();
                                    if (ix < 0 || ix >= g.inW()) continue;
                                    int cin = grp * cinG + ci;
                                    s += (double) x[((n * g.inChannels() + cin) * g.inH() + iy) * g.inW() + ix]
                                            * w[((co * cinG + ci) * g.kernelH() + ky) * g.kernelW() + kx];
                                }
                            }
                        y[((n * g.outChannels() + co) * oh + oy) * ow + ox] = (float) s;
                    }
            }
    }

    @Override
    public void conv2dBackwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        KernelArgs.convBackwardData(g, dy, w, dx);
        double[] acc = new double[g.inputSize()];
        int oh = g.outH(), ow = g.outW(), cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++)
            for (int co = 0; co < g.outChannels(); co++) {
                int grp = co / coutG;
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double d = dy[((n * g.outChannels() + co) * oh + oy) * ow + ox];
                        for (int ci = 0; ci < cinG; ci++)
                            for (int ky = 0; ky < g.kernelH(); ky++) {
                                int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                                if (iy < 0 || iy >= g.inH()) continue;
                                for (int kx = 0; kx < g.kernelW(); kx++) {
                                    int ix = ox * g.strideW() - g.padW() + kx * g.dilationW();
                                    if (ix < 0 || ix >= g.inW()) continue;
                                    int cin = grp * cinG + ci;
                                    acc[((n * g.inChannels() + cin) * g.inH() + iy) * g.inW() + ix] +=
                                            d * w[((co * cinG + ci) * g.kernelH() + ky) * g.kernelW() + kx];
                                }
                            }
                    }
            }
        for (int i = 0; i < acc.length; i++) dx[i] = (float) acc[i];
    }

    @Override
    public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        KernelArgs.convBackwardWeight(g, x, dy, dw);
        int oh = g.outH(), ow = g.outW(), cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        for (int co = 0; co < g.outChannels(); co++) {
            int grp = co / coutG;
            for (int ci = 0; ci < cinG; ci++)
                for (int ky = 0; ky < g.kernelH(); ky++)
                    for (int kx = 0; kx < g.kernelW(); kx++) {
                        dw[((co * cinG + ci) * g.kernelH() + ky) * g.kernelW() + kx] =
                                (float) weightGradAt(g, x, dy, co, grp * cinG + ci, ky, kx, oh, ow);
                    }
        }
    }

    private static double weightGradAt(ConvGeometry g, float[] x, float[] dy, int co, int cin, int ky, int kx, int oh, int ow) {
        double s = 0;
        for (int n = 0; n < g.batch(); n++)
            for (int oy = 0; oy < oh; oy++) {
                int iy = oy * g.strideH() - g.padH() + ky * g.dilationH();
                if (iy < 0 || iy >= g.inH()) continue;
                for (int ox = 0; ox < ow; ox++) {
                    int ix = ox * g.strideW() - g.padW() + kx * g.dilationW();
                    if (ix < 0 || ix >= g.inW()) continue;
                    s += (double) x[((n * g.inChannels() + cin) * g.inH() + iy) * g.inW() + ix]
                            * dy[((n * g.outChannels() + co) * oh + oy) * ow + ox];
                }
            }
        return s;
    }

    // ------------------------------------------------------------------ pooling

    @Override
    public void maxPool2dForward(PoolGeometry p, float[] x, float[] y, int[] argmax) {
        int oh = p.outH(), ow = p.outW();
        for (int nc = 0; nc < p.batch() * p.channels(); nc++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIdx = -1;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        int iy = oy * p.strideH() - p.padH() + ky;
                        if (iy < 0 || iy >= p.inH()) continue;
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int ix = ox * p.strideW() - p.padW() + kx;
                            if (ix < 0 || ix >= p.inW()) continue;
                            int idx = (nc * p.inH() + iy) * p.inW() + ix;
                            // NaN wins, as in PyTorch, so a NaN is never silently dropped.
                            if (bestIdx < 0 || x[idx] > best || Float.isNaN(x[idx]) && !Float.isNaN(best)) {
                                best = x[idx];
                                bestIdx = idx;
                            }
                        }
                    }
                    int o = (nc * oh + oy) * ow + ox;
                    y[o] = best;
                    argmax[o] = bestIdx;
                }
    }

    @Override
    public void maxPool2dBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx) {
        java.util.Arrays.fill(dx, 0, p.inputSize(), 0f);
        for (int o = 0; o < p.outputSize(); o++) dx[argmax[o]] += dy[o];
    }

    @Override
    public void avgPool2dForward(PoolGeometry p, float[] x, float[] y) {
        int oh = p.outH(), ow = p.outW();
        float inv = 1f / (p.kernelH() * p.kernelW());
        for (int nc = 0; nc < p.batch() * p.channels(); nc++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    double s = 0;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        int iy = oy * p.strideH() - p.padH() + ky;
                        if (iy < 0 || iy >= p.inH()) continue;
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int ix = ox * p.strideW() - p.padW() + kx;
                            if (ix < 0 || ix >= p.inW()) continue;
                            s += x[(nc * p.inH() + iy) * p.inW() + ix];
                        }
                    }
                    y[(nc * oh + oy) * ow + ox] = (float) (s * inv);
                }
    }

    @Override
    public void avgPool2dBackward(PoolGeometry p, float[] dy, float[] dx) {
        java.util.Arrays.fill(dx, 0, p.inputSize(), 0f);
        int oh = p.outH(), ow = p.outW();
        float inv = 1f / (p.kernelH() * p.kernelW());
        for (int nc = 0; nc < p.batch() * p.channels(); nc++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    float d = dy[(nc * oh + oy) * ow + ox] * inv;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        int iy = oy * p.strideH() - p.padH() + ky;
                        if (iy < 0 || iy >= p.inH()) continue;
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int ix = ox * p.strideW() - p.padW() + kx;
                            if (ix < 0 || ix >= p.inW()) continue;
                            dx[(nc * p.inH() + iy) * p.inW() + ix] += d;
                        }
                    }
                }
    }

    // ------------------------------------------------------------------ batch norm

    @Override
    public void batchNormTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                                      float[] y, float[] mean, float[] invStd) {
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) sum += x[(i * c + ch) * s + j];
            double mu = sum / ((double) n * s);
            double var = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    double d = x[(i * c + ch) * s + j] - mu;
                    var += d * d;
                }
            var /= (double) n * s;
            double is = 1.0 / Math.sqrt(var + eps);
            mean[ch] = (float) mu;
            invStd[ch] = (float) is;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    int k = (i * c + ch) * s + j;
                    y[k] = (float) ((x[k] - mu) * is * gamma[ch] + beta[ch]);
                }
        }
    }

    @Override
    public void batchNormEvalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta,
                                     float[] runMean, float[] runVar, float eps, float[] y) {
        for (int ch = 0; ch < c; ch++) {
            double is = 1.0 / Math.sqrt(runVar[ch] + (double) eps);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    int k = (i * c + ch) * s + j;
                    y[k] = (float) ((x[k] - runMean[ch]) * is * gamma[ch] + beta[ch]);
                }
        }
    }

    @Override
    public void batchNormBackward(int n, int c, int s, float[] x, float[] dy, float[] gamma,
                                  float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        double m = (double) n * s;
        for (int ch = 0; ch < c; ch++) {
            double sumDy = 0, sumDyXhat = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    int k = (i * c + ch) * s + j;
                    double xhat = (x[k] - mean[ch]) * (double) invStd[ch];
                    sumDy += dy[k];
                    sumDyXhat += dy[k] * xhat;
                }
            dgamma[ch] = (float) sumDyXhat;
            dbeta[ch] = (float) sumDy;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    int k = (i * c + ch) * s + j;
                    double xhat = (x[k] - mean[ch]) * (double) invStd[ch];
                    dx[k] = (float) (gamma[ch] * invStd[ch] / m * (m * dy[k] - sumDy - xhat * sumDyXhat));
                }
        }
    }

    // ------------------------------------------------------------------ elementwise

    /** The scalar definition of each unary function; fast backends use it for tails. */
    public static float apply(Unary op, float v) {
        return switch (op) {
            case RELU -> v < 0f ? 0f : v; // NaN passes through, as in PyTorch, so a blow-up stays visible
            case RELU6 -> v <= 0f ? 0f : Math.min(v, 6f);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
            case TANH -> (float) Math.tanh(v);
            case EXP -> (float) Math.exp(v);
            case LOG -> (float) Math.log(v);
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case SQRT -> (float) Math.sqrt(v);
            case SQUARE -> v * v;
        };
    }

    /** f'(x) expressed with x and y = f(x). */
    public static float derivative(Unary op, float x, float y) {
        return switch (op) {
            case RELU -> x > 0f ? 1f : 0f;
            case RELU6 -> x > 0f && x < 6f ? 1f : 0f;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case EXP -> y;
            case LOG -> 1f / x;
            case NEG -> -1f;
            case ABS -> x > 0f ? 1f : x < 0f ? -1f : 0f;
            case SQRT -> 0.5f / y;
            case SQUARE -> 2f * x;
        };
    }

    public static float apply(Binary op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    @Override
    public void unary(Unary op, int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, x[xOff + i]);
    }

    @Override
    public void unaryBackward(Unary op, int n, float[] x, float[] y, float[] dy, float[] dx) {
        for (int i = 0; i < n; i++) dx[i] = dy[i] * derivative(op, x == null ? 0f : x[i], y == null ? 0f : y[i]);
    }

    @Override
    public void binary(Binary op, int n, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, a[aOff + i], b[bOff + i]);
    }

    @Override
    public void binaryBroadcast(Binary op, int[] shape, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] y) {
        int rank = shape.length;
        int total = 1;
        for (int d : shape) total *= d;
        int[] idx = new int[rank];
        for (int i = 0; i < total; i++) {
            int ai = 0, bi = 0;
            for (int d = 0; d < rank; d++) {
                ai += idx[d] * aStrides[d];
                bi += idx[d] * bStrides[d];
            }
            y[i] = apply(op, a[ai], b[bi]);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
    }

    @Override
    public void affine(int n, float[] x, int xOff, float alpha, float beta, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] = alpha * x[xOff + i] + beta;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public void copy(int n, float[] x, int xOff, float[] y, int yOff) {
        System.arraycopy(x, xOff, y, yOff, n);
    }

    @Override
    public void sgdUpdate(int n, float[] w, float[] grad, float[] buf, boolean firstStep, float lr, float momentum,
                          float dampening, float weightDecay, boolean nesterov, float[] mask) {
        for (int i = 0; i < n; i++) {
            float g = grad[i];
            if (weightDecay != 0f) g += weightDecay * w[i];
            if (momentum != 0f) {
                buf[i] = firstStep ? g : momentum * buf[i] + (1f - dampening) * g;
                g = nesterov ? g + momentum * buf[i] : buf[i];
            }
            w[i] -= lr * g;
            if (mask != null && mask[i] == 0f) {
                w[i] = 0f;
                if (momentum != 0f) buf[i] = 0f;
            }
        }
    }

    @Override
    public void adamUpdate(int n, float[] w, float[] grad, float[] m, float[] v, float lr, float stepSize, float beta1, float beta2,
                           float eps, float weightDecay, boolean decoupled, float sqrtBiasCorrection2, float[] mask) {
        for (int i = 0; i < n; i++) {
            float g = grad[i];
            if (weightDecay != 0f) {
                if (decoupled) w[i] *= 1f - lr * weightDecay;
                else g += weightDecay * w[i];
            }
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            float denom = (float) Math.sqrt(v[i]) / sqrtBiasCorrection2 + eps;
            w[i] -= stepSize * m[i] / denom;
            if (mask != null && mask[i] == 0f) {
                w[i] = 0f;
                m[i] = 0f;
                v[i] = 0f;
            }
        }
    }

    @Override
    public void biasActivation(int n, int c, int s, float[] y, float[] bias, boolean relu) {
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) {
                float bv = bias == null ? 0f : bias[ch];
                int base = (i * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    float v = y[base + j] + bv;
                    y[base + j] = relu && v < 0f ? 0f : v;
                }
            }
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public void sumAxis(int outer, int len, int inner, float[] x, float[] y) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int j = 0; j < len; j++) s += x[(o * len + j) * inner + i];
                y[o * inner + i] = (float) s;
            }
    }

    @Override
    public double sum(int n, float[] x, int xOff) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xOff + i];
        return s;
    }

    // ------------------------------------------------------------------ softmax family

    @Override
    public void softmax(int rows, int cols, float[] x, float[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[o + j]);
            double z = 0;
            for (int j = 0; j < cols; j++) z += Math.exp(x[o + j] - max);
            for (int j = 0; j < cols; j++) y[o + j] = (float) (Math.exp(x[o + j] - max) / z);
        }
    }

    @Override
    public void logSoftmax(int rows, int cols, float[] x, float[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[o + j]);
            double z = 0;
            for (int j = 0; j < cols; j++) z += Math.exp(x[o + j] - max);
            double lse = max + Math.log(z);
            for (int j = 0; j < cols; j++) y[o + j] = (float) (x[o + j] - lse);
        }
    }

    @Override
    public void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) dot += (double) dy[o + j] * y[o + j];
            for (int j = 0; j < cols; j++) dx[o + j] = (float) (y[o + j] * (dy[o + j] - dot));
        }
    }

    @Override
    public void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double s = 0;
            for (int j = 0; j < cols; j++) s += dy[o + j];
            for (int j = 0; j < cols; j++) dx[o + j] = (float) (dy[o + j] - Math.exp(y[o + j]) * s);
        }
    }

    @Override
    public float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, logits[o + j]);
            double z = 0;
            for (int j = 0; j < cols; j++) z += Math.exp(logits[o + j] - max);
            double lse = max + Math.log(z);
            double rowLoss = 0;
            for (int j = 0; j < cols; j++) {
                double logp = logits[o + j] - lse;
                prob[o + j] = (float) Math.exp(logp);
                double target = (j == labels[r] ? 1.0 - smoothing : 0.0) + smoothing / cols;
                rowLoss -= target * logp;
            }
            total += rowLoss;
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits) {
        float k = scale / rows;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) {
                float target = (j == labels[r] ? 1f - smoothing : 0f) + smoothing / cols;
                dlogits[r * cols + j] = k * (prob[r * cols + j] - target);
            }
    }

    // ------------------------------------------------------------------ layout

    @Override
    public void permute(int[] shape, int[] perm, float[] x, float[] y) {
        int rank = shape.length;
        int[] inStrides = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStrides[d] = s;
            s *= shape[d];
        }
        int[] outShape = new int[rank];
        for (int d = 0; d < rank; d++) outShape[d] = shape[perm[d]];
        int[] idx = new int[rank];
        for (int i = 0; i < s; i++) {
            int src = 0;
            for (int d = 0; d < rank; d++) src += idx[d] * inStrides[perm[d]];
            y[i] = x[src];
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < outShape[d]) break;
                idx[d] = 0;
            }
        }
    }

    @Override
    public void gather(int n, float[] src, int srcOff, int[] index, float[] dst) {
        checkGather(n, src, srcOff, index, dst);
        for (int p = 0; p < n; p++) dst[p] = src[srcOff + index[p]];
    }

    @Override
    public void scatter(int n, float[] src, int[] index, int len, float[] dst) {
        checkScatter(n, src, index, len, dst);
        java.util.Arrays.fill(dst, 0, len, 0f);
        for (int p = 0; p < n; p++) dst[index[p]] = src[p];
    }

    /**
     * Argument checks shared by every backend's gather, so a table that does not fit its
     * arrays fails with a message instead of reading or writing out of bounds on a device.
     */
    public static void checkGather(int n, float[] src, int srcOff, int[] index, float[] dst) {
        if (srcOff < 0 || srcOff > src.length) throw new IllegalArgumentException("gather: source offset " + srcOff + " outside an array of " + src.length);
        if (n > dst.length) throw new IllegalArgumentException("gather: " + n + " entries into an array of " + dst.length);
        checkIndices("gather", n, index, src.length - srcOff);
    }

    /** Argument checks shared by every backend's scatter (see {@link #checkGather}). */
    public static void checkScatter(int n, float[] src, int[] index, int len, float[] dst) {
        if (len < 0 || len > dst.length) throw new IllegalArgumentException("scatter: length " + len + " but the destination holds " + dst.length);
        if (n > src.length) throw new IllegalArgumentException("scatter: " + n + " entries from an array of " + src.length);
        checkIndices("scatter", n, index, len);
    }

    private static void checkIndices(String op, int n, int[] index, int bound) {
        if (n < 0 || n > index.length) throw new IllegalArgumentException(op + ": " + n + " entries but the index table has " + index.length);
        for (int p = 0; p < n; p++) {
            if (index[p] < 0 || index[p] >= bound) {
                throw new IllegalArgumentException(op + ": index " + index[p] + " at entry " + p + " outside [0, " + bound + ")");
            }
        }
    }

    // ------------------------------------------------------------------ sparse

    @Override
    public void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.spmm(a, n, b, bOff, c, cOff, bias);
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.values();
        for (int i = 0; i < a.rows(); i++)
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * n + j] : (bias == null ? 0 : bias[i]);
                for (int p = rp[i]; p < rp[i + 1]; p++) s += (double) v[p] * b[bOff + ci[p] * n + j];
                float f = (float) s;
                c[cOff + i * n + j] = relu && f < 0f ? 0f : f;
            }
    }

    @Override
    public void sparseLinear(CsrMatrix a, int batch, float[] x, int xOff, float[] y, int yOff, float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.sparseLinear(a, batch, x, xOff, y, yOff, bias);
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.values();
        int m = a.rows(), k = a.cols();
        for (int n = 0; n < batch; n++)
            for (int i = 0; i < m; i++) {
                double s = accumulate ? y[yOff + n * m + i] : (bias == null ? 0 : bias[i]);
                for (int p = rp[i]; p < rp[i + 1]; p++) s += (double) v[p] * x[xOff + n * k + ci[p]];
                float f = (float) s;
                y[yOff + n * m + i] = relu && f < 0f ? 0f : f;
            }
    }

    @Override
    public void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out, boolean accumulate) {
        KernelArgs.sddmm(pattern, n, a, aOff, b, bOff, out);
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        for (int i = 0; i < pattern.rows(); i++)
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                double s = 0;
                for (int t = 0; t < n; t++) s += (double) a[aOff + i * n + t] * b[bOff + ci[p] * n + t];
                out[p] = accumulate ? out[p] + (float) s : (float) s;
            }
    }

    @Override
    public void sparseConv2dForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        KernelArgs.sparseConvForward(g, w, x, bias, y);
        conv2dForward(g, x, w.toDense(), bias, y);
        if (relu) for (int i = 0; i < g.outputSize(); i++) if (y[i] < 0f) y[i] = 0f;
    }

    @Override
    public void sparseConv2dBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        KernelArgs.sparseConvBackwardData(g, w, dy, dx);
        conv2dBackwardData(g, dy, w.toDense(), dx);
    }

    @Override
    public void sparseConv2dBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        KernelArgs.sparseConvBackwardWeight(g, pattern, x, dy, dwValues);
        int oh = g.outH(), ow = g.outW(), cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        int khw = g.kernelH() * g.kernelW();
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        for (int co = 0; co < g.outChannels(); co++) {
            int grp = co / coutG;
            for (int p = rp[co]; p < rp[co + 1]; p++) {
                int col = ci[p];
                int c = col / khw, ky = (col % khw) / g.kernelW(), kx = col % g.kernelW();
                dwValues[p] = (float) weightGradAt(g, x, dy, co, grp * cinG + c, ky, kx, oh, ow);
            }
        }
    }
}
