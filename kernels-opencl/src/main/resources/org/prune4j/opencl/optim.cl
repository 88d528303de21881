// Fused optimizer updates, one work-item per parameter element. Built with
// -cl-fp32-correctly-rounded-divide-sqrt and without contraction so every operation
// rounds as the Java reference does (no fused multiply-adds): a step on the device
// gives the same bits as on the host.
#pragma OPENCL FP_CONTRACT OFF

__kernel void sgd_update(int n, __global float* w, __global const float* grad, __global float* buf, int hasBuf, int first,
                         float lr, float momentum, float dampening, float weightDecay, int nesterov,
                         __global const float* mask, int hasMask) {
    int i = get_global_id(0);
    if (i >= n) return;
    float g = grad[i];
    float wi = w[i];
    if (weightDecay != 0.0f) g += weightDecay * wi;
    if (momentum != 0.0f) {
        float b = first ? g : momentum * buf[i] + (1.0f - dampening) * g;
        g = nesterov ? g + momentum * b : b;
        buf[i] = (hasMask && mask[i] == 0.0f) ? 0.0f : b;
    }
    wi -= lr * g;
    w[i] = (hasMask && mask[i] == 0.0f) ? 0.0f : wi;
}

__kernel void adam_update(int n, __global float* w, __global const float* grad, __global float* m, __global float* v,
                          float lr, float stepSize, float beta1, float beta2, float eps, float weightDecay, int decoupled,
                          float sqrtBiasCorrection2, __global const float* mask, int hasMask) {
    int i = get_global_id(0);
    if (i >= n) return;
    float g = grad[i];
    float wi = w[i];
    if (weightDecay != 0.0f) {
        if (decoupled) wi *= 1.0f - lr * weightDecay;
        else g += weightDecay * wi;
    }
    float mi = beta1 * m[i] + (1.0f - beta1) * g;
    float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
    float denom = sqrt(vi) / sqrtBiasCorrection2 + eps;
    wi -= stepSize * mi / denom;
    bool pruned = hasMask && mask[i] == 0.0f;
    w[i] = pruned ? 0.0f : wi;
    m[i] = pruned ? 0.0f : mi;
    v[i] = pruned ? 0.0f : vi;
}
