// Row-wise softmax family: one work-group per row, max and sums reduced in the group.
// The row maximum is subtracted before exp so large logits do not overflow.

inline float row_max(__global const float* x, int cols, __local float* scratch) {
    float m = -INFINITY;
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) m = max_nan(m, x[j]);
    return group_max(m, scratch);
}

inline float row_sum_exp(__global const float* x, int cols, float max, __local float* scratch) {
    float sum = 0.0f, comp = 0.0f;
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) kahan_add(&sum, &comp, exp(x[j] - max));
    return group_sum(sum, scratch);
}

__kernel void softmax(int cols, __global const float* x, __global float* y, __local float* scratch) {
    const int r = get_group_id(0);
    x += r * cols;
    y += r * cols;
    float max = row_max(x, cols, scratch);
    float z = row_sum_exp(x, cols, max, scratch);
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) y[j] = exp(x[j] - max) / z;
}

__kernel void log_softmax(int cols, __global const float* x, __global float* y, __local float* scratch) {
    const int r = get_group_id(0);
    x += r * cols;
    y += r * cols;
    float max = row_max(x, cols, scratch);
    float lse = max + log(row_sum_exp(x, cols, max, scratch));
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) y[j] = x[j] - lse;
}

__kernel void softmax_backward(int cols, __global const float* y, __global const float* dy, __global float* dx,
                               __local float* scratch) {
    const int r = get_group_id(0);
    y += r * cols;
    dy += r * cols;
    dx += r * cols;
    float sum = 0.0f, comp = 0.0f;
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) kahan_add(&sum, &comp, dy[j] * y[j]);
    float dot = group_sum(sum, scratch);
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) dx[j] = y[j] * (dy[j] - dot);
}

__kernel void log_softmax_backward(int cols, __global const float* y, __global const float* dy, __global float* dx,
                                   __local float* scratch) {
    const int r = get_group_id(0);
    y += r * cols;
    dy += r * cols;
    dx += r * cols;
    float sum = 0.0f, comp = 0.0f;
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) kahan_add(&sum, &comp, dy[j]);
    float s = group_sum(sum, scratch);
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) dx[j] = dy[j] - exp(y[j]) * s;
}

// Writes probabilities and each row's loss; the host adds the rows in double.
__kernel void cross_entropy_forward(int cols, __global const float* logits, __global const int* labels, float smoothing,
                                    __global float* prob, __global float* rowLoss, __local float* scratch) {
    const int r = get_group_id(0);
    logits += r * cols;
    prob += r * cols;
    const int label = labels[r];
    float max = row_max(logits, cols, scratch);
    float lse = max + log(row_sum_exp(logits, cols, max, scratch));
    float sum = 0.0f, comp = 0.0f;
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) {
        float logp = logits[j] - lse;
        prob[j] = exp(logp);
        float target = (j == label ? 1.0f - smoothing : 0.0f) + smoothing / cols;
        kahan_add(&sum, &comp, -target * logp);
    }
    float loss = group_sum(sum, scratch);
    if (get_local_id(0) == 0) rowLoss[r] = loss;
}

__kernel void cross_entropy_backward(int rows, int cols, __global const float* prob, __global const int* labels,
                                     float smoothing, float scale, __global float* dlogits) {
    int i = get_global_id(0);
    if (i >= rows * cols) return;
    int r = i / cols, j = i % cols;
    float k = scale / rows;
    float target = (j == labels[r] ? 1.0f - smoothing : 0.0f) + smoothing / cols;
    dlogits[i] = k * (prob[i] - target);
}
