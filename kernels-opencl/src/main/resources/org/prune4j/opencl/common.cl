// Shared helpers, prepended to every program by ProgramCache.

// Compensated (Kahan) accumulation: long per-work-item sums keep about float
// precision of the exact sum instead of losing log2(n) bits.
inline void kahan_add(float* sum, float* comp, float v) {
    float y = v - *comp;
    float t = *sum + y;
    *comp = (t - *sum) - y;
    *sum = t;
}

// Sum of v over the work-group (size a power of two); every work-item gets the result.
// Pairwise tree order: deterministic for a given work-group size.
inline float group_sum(float v, __local float* scratch) {
    const int lid = get_local_id(0);
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float r = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

// Java's Math.max semantics: NaN wins.
inline float max_nan(float a, float b) { return (a > b || isnan(a)) ? a : b; }

inline float group_max(float v, __local float* scratch) {
    const int lid = get_local_id(0);
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = max_nan(scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float r = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

// Smallest q >= 0 with q * d >= a (a may be negative), for windows covering a position.
inline int ceil_div_clamped(int a, int d) { return a <= 0 ? 0 : (a + d - 1) / d; }

// Largest q with q * d <= a, or -1 when a < 0.
inline int floor_div_or_neg(int a, int d) { return a < 0 ? -1 : a / d; }
