// y = x permuted. info = [outShape(rank), srcStride(rank)] where srcStride[d] is the
// stride in x of the axis that becomes y's axis d.
__kernel void permute(int total, int rank, __global const int* info, __global const float* x, __global float* y) {
    int i = get_global_id(0);
    if (i >= total) return;
    int rest = i, src = 0;
    for (int d = rank - 1; d >= 0; d--) {
        int dim = info[d];
        src += (rest % dim) * info[rank + d];
        rest /= dim;
    }
    y[i] = x[src];
}

// dst[p] = src[srcOff + index[p]]: CSR values gathered from a dense weight, or permuted.
__kernel void gather_idx(int n, __global const float* src, int srcOff, __global const int* index, __global float* dst) {
    int p = get_global_id(0);
    if (p < n) dst[p] = src[srcOff + index[p]];
}

__kernel void zero_fill(int n, __global float* dst) {
    int i = get_global_id(0);
    if (i < n) dst[i] = 0.0f;
}

// dst[index[p]] = src[p] after zero_fill; indices are distinct, so no two work-items collide.
__kernel void scatter_idx(int n, __global const float* src, __global const int* index, __global float* dst) {
    int p = get_global_id(0);
    if (p < n) dst[index[p]] = src[p];
}
