// Small builders shared by the core tests: grids, random fields and norms.
#pragma once

#include <cmath>
#include <random>
#include <vector>

#include "host/core/forcing.hpp"

namespace airshed::test {

inline TransportConfig box(int nx, int ny, int nz, double dx, double dy, double dz,
                           LateralBoundary lateral, TopBoundary top = TopBoundary::closed) {
  TransportConfig c;
  c.grid.nx = nx;
  c.grid.ny = ny;
  c.grid.nz = nz;
  c.grid.dx = dx;
  c.grid.dy = dy;
  c.grid.z_faces = uniform_levels(nz, nz * dz);
  c.species = {{"tracer", 0.0, 0.0, 0.0}};
  c.boundaries = {lateral, lateral, top};
  return c;
}

// A divergence-free wind on the C grid from a random streamfunction psi at
// cell corners, per level: u = dpsi/dy, v = -dpsi/dx. psi = 0 on the walls,
// so no flow crosses them. Random K fields in [0, kmax].
inline MetFields random_solenoidal_met(const Grid& g, double umax, double kmax, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  MetFields m = uniform_met(g, 0, 0, 0, 0, 0);
  const int nx = g.nx, ny = g.ny;
  for (int k = 0; k < g.nz; ++k) {
    std::vector<double> psi(std::size_t(nx + 1) * (ny + 1), 0.0);
    for (int j = 1; j < ny; ++j)
      for (int i = 1; i < nx; ++i) psi[j * (nx + 1) + i] = (uni(rng) - 0.5) * umax * g.dx;
    for (int j = 0; j < ny; ++j)
      for (int f = 0; f <= nx; ++f)
        m.u[(std::size_t(k) * ny + j) * (nx + 1) + f] =
            float((psi[(j + 1) * (nx + 1) + f] - psi[j * (nx + 1) + f]) / g.dy);
    for (int f = 0; f <= ny; ++f)
      for (int i = 0; i < nx; ++i)
        m.v[(std::size_t(k) * (ny + 1) + f) * nx + i] =
            float(-(psi[f * (nx + 1) + i + 1] - psi[f * (nx + 1) + i]) / g.dx);
  }
  for (auto& x : m.kh) x = float(kmax * uni(rng));
  for (auto& x : m.kz) x = float(kmax * uni(rng));
  return m;
}

inline std::vector<float> random_field(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uni(lo, hi);
  std::vector<float> f(n);
  for (auto& x : f) x = float(uni(rng));
  return f;
}

inline double total_mass(const Grid& g, const std::vector<float>& c) {
  double m = 0;
  for (int k = 0; k < g.nz; ++k)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) m += double(c[g.index(i, j, k)]) * g.cell_volume(k);
  return m;
}

}  // namespace airshed::test
