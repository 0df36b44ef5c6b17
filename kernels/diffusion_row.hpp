// One row of the backward-Euler vertical diffusion system of a column,
//   a x'_{k-1} + b x'_k + c x'_{k+1} = d,
// from the flux form dz_k dx/dt = G_{k+1} (x_{k+1} - x_k) - G_k (x_k - x_{k-1}),
// G = Kz / (distance between the level centres), with dry deposition
// v_d x'_0 through the ground and, for an open top, exchange
// G_top (x'_{nz-1} - background) with the air above, both implicit so thin
// levels never limit dt (Jacobson, "Fundamentals of Atmospheric Modeling",
// 2nd ed., sect. 6.4).
#pragma once

#include "views.hpp"

namespace airshed::kernels {

struct DiffusionRow {
  float a, b, c;  // lower, main and upper diagonal
};

// r = dt / dz_k; kz_lower, kz_upper: Kz at the level's lower and upper
// faces; dzc_lower, dzc_upper: distances to the centres below and above.
// A face without a neighbour (the ground, the top) contributes an exact
// zero, so a loop over lanes has no branches. ground = dt v_d / dz_0 on the
// lowest level, 0 elsewhere.
AIRSHED_HD inline DiffusionRow diffusion_row(float r, float kz_lower, float kz_upper,
                                             float dzc_lower, float dzc_upper, bool has_lower,
                                             bool has_upper, float ground) {
  const float a_full = -r * kz_lower / dzc_lower, c_full = -r * kz_upper / dzc_upper;
  const float a = has_lower ? a_full : 0.0f;
  const float c = has_upper ? c_full : 0.0f;
  float b = 1.0f - a - c;
  b += ground;
  return {a, b, c};
}

// The top level's implicit exchange with the background above an open top
// (g_top = Kz_top / distance to the centre above, 0 for a closed lid).
// Its two terms apart: the diagonal's (shared by fields with the same
// g_top) and the right-hand side's (per background).
AIRSHED_HD inline float top_exchange_diagonal(float g_top, float dt, float dz_top) {
  return dt * g_top / dz_top;
}
AIRSHED_HD inline float top_exchange_rhs(float g_top, float background, float dt, float dz_top) {
  return dt * g_top * background / dz_top;
}
AIRSHED_HD inline void add_top_exchange(float& b, float& d, float g_top, float background, float dt,
                                        float dz_top) {
  b += top_exchange_diagonal(g_top, dt, dz_top);
  d += top_exchange_rhs(g_top, background, dt, dz_top);
}

}  // namespace airshed::kernels
