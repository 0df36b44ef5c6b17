// The convective (non-local) part of the Asymmetric Convective Model,
// version 2 (ACM2: Pleim 2007, J. Appl. Meteor. Climatol. 46, 1383-1395,
// eqs. 4, 9 and 19): in a convective boundary layer of depth h a fraction
// fconv of the mixing is carried by plumes rising from the lowest level
// straight to every level of the layer, balanced by subsidence that moves
// mass down one level at a time; the rest, (1 - fconv) K, stays local
// eddy diffusion. Per unit area of a column, with levels 0..n-1 inside
// the layer (n = levels whose lower face lies below h; h is then taken as
// the upper face of level n-1, so every flux ends on a face):
//   dz_0 dC_0/dt = -Mu (h - dz_0) C_0 + Mu (h - z_1) C_1
//   dz_k dC_k/dt =  Mu dz_k C_0 - Mu (h - z_k) C_k + Mu (h - z_{k+1}) C_{k+1},
// z_k the height of face k (the lower face of level k), the last term zero
// on level n-1 (z_n = h). The rates sum to zero over the column: mass is
// conserved exactly. The upward rate
//   Mu = fconv K(z_1) / (dzc_1 (h - z_1))                     (Pleim eq. 9)
// makes the convective flux through face 1 equal to what K would give for a
// linear profile. Backward Euler gives a matrix with positive diagonal,
// non-positive off-diagonals and columns whose dz-weighted sums are dz_k
// (plus the deposition): an M-matrix, so the solution is non-negative.
// Its shape is the tridiagonal one of local diffusion plus a first column
// (the upward source -dt Mu C_0 in rows 1..n-1); ColumnPhysics solves it
// in O(n) by Sherman-Morrison (docs/numerics.md, "Convective mixing").
#pragma once

#include <cmath>

#include "views.hpp"

namespace airshed::kernels {

// Pleim (2007) eq. 19 with the constants given there: von Karman's kappa =
// 0.4 and a = 7.2 (Holtslag & Boville 1993, J. Climate 6, 1825-1842):
//   fconv = 1 / (1 + kappa^(-2/3) / (0.1 a) (-h/L)^(-1/3)),  L < 0;
// 0 for neutral and stable air (no convective plumes).
AIRSHED_HD inline float convective_fraction(float h, float inverse_L) {
  if (!(inverse_L < 0.0f) || !(h > 0.0f)) return 0.0f;
  const float kappa_term = 1.8420157f;  // 0.4^(-2/3)
  const float minus_h_over_l = -h * inverse_L;
  return 1.0f / (1.0f + kappa_term / (0.1f * 7.2f) / ::cbrtf(minus_h_over_l));
}

// The layer of one column as the solve sees it.
struct ConvectiveLayer {
  int levels = 0;   // levels 0..levels-1 mix non-locally; 0 or 1 = none
  float top = 0;    // h on a face (m): the upper face of level levels-1
  float rate = 0;   // Mu (1/s)
  float local = 1;  // the factor 1 - fconv on Kz at faces below top
};

// h (m), fconv and the unreduced Kz at face 1 of one column; nz levels of
// thickness dz, dzc the centre distances (GridView).
AIRSHED_HD inline ConvectiveLayer convective_layer(float h, float fconv, float kz_face1, int nz,
                                                   const float* dz, const float* dzc) {
  ConvectiveLayer c;
  if (!(fconv > 0.0f) || nz < 2) return c;
  float z = 0.0f;
  int n = 0;
  while (n < nz && z < h) z += dz[n++];
  if (n < 2) return c;  // the layer lies inside the lowest level: nothing to carry
  c.levels = n;
  c.top = z;
  c.rate = fconv * kz_face1 / (dzc[1] * (z - dz[0]));
  c.local = 1.0f - fconv;
  return c;
}

// The terms ACM2 adds to row k of the backward-Euler system
//   u x'_0 + a x'_{k-1} + b x'_k + c x'_{k+1} = d,
// z_lo and z_hi the heights of the level's lower and upper faces.
struct ConvectiveRow {
  float b = 0, c = 0, u = 0;
};
AIRSHED_HD inline ConvectiveRow convective_row(const ConvectiveLayer& layer, int k, float dt,
                                               float z_lo, float z_hi, float dzk) {
  ConvectiveRow r;
  if (k >= layer.levels) return r;
  const float m = dt * layer.rate / dzk;
  // Level 0 is its own source (Mu dz_0 C_0) as well as the rising plumes'.
  r.b = k == 0 ? m * (layer.top - dzk) : m * (layer.top - z_lo);
  r.c = k + 1 < layer.levels ? -m * (layer.top - z_hi) : 0.0f;
  r.u = k == 0 ? 0.0f : -dt * layer.rate;
  return r;
}

// The border column carried through the Thomas forward sweep: with the
// system T x = d - u x_0 (T the tridiagonal part), z = T^-1 u is swept
// with the same pivots as d. Row 0 (u_0 = 0) gives zp_0 = 0.
template <int W>
AIRSHED_HD inline void border_forward(const float* a, const float* b, const float* u,
                                      const float* cp_prev, const float* zp_prev, float* zp) {
  for (int l = 0; l < W; ++l) zp[l] = (u[l] - a[l] * zp_prev[l]) / (b[l] - a[l] * cp_prev[l]);
}

}  // namespace airshed::kernels
