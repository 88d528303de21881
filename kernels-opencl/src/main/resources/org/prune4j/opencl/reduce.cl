// Reductions. sum_axis gives each output one work-item (outputs are many, the axis
// is usually short); sum_partials leaves one float per work-group for the host to add
// in double, so the total never depends on float atomics.

__kernel void sum_axis(int outer, int len, int inner, __global const float* x, __global float* y) {
    int i = get_global_id(0);
    if (i >= outer * inner) return;
    int o = i / inner, in = i % inner;
    float sum = 0.0f, comp = 0.0f;
    for (int j = 0; j < len; j++) kahan_add(&sum, &comp, x[(o * len + j) * inner + in]);
    y[i] = sum;
}

__kernel void sum_partials(int n, __global const float* x, int xOff, __global float* partial, __local float* scratch) {
    const int lid = get_local_id(0);
    const int stride = get_global_size(0);
    float sum = 0.0f, comp = 0.0f;
    for (int i = get_global_id(0); i < n; i += stride) kahan_add(&sum, &comp, x[xOff + i]);
    float r = group_sum(sum, scratch);
    if (lid == 0) partial[get_group_id(0)] = r;
}
