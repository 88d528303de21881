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
