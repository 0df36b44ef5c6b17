// Thomas algorithm for a diagonally dominant tridiagonal system
// a_k x_{k-1} + b_k x_k + c_k x_{k+1} = d_k, k = 0..n-1 (Press et al.,
// "Numerical Recipes", 3rd ed., sect. 2.4). Overwrites c and d; x may alias d.
#pragma once

#include "views.hpp"

namespace airshed::kernels {

AIRSHED_HD inline void solve_tridiagonal(int n, const float* a, const float* b, float* c, float* d,
                                         float* x) {
  c[0] = c[0] / b[0];
  d[0] = d[0] / b[0];
  for (int k = 1; k < n; ++k) {
    const float m = 1.0f / (b[k] - a[k] * c[k - 1]);
    c[k] = c[k] * m;
    d[k] = (d[k] - a[k] * d[k - 1]) * m;
  }
  x[n - 1] = d[n - 1];
  for (int k = n - 2; k >= 0; --k) x[k] = d[k] - c[k] * x[k + 1];
}

}  // namespace airshed::kernels
