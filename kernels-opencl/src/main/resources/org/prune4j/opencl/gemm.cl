// C = alpha * op(A) * op(B) + beta * C, row-major, batched over get_global_id(2) with
// a fixed element stride per batch for each matrix. When beta == 0, C is never read.
// Every C element is summed over k in ascending order by one work-item: the result
// is deterministic and independent of the tile size.

#define A_AT(r, c) (transA ? A[(c) * lda + (r)] : A[(r) * lda + (c)])
#define B_AT(r, c) (transB ? B[(c) * ldb + (r)] : B[(r) * ldb + (c)])

inline void store_c(__global float* C, int idx, float acc, float alpha, float beta) {
    C[idx] = beta == 0.0f ? alpha * acc : alpha * acc + beta * C[idx];
}

// Work-group TS x TS; each work-item owns one element of C. Tiles of op(A) and
// op(B) are staged in local memory. Loads are arranged so neighbouring work-items
// (local id 0) read neighbouring addresses for every transpose case.
__kernel void gemm_tiled(int transA, int transB, int M, int N, int K, float alpha,
                         __global const float* A, int aOff, int lda, int aStride,
                         __global const float* B, int bOff, int ldb, int bStride,
                         float beta, __global float* C, int cOff, int ldc, int cStride) {
    __local float As[TS][TS + 1]; // As[i][kk] = op(A)[row0 + i][t + kk]
    __local float Bs[TS][TS + 1]; // Bs[kk][j] = op(B)[t + kk][col0 + j]
    const int lx = get_local_id(0), ly = get_local_id(1);
    const int col0 = get_group_id(0) * TS, row0 = get_group_id(1) * TS;
    const int batch = get_global_id(2);
    A += aOff + batch * aStride;
    B += bOff + batch * bStride;
    C += cOff + batch * cStride;
    float acc = 0.0f;
    for (int t = 0; t < K; t += TS) {
        if (!transA) {
            int r = row0 + ly, c = t + lx;
            As[ly][lx] = (r < M && c < K) ? A[r * lda + c] : 0.0f;
        } else {
            int r = row0 + lx, c = t + ly;
            As[lx][ly] = (r < M && c < K) ? A[c * lda + r] : 0.0f;
        }
        if (!transB) {
            int r = t + ly, c = col0 + lx;
            Bs[ly][lx] = (r < K && c < N) ? B[r * ldb + c] : 0.0f;
        } else {
            int r = t + lx, c = col0 + ly;
            Bs[lx][ly] = (r < K && c < N) ? B[c * ldb + r] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        const int kmax = min(TS, K - t); // never add padding products (0 * inf would be NaN)
        for (int kk = 0; kk < kmax; kk++) acc += As[ly][kk] * Bs[kk][lx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const int row = row0 + ly, col = col0 + lx;
    if (row < M && col < N) store_c(C, row * ldc + col, acc, alpha, beta);
}

// For devices without usable local memory or with tiny work-groups.
__kernel void gemm_plain(int transA, int transB, int M, int N, int K, float alpha,
                         __global const float* A, int aOff, int lda, int aStride,
                         __global const float* B, int bOff, int ldb, int bStride,
                         float beta, __global float* C, int cOff, int ldc, int cStride) {
    const int col = get_global_id(0), row = get_global_id(1), batch = get_global_id(2);
    if (row >= M || col >= N) return;
    A += aOff + batch * aStride;
    B += bOff + batch * bStride;
    C += cOff + batch * cStride;
    float acc = 0.0f;
    for (int k = 0; k < K; k++) acc += A_AT(row, k) * B_AT(k, col);
    store_c(C, row * ldc + col, acc, alpha, beta);
}
