// Pointwise kernels. Operation codes are fixed by OpenClElementwise (not enum ordinals).

#define U_RELU 0
#define U_RELU6 1
#define U_SIGMOID 2
#define U_TANH 3
#define U_EXP 4
#define U_LOG 5
#define U_NEG 6
#define U_ABS 7
#define U_SQRT 8
#define U_SQUARE 9

inline float unary_apply(int op, float v) {
    switch (op) {
        case U_RELU: return v < 0.0f ? 0.0f : v; // NaN passes through, as in the oracle
        case U_RELU6: return v <= 0.0f ? 0.0f : (v > 6.0f ? 6.0f : v); // NaN stays NaN, as Math.min
        case U_SIGMOID: return 1.0f / (1.0f + exp(-v));
        case U_TANH: return tanh(v);
        case U_EXP: return exp(v);
        case U_LOG: return log(v);
        case U_NEG: return -v;
        case U_ABS: return fabs(v);
        case U_SQRT: return sqrt(v);
        default: return v * v;
    }
}

inline float unary_derivative(int op, float x, float y) {
    switch (op) {
        case U_RELU: return x > 0.0f ? 1.0f : 0.0f;
        case U_RELU6: return (x > 0.0f && x < 6.0f) ? 1.0f : 0.0f;
        case U_SIGMOID: return y * (1.0f - y);
        case U_TANH: return 1.0f - y * y;
        case U_EXP: return y;
        case U_LOG: return 1.0f / x;
        case U_NEG: return -1.0f;
        case U_ABS: return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
        case U_SQRT: return 0.5f / y;
        default: return 2.0f * x;
    }
}

#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3
#define B_MAX 4
#define B_MIN 5

// Math.max / Math.min: NaN wins, and +0 > -0.
inline float java_max(float a, float b) {
    if (isnan(a) || isnan(b)) return a + b;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

inline float java_min(float a, float b) {
    if (isnan(a) || isnan(b)) return a + b;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

inline float binary_apply(int op, float a, float b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_MAX: return java_max(a, b);
        default: return java_min(a, b);
    }
}

__kernel void unary(int op, int n, __global const float* x, int xOff, __global float* y, int yOff) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] = unary_apply(op, x[xOff + i]);
}

__kernel void unary_backward(int op, int n, __global const float* x, int hasX, __global const float* y, int hasY,
                             __global const float* dy, __global float* dx) {
    int i = get_global_id(0);
    if (i < n) dx[i] = dy[i] * unary_derivative(op, hasX ? x[i] : 0.0f, hasY ? y[i] : 0.0f);
}

__kernel void binary(int op, int n, __global const float* a, int aOff, __global const float* b, int bOff,
                     __global float* y, int yOff) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] = binary_apply(op, a[aOff + i], b[bOff + i]);
}

// info = [shape(rank), aStrides(rank), bStrides(rank)]
__kernel void binary_broadcast(int op, int total, int rank, __global const int* info,
                               __global const float* a, __global const float* b, __global float* y) {
    int i = get_global_id(0);
    if (i >= total) return;
    int rest = i, ai = 0, bi = 0;
    for (int d = rank - 1; d >= 0; d--) {
        int dim = info[d];
        int idx = rest % dim;
        rest /= dim;
        ai += idx * info[rank + d];
        bi += idx * info[2 * rank + d];
    }
    y[i] = binary_apply(op, a[ai], b[bi]);
}

__kernel void affine(int n, __global const float* x, int xOff, float alpha, float beta, __global float* y, int yOff) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] = alpha * x[xOff + i] + beta;
}

__kernel void axpy(int n, float alpha, __global const float* x, int xOff, __global float* y, int yOff) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] += alpha * x[xOff + i];
}

// y[n, c, s] += bias[c], then ReLU (NaN passes through, as in the oracle).
__kernel void bias_activation(int total, int c, int s, __global float* y, __global const float* bias, int hasBias, int relu) {
    int i = get_global_id(0);
    if (i >= total) return;
    float v = y[i] + (hasBias ? bias[(i / s) % c] : 0.0f);
    y[i] = (relu && v < 0.0f) ? 0.0f : v;
}
