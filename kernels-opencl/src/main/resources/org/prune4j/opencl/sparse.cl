// CSR kernels. Each output element is owned by exactly one work-item (or work-group),
// which gathers what it needs: no atomics, fixed summation order.

// C[i, j] = bias[i] + sum_p A[i, col(p)] * B[col(p), j], optionally ReLU; or C += A*B.
// Each work-item owns four consecutive columns j..j+3 of one row (fewer at the row's end),
// so every index and value it loads serves four multiply-adds; work-items of a group walk
// the same row with consecutive column quads, so B and C reads coalesce. Each element is
// still one sum in nonzero order, as in the reference.
__kernel void spmm(int m, int n, __global const int* rowPtr, __global const int* colIdx, __global const float* values,
                   __global const float* b, int bOff, __global float* c, int cOff,
                   __global const float* bias, int hasBias, int relu, int accumulate) {
    int nq = (n + 3) >> 2;
    int idx = get_global_id(0);
    if (idx >= m * nq) return;
    int i = idx / nq, j = (idx - i * nq) << 2;
    int p0 = rowPtr[i], p1 = rowPtr[i + 1];
    __global float* out = c + cOff + i * n + j;
    float init = hasBias ? bias[i] : 0.0f;
    if (j + 4 <= n) {
        float4 s = accumulate ? vload4(0, out) : (float4)(init);
        for (int p = p0; p < p1; p++) s += values[p] * vload4(0, b + bOff + colIdx[p] * n + j);
        if (relu) s = select(s, (float4)(0.0f), isless(s, (float4)(0.0f))); // NaN passes, as in "s < 0 ? 0 : s"
        vstore4(s, 0, out);
    } else {
        for (int jj = 0; jj < n - j; jj++) {
            float s = accumulate ? out[jj] : init;
            for (int p = p0; p < p1; p++) s += values[p] * b[bOff + colIdx[p] * n + j + jj];
            out[jj] = (relu && s < 0.0f) ? 0.0f : s;
        }
    }
}

// out[p] = sum_t A[row(p), t] * B[col(p), t]: one work-group per stored entry.
__kernel void sddmm(int n, __global const int* rowOf, __global const int* colIdx,
                    __global const float* a, int aOff, __global const float* b, int bOff,
                    __global float* out, int accumulate, __local float* scratch) {
    const int p = get_group_id(0);
    const int i = rowOf[p], j = colIdx[p];
    float sum = 0.0f, comp = 0.0f;
    for (int t = get_local_id(0); t < n; t += get_local_size(0))
        kahan_add(&sum, &comp, a[aOff + i * n + t] * b[bOff + j * n + t]);
    float s = group_sum(sum, scratch);
    if (get_local_id(0) == 0) out[p] = accumulate ? out[p] + s : s;
}

// Direct sparse convolution: output (img, co, oy, ox) sums its row's stored weights,
// each decoded into (ci, ky, kx) of the patch.
__kernel void sparse_conv_forward(int total, int cin, int h, int w, int cout, int kh, int kw,
                                  int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow, int groups,
                                  __global const int* rowPtr, __global const int* colIdx, __global const float* values,
                                  __global const float* x, __global const float* bias, int hasBias, int relu,
                                  __global float* y) {
    int o = get_global_id(0);
    if (o >= total) return;
    int ox = o % ow, oy = (o / ow) % oh, co = (o / (ow * oh)) % cout, img = o / (ow * oh * cout);
    int cinG = cin / groups, grp = co / (cout / groups), khw = kh * kw;
    float s = hasBias ? bias[co] : 0.0f;
    for (int p = rowPtr[co]; p < rowPtr[co + 1]; p++) {
        int col = colIdx[p];
        int ci = col / khw, ky = (col % khw) / kw, kx = col % kw;
        int iy = oy * sh - ph + ky * dh, ix = ox * sw - pw + kx * dw;
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
        s += values[p] * x[((img * cin + grp * cinG + ci) * h + iy) * w + ix];
    }
    y[o] = (relu && s < 0.0f) ? 0.0f : s;
}

// Input gradient as a gather through the transposed pattern: for input (img, cin, iy, ix)
// and each kernel offset, the transposed row lists the output channels whose weight at
// that patch column is stored; tPerm maps back to the value in the original order.
__kernel void sparse_conv_backward_data(int total, int cin, int h, int w, int cout, int kh, int kw,
                                        int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow, int groups,
                                        __global const int* tRowPtr, __global const int* tCol, __global const int* tPerm,
                                        __global const float* values, __global const float* dy, __global float* dx) {
    int i = get_global_id(0);
    if (i >= total) return;
    int ix = i % w, iy = (i / w) % h, c = (i / (w * h)) % cin, img = i / (w * h * cin);
    int cinG = cin / groups, coutG = cout / groups, grp = c / cinG, ci = c % cinG;
    float acc = 0.0f;
    for (int ky = 0; ky < kh; ky++) {
        int ty = iy + ph - ky * dh;
        if (ty < 0 || ty % sh != 0 || ty / sh >= oh) continue;
        int oy = ty / sh;
        for (int kx = 0; kx < kw; kx++) {
            int tx = ix + pw - kx * dw;
            if (tx < 0 || tx % sw != 0 || tx / sw >= ow) continue;
            int ox = tx / sw;
            int col = (ci * kh + ky) * kw + kx;
            for (int q = tRowPtr[col]; q < tRowPtr[col + 1]; q++) {
                int co = tCol[q];
                if (co / coutG != grp) continue;
                acc += values[tPerm[q]] * dy[((img * cout + co) * oh + oy) * ow + ox];
            }
        }
    }
    dx[i] = acc;
}

// Weight gradient at the stored entries only: one work-group per entry reduces over
// batch and output positions.
__kernel void sparse_conv_backward_weight(int batch, int cin, int h, int w, int cout, int kh, int kw,
                                          int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow, int groups,
                                          __global const int* rowOf, __global const int* colIdx,
                                          __global const float* x, __global const float* dy, __global float* grad,
                                          __local float* scratch) {
    const int p = get_group_id(0);
    const int co = rowOf[p], col = colIdx[p];
    const int khw = kh * kw, cinG = cin / groups, grp = co / (cout / groups);
    const int c = grp * cinG + col / khw, ky = (col % khw) / kw, kx = col % kw;
    const int ohw = oh * ow, count = batch * ohw;
    float sum = 0.0f, comp = 0.0f;
    for (int t = get_local_id(0); t < count; t += get_local_size(0)) {
        int img = t / ohw, pos = t % ohw, oy = pos / ow, ox = pos % ow;
        int iy = oy * sh - ph + ky * dh, ix = ox * sw - pw + kx * dw;
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
        kahan_add(&sum, &comp, x[((img * cin + c) * h + iy) * w + ix] * dy[((img * cout + co) * oh + oy) * ow + ox]);
    }
    float s = group_sum(sum, scratch);
    if (get_local_id(0) == 0) grad[p] = s;
}
