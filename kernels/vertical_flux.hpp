// Advective flux through one horizontal face of a column: the limited
// upwind-biased scheme of horizontal_flux.hpp (MUSCL, MC limiter, the
// (1 - C) Lax-Wendroff-type time correction; Hirsch 2007, ch. 8) on
// stretched levels, where the limited jumps come from mc_jump_stretched().
// Diffusion is not here: in the vertical it is implicit (diffusion_row.hpp).
#pragma once

#include "limiter.hpp"
#include "views.hpp"

namespace airshed::kernels {

// Flux (M m^-2 s^-1, positive upward) through the face between a level
// (x_below, its limited jump j_below, thickness dz_below) and the level
// above it, for the face velocity w over a step dt. Branch-free: both
// candidates are passed and the upwind one is selected, so a loop over
// lanes vectorises.
AIRSHED_HD inline float vertical_face_flux(float w, float x_below, float x_above, float j_below,
                                           float j_above, float dz_below, float dz_above,
                                           float dt) {
  const bool from_below = w >= 0;
  const float xu = from_below ? x_below : x_above;
  const float ju = from_below ? j_below : j_above;
  const float dzu = from_below ? dz_below : dz_above;
  const float courant = abs1(w) * dt / dzu;
  const float sign = from_below ? 1.0f : -1.0f;
  return w * (xu + sign * 0.5f * (1.0f - courant) * ju);
}

// Flux through the model top: none through a closed lid; through an open
// one, outflow carries the top level's value and inflow the background.
AIRSHED_HD inline float top_face_flux(float w_top, float x_top, bool open_top, float background) {
  return !open_top ? 0.0f : (w_top > 0 ? w_top * x_top : w_top * background);
}

}  // namespace airshed::kernels
