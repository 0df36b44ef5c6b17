// Thomas algorithm for a diagonally dominant tridiagonal system
// a_k x_{k-1} + b_k x_k + c_k x_{k+1} = d_k, k = 0..n-1 (Press et al.,
// "Numerical Recipes", 3rd ed., sect. 2.4), in pieces over W lanes: W
// independent systems stored lane-fastest, so that on the CPU each step
// runs SIMD across adjacent columns and on the GPU (W = 1) it is the plain
// recurrence. ColumnPhysics interleaves the forward sweep with building
// the rows; solve_tridiagonal() is the whole solve of one system.
#pragma once

#include "views.hpp"

namespace airshed::kernels {

// Forward sweep, first row: c'_0 = c_0 / b_0, d'_0 = d_0 / b_0.
template <int W>
AIRSHED_HD inline void thomas_first(const float* b, const float* c, const float* d, float* cp,
                                    float* dp) {
  AIRSHED_SIMD
  for (int l = 0; l < W; ++l) {
    cp[l] = c[l] / b[l];
    dp[l] = d[l] / b[l];
  }
}

// Forward sweep, row k > 0, from row k - 1's (cp_prev, dp_prev).
template <int W>
AIRSHED_HD inline void thomas_forward(const float* a, const float* b, const float* c,
                                      const float* d, const float* cp_prev, const float* dp_prev,
                                      float* cp, float* dp) {
  AIRSHED_SIMD
  for (int l = 0; l < W; ++l) {
    const float m = 1.0f / (b[l] - a[l] * cp_prev[l]);
    cp[l] = c[l] * m;
    dp[l] = (d[l] - a[l] * dp_prev[l]) * m;
  }
}

// Back substitution of row k: x_k = d'_k - c'_k x_{k+1}, or x_k = d'_k on
// the last row (last = true; x_above is then not read for the result).
template <int W>
AIRSHED_HD inline void thomas_back(const float* cp, const float* dp, const float* x_above,
                                   bool last, float* x) {
  AIRSHED_SIMD
  for (int l = 0; l < W; ++l) x[l] = last ? dp[l] : dp[l] - cp[l] * x_above[l];
}

// The whole solve of one system. Overwrites c and d with c', d'; x may alias d.
AIRSHED_HD inline void solve_tridiagonal(int n, const float* a, const float* b, float* c, float* d,
                                         float* x) {
  thomas_first<1>(b, c, d, c, d);
  for (int k = 1; k < n; ++k)
    thomas_forward<1>(a + k, b + k, c + k, d + k, c + k - 1, d + k - 1, c + k, d + k);
  for (int k = n - 1; k >= 0; --k)
    thomas_back<1>(c + k, d + k, x + (k + 1 < n ? k + 1 : k), k == n - 1, x + k);
}

}  // namespace airshed::kernels
