// 2-D pooling over NCHW, one work-item per output (forward) or per input (backward,
// as a gather over the windows that cover the input: no atomics).

__kernel void max_pool_forward(int total, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow,
                               __global const float* x, __global float* y, __global int* argmax) {
    int o = get_global_id(0);
    if (o >= total) return;
    int ox = o % ow, oy = (o / ow) % oh, nc = o / (ow * oh);
    float best = -INFINITY;
    int bestIdx = -1;
    for (int ky = 0; ky < kh; ky++) {
        int iy = oy * sh - ph + ky;
        if (iy < 0 || iy >= h) continue;
        for (int kx = 0; kx < kw; kx++) {
            int ix = ox * sw - pw + kx;
            if (ix < 0 || ix >= w) continue;
            int idx = (nc * h + iy) * w + ix;
            float v = x[idx];
            // First maximum wins ties; a NaN wins over numbers, as in the reference and PyTorch.
            if (bestIdx < 0 || v > best || (isnan(v) && !isnan(best))) {
                best = v;
                bestIdx = idx;
            }
        }
    }
    y[o] = best;
    argmax[o] = bestIdx;
}

// Sums dy over the windows covering input i whose argmax is i, in ascending output order.
__kernel void max_pool_backward(int total, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow,
                                __global const float* dy, __global const int* argmax, __global float* dx) {
    int i = get_global_id(0);
    if (i >= total) return;
    int ix = i % w, iy = (i / w) % h, nc = i / (w * h);
    int oy0 = ceil_div_clamped(iy + ph - kh + 1, sh), oy1 = min(oh - 1, floor_div_or_neg(iy + ph, sh));
    int ox0 = ceil_div_clamped(ix + pw - kw + 1, sw), ox1 = min(ow - 1, floor_div_or_neg(ix + pw, sw));
    float acc = 0.0f;
    for (int oy = oy0; oy <= oy1; oy++)
        for (int ox = ox0; ox <= ox1; ox++) {
            int o = (nc * oh + oy) * ow + ox;
            if (argmax[o] == i) acc += dy[o];
        }
    dx[i] = acc;
}

// Padded positions count in the divisor (count_include_pad).
__kernel void avg_pool_forward(int total, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow,
                               __global const float* x, __global float* y) {
    int o = get_global_id(0);
    if (o >= total) return;
    int ox = o % ow, oy = (o / ow) % oh, nc = o / (ow * oh);
    float s = 0.0f;
    for (int ky = 0; ky < kh; ky++) {
        int iy = oy * sh - ph + ky;
        if (iy < 0 || iy >= h) continue;
        for (int kx = 0; kx < kw; kx++) {
            int ix = ox * sw - pw + kx;
            if (ix < 0 || ix >= w) continue;
            s += x[(nc * h + iy) * w + ix];
        }
    }
    y[o] = s * (1.0f / (kh * kw));
}

__kernel void avg_pool_backward(int total, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int oh, int ow,
                                __global const float* dy, __global float* dx) {
    int i = get_global_id(0);
    if (i >= total) return;
    int ix = i % w, iy = (i / w) % h, nc = i / (w * h);
    int oy0 = ceil_div_clamped(iy + ph - kh + 1, sh), oy1 = min(oh - 1, floor_div_or_neg(iy + ph, sh));
    int ox0 = ceil_div_clamped(ix + pw - kw + 1, sw), ox1 = min(ow - 1, floor_div_or_neg(ix + pw, sw));
    const float inv = 1.0f / (kh * kw);
    float acc = 0.0f;
    for (int oy = oy0; oy <= oy1; oy++)
        for (int ox = ox0; ox <= ox1; ox++) acc += dy[(nc * oh + oy) * ow + ox] * inv;
    dx[i] = acc;
}
