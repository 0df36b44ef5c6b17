// Hand-off of a Gaussian puff (kernels/puff.hpp) to the grid: its mass
// spread over the cells it covers by integrating its Gaussian over each
// (erf differences in x and y; in z the reflected profile of
// puff_vertical_fraction), each factor normalised over the cells taken so
// that exactly the puff's mass reaches the grid (docs/numerics.md,
// "Plume-in-grid"). Plain adds: the host hands puffs off one at a time.
#pragma once

#include <cmath>
#include <cstddef>

#include "backend.hpp"
#include "puff.hpp"

namespace airshed::kernels {

struct PuffGridView {
  int nx, ny, nz;
  double dx, dy;          // m
  const double* z_faces;  // nz + 1 interface heights above ground, z_faces[0] = 0
};

// Half-width of the hand-off window in spreads (beyond 4 sigma lies less
// than 6e-5 of a Gaussian; the normalisation gives that back to the window).
constexpr double handoff_window_sigmas = 4;

// A puff is handed to the grid once it is wide enough for the grid to
// represent it, sigma_h >= width * min(dx, dy) (width 0.5: one cell holds
// +-1 sigma), or once it is older than max_age (s).
AIRSHED_HD inline bool puff_ready_for_grid(const Puff& p, double dx, double dy, double width,
                                           double max_age) {
  const double cell = dx < dy ? dx : dy;
  return puff_sigma_h(p) >= width * cell || p.age >= max_age;
}

// Cells [first, last] of one axis of n cells of size d that the window of a
// Gaussian at c with spread s covers, clipped to the axis.
AIRSHED_HD inline void handoff_range(double c, double s, double d, int n, int& first, int& last) {
  const double lo = (c - handoff_window_sigmas * s) / d, hi = (c + handoff_window_sigmas * s) / d;
  first = lo < 0 ? 0 : (lo > n - 1 ? n - 1 : int(::floor(lo)));
  last = hi < 0 ? 0 : (hi > n - 1 ? n - 1 : int(::floor(hi)));
}

// Share of axis cell i (size d) of a Gaussian at c with spread s; a point
// (s = 0) goes wholly to the cell that holds it.
AIRSHED_HD inline double handoff_share(int i, double c, double s, double d) {
  if (s <= 0) return c >= i * d && c < (i + 1) * d ? 1 : 0;
  return gaussian_share(i * d, (i + 1) * d, c, 1 / (1.4142135623730951 * s));
}

// Adds the puff's mass (mass[s], species s < species) to the concentration
// fields c (species s at c + s * stride, index x fastest, then y, then z),
// as mass / cell volume; h is the mixing height at the puff. The puff's
// centre must lie inside the grid (the host counts a puff that left it as
// outflow). Returns the sum of the weights used (1 up to rounding) so the
// host can check it.
template <class Real>
AIRSHED_HD inline double handoff_puff(const Puff& p, const double* mass, int species,
                                      const PuffGridView& g, double h, Real* c,
                                      std::size_t stride) {
  const double sh = puff_sigma_h(p), sz = puff_sigma_z(p);
  int i0, i1, j0, j1;
  handoff_range(p.x, sh, g.dx, g.nx, i0, i1);
  handoff_range(p.y, sh, g.dy, g.ny, j0, j1);
  double wx = 0, wy = 0, wz = 0;
  for (int i = i0; i <= i1; ++i) wx += handoff_share(i, p.x, sh, g.dx);
  for (int j = j0; j <= j1; ++j) wy += handoff_share(j, p.y, sh, g.dy);
  for (int k = 0; k < g.nz; ++k)
    wz += puff_vertical_fraction(g.z_faces[k], g.z_faces[k + 1], p.z, sz, h);
  // The layer that holds the centre takes everything if the profile missed
  // every layer (a puff above the grid top).
  int k_centre = g.nz - 1;
  for (int k = 0; k < g.nz; ++k)
    if (p.z < g.z_faces[k + 1]) {
      k_centre = k;
      break;
    }
  double total = 0;
  for (int k = 0; k < g.nz; ++k) {
    const double fz = wz > 0
                          ? puff_vertical_fraction(g.z_faces[k], g.z_faces[k + 1], p.z, sz, h) / wz
                          : (k == k_centre ? 1 : 0);
    if (fz <= 0) continue;
    const double volume = g.dx * g.dy * (g.z_faces[k + 1] - g.z_faces[k]);
    for (int j = j0; j <= j1; ++j) {
      const double fy = handoff_share(j, p.y, sh, g.dy) / wy;
      for (int i = i0; i <= i1; ++i) {
        const double f = fz * fy * handoff_share(i, p.x, sh, g.dx) / wx;
        total += f;
        const std::size_t cell = (std::size_t(k) * g.ny + j) * g.nx + i;
        for (int s = 0; s < species; ++s)
          c[std::size_t(s) * stride + cell] += Real(mass[s] * f / volume);
      }
    }
  }
  return total;
}

}  // namespace airshed::kernels
