// Flux through one face of a horizontal grid line: limited upwind-biased
// advection (MUSCL with the MC limiter and the Lax-Wendroff-type (1 - C)
// time correction, which makes the one-step update second order; Hirsch,
// "Numerical Computation of Internal and External Flows", 2007, ch. 8)
// plus explicit Fickian diffusion, F = u c_face - K dc/dx.
//
// A "line" is one row of cells along x (stride 1) or y (stride nx); face f
// lies between cells f-1 and f, f in [0, n]. The stencil of face f reads
// cells f-2 .. f+1; outside [0, n) they are ghost cells, filled by the
// boundary step (kernels/boundary_fill.hpp), so this function knows no
// boundary kind.
#pragma once

#include "limiter.hpp"
#include "views.hpp"

namespace airshed::kernels {

// The diffusivity of the face between two cells: their arithmetic mean.
AIRSHED_HD inline float face_diffusivity(float kh_m1, float kh_0) { return 0.5f * (kh_m1 + kh_0); }

// The flux through a face with two cells on either side: cm2, cm1 below
// (in index), c0, cp1 above; k_face the face diffusivity (face_diffusivity
// of the two cells next to it, 0 where a boundary carries no diffusion);
// u the face velocity. Branch-free (the upwind choice is a select), so a
// loop over faces vectorises. dt_over_d = dt / dx; inv_d = 1 / dx. Returns
// the flux (M m^-2 s^-1) in the direction of increasing index.
// `slope` weighs the limited jump: 1 (the default) is the MC-limited
// second-order scheme; 0 drops the reconstruction, leaving first-order
// upwind (Godunov), c_face = the upwind cell, which is linear in c
// (docs/numerics.md, "Linear advection").
AIRSHED_HD inline float limited_flux(float u, float cm2, float cm1, float c0, float cp1,
                                     float k_face, float dt_over_d, float inv_d,
                                     float slope = 1.0f) {
  const float courant = abs1(u) * dt_over_d;
  const float c_face = u >= 0 ? cm1 + slope * 0.5f * (1.0f - courant) * mc_jump(cm2, cm1, c0)
                              : c0 - slope * 0.5f * (1.0f - courant) * mc_jump(cm1, c0, cp1);
  return u * c_face - k_face * (c0 - cm1) * inv_d;
}

}  // namespace airshed::kernels
