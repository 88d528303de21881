// Convolution as im2col + batched GEMM over a chunk of nb images starting at image n0.
// The column matrix is [Cin*kh*kw rows] x [nb*OH*OW columns], column = img*OHW + p,
// so the rows of group g form one contiguous block (the weight's patch layout).

__kernel void im2col(int total, int n0, int nb, int cin, int h, int w, int kh, int kw,
                     int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow,
                     __global const float* x, __global float* col) {
    int i = get_global_id(0);
    if (i >= total) return;
    const int ohw = oh * ow, cols = nb * ohw;
    int c = i % cols, row = i / cols;
    int img = c / ohw, p = c % ohw;
    int oy = p / ow, ox = p % ow;
    int kx = row % kw, ky = (row / kw) % kh, ci = row / (kw * kh);
    int iy = oy * sh - ph + ky * dh, ix = ox * sw - pw + kx * dw;
    float v = 0.0f;
    if (iy >= 0 && iy < h && ix >= 0 && ix < w) v = x[(((n0 + img) * cin + ci) * h + iy) * w + ix];
    col[i] = v;
}

// col2im as a gather: each input element sums the column entries that read it, so
// no two work-items write the same address (no atomics) and the order is fixed.
__kernel void col2im(int total, int n0, int nb, int cin, int h, int w, int kh, int kw,
                     int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow,
                     __global const float* col, __global float* dx) {
    int i = get_global_id(0);
    if (i >= total) return;
    const int ohw = oh * ow, cols = nb * ohw;
    int ix = i % w, iy = (i / w) % h, ci = (i / (w * h)) % cin, img = i / (w * h * cin);
    float acc = 0.0f;
    for (int ky = 0; ky < kh; ky++) {
        int ty = iy + ph - ky * dh;
        if (ty < 0 || ty % sh != 0) continue;
        int oy = ty / sh;
        if (oy >= oh) continue;
        for (int kx = 0; kx < kw; kx++) {
            int tx = ix + pw - kx * dw;
            if (tx < 0 || tx % sw != 0) continue;
            int ox = tx / sw;
            if (ox >= ow) continue;
            acc += col[((ci * kh + ky) * kw + kx) * cols + img * ohw + oy * ow + ox];
        }
    }
    dx[(n0 * cin) * h * w + i] = acc;
}

// y[n0+img, co, p] = t[co, img, p] (+ bias[co]): GEMM output back to NCHW.
__kernel void cnhw_to_nchw(int total, int n0, int nb, int cout, int ohw, __global const float* t,
                           __global const float* bias, int hasBias, __global float* y) {
    int i = get_global_id(0);
    if (i >= total) return;
    int p = i % ohw, co = (i / ohw) % cout, img = i / (ohw * cout);
    float v = t[(co * nb + img) * ohw + p];
    y[n0 * cout * ohw + i] = hasBias ? v + bias[co] : v;
}

// t[co, img, p] = dy[n0+img, co, p]: the output gradient as GEMM operand.
__kernel void nchw_to_cnhw(int total, int n0, int nb, int cout, int ohw, __global const float* dy, __global float* t) {
    int i = get_global_id(0);
    if (i >= total) return;
    int p = i % ohw, img = (i / ohw) % nb, co = i / (ohw * nb);
    t[i] = dy[((n0 + img) * cout + co) * ohw + p];
}
