// Flux through one face of a horizontal grid line: limited upwind-biased
// advection (MUSCL with the MC limiter and the Lax-Wendroff-type (1 - C)
// time correction, which makes the one-step update second order; Hirsch,
// "Numerical Computation of Internal and External Flows", 2007, ch. 8)
// plus explicit Fickian diffusion, F = u c_face - K dc/dx.
//
// A "line" is one row of cells along x (stride 1) or y (stride nx); face f
// lies between cells f-1 and f, f in [0, n].
#pragma once

#include "limiter.hpp"
#include "views.hpp"

namespace airshed::kernels {

struct Line {
  const float* c;    // cell 0 of the line
  const float* kh;   // cell 0 of the line
  long stride;       // between cells along the line
  const float* vel;  // face 0 of the line
  long vel_stride;   // between faces along the line
  int n;             // cells on the line
  int kind;          // LateralKind
  float background;  // inflow value (open boundaries)

  // Ghost cells: periodic wrap, else zero gradient.
  AIRSHED_HD int wrap(int p) const {
    if (p < 0) return kind == lateral_periodic ? p + n : 0;
    if (p >= n) return kind == lateral_periodic ? p - n : n - 1;
    return p;
  }
  AIRSHED_HD float conc(int p) const { return c[wrap(p) * stride]; }
  AIRSHED_HD float diff(int p) const { return kh[wrap(p) * stride]; }
};

// The flux through a face with two cells on either side: cm2, cm1 below
// (in index), c0, cp1 above; kh_m1, kh_0 the diffusivities of the two cells
// next to the face; u the face velocity. Branch-free (the upwind choice is
// a select), so a loop over faces vectorises. dt_over_d = dt / dx;
// inv_d = 1 / dx. Returns the flux (M m^-2 s^-1) in the direction of
// increasing index.
AIRSHED_HD inline float limited_flux(float u, float cm2, float cm1, float c0, float cp1,
                                     float kh_m1, float kh_0, float dt_over_d, float inv_d) {
  const float courant = abs1(u) * dt_over_d;
  const float c_face = u >= 0 ? cm1 + 0.5f * (1.0f - courant) * mc_jump(cm2, cm1, c0)
                              : c0 - 0.5f * (1.0f - courant) * mc_jump(cm1, c0, cp1);
  const float k_face = 0.5f * (kh_m1 + kh_0);
  return u * c_face - k_face * (c0 - cm1) * inv_d;
}

// Flux through face f of a line, boundary faces included.
AIRSHED_HD inline float face_flux(const Line& L, int f, float dt_over_d, float inv_d) {
  const bool edge = (f == 0 || f == L.n);
  if (edge && L.kind == lateral_closed) return 0.0f;
  // Periodic: faces 0 and n are the same face; use one velocity for both so
  // the two fluxes are bitwise equal and mass is conserved exactly.
  const int fv = (f == 0 && L.kind == lateral_periodic) ? L.n : f;
  const float u = L.vel[fv * L.vel_stride];
  if (edge && L.kind == lateral_open) {
    // Inflow carries the background; outflow is zero-gradient (upwind).
    if (f == 0) return u > 0 ? u * L.background : u * L.conc(0);
    return u > 0 ? u * L.conc(L.n - 1) : u * L.background;
  }
  return limited_flux(u, L.conc(f - 2), L.conc(f - 1), L.conc(f), L.conc(f + 1), L.diff(f - 1),
                      L.diff(f), dt_over_d, inv_d);
}

}  // namespace airshed::kernels
