// Batch normalisation over x[N, C, S]. Training kernels run one work-group per channel:
// each work-item accumulates a strided slice with Kahan summation, then the group
// reduces pairwise. The mean is computed first and the variance from centred values
// (two passes), which is stable where E[x^2] - E[x]^2 is not.

__kernel void bn_train_forward(int n, int c, int s, __global const float* x, __global const float* gamma,
                               __global const float* beta, float eps, __global float* y,
                               __global float* mean, __global float* invStd, __local float* scratch) {
    const int ch = get_group_id(0), lid = get_local_id(0), wg = get_local_size(0);
    const int count = n * s;
    float sum = 0.0f, comp = 0.0f;
    for (int t = lid; t < count; t += wg) kahan_add(&sum, &comp, x[((t / s) * c + ch) * s + t % s]);
    const float mu = group_sum(sum, scratch) / (float) count;
    sum = 0.0f;
    comp = 0.0f;
    for (int t = lid; t < count; t += wg) {
        float d = x[((t / s) * c + ch) * s + t % s] - mu;
        kahan_add(&sum, &comp, d * d);
    }
    const float var = group_sum(sum, scratch) / (float) count;
    const float is = 1.0f / sqrt(var + eps);
    if (lid == 0) {
        mean[ch] = mu;
        invStd[ch] = is;
    }
    const float g = gamma[ch], b = beta[ch];
    for (int t = lid; t < count; t += wg) {
        int k = ((t / s) * c + ch) * s + t % s;
        y[k] = (x[k] - mu) * is * g + b;
    }
}

__kernel void bn_eval_forward(int total, int c, int s, __global const float* x, __global const float* gamma,
                              __global const float* beta, __global const float* runMean, __global const float* runVar,
                              float eps, __global float* y) {
    int k = get_global_id(0);
    if (k >= total) return;
    int ch = (k / s) % c;
    float is = 1.0f / sqrt(runVar[ch] + eps);
    y[k] = (x[k] - runMean[ch]) * is * gamma[ch] + beta[ch];
}

__kernel void bn_backward(int n, int c, int s, __global const float* x, __global const float* dy,
                          __global const float* gamma, __global const float* mean, __global const float* invStd,
                          __global float* dx, __global float* dgamma, __global float* dbeta, __local float* scratch) {
    const int ch = get_group_id(0), lid = get_local_id(0), wg = get_local_size(0);
    const int count = n * s;
    const float mu = mean[ch], is = invStd[ch];
    float sDy = 0.0f, cDy = 0.0f, sDyX = 0.0f, cDyX = 0.0f;
    for (int t = lid; t < count; t += wg) {
        int k = ((t / s) * c + ch) * s + t % s;
        float d = dy[k];
        kahan_add(&sDy, &cDy, d);
        kahan_add(&sDyX, &cDyX, d * ((x[k] - mu) * is));
    }
    const float sumDy = group_sum(sDy, scratch);
    const float sumDyXhat = group_sum(sDyX, scratch);
    if (lid == 0) {
        dgamma[ch] = sumDyXhat;
        dbeta[ch] = sumDy;
    }
    const float m = (float) count;
    const float scale = gamma[ch] * is / m;
    for (int t = lid; t < count; t += wg) {
        int k = ((t / s) * c + ch) * s + t % s;
        float xhat = (x[k] - mu) * is;
        dx[k] = scale * (m * dy[k] - sumDy - xhat * sumDyXhat);
    }
}

// Running statistics after a training step (PyTorch's momentum convention), one work-item
// per channel; the unbiased variance comes from invStd = 1/sqrt(var + eps).
__kernel void bn_update_running(int c, __global const float* mean, __global const float* invStd, float eps,
                                float count, float momentum, __global float* runMean, __global float* runVar) {
    const int ch = get_global_id(0);
    if (ch >= c) return;
    const float is = invStd[ch];
    const float unbiased = fmax(1.0f / (is * is) - eps, 0.0f) * count / (count - 1.0f);
    runMean[ch] = (1.0f - momentum) * runMean[ch] + momentum * mean[ch];
    runVar[ch] = (1.0f - momentum) * runVar[ch] + momentum * unbiased;
}
