#include "host/core/grid.hpp"

#include <cmath>
#include <stdexcept>

namespace airshed {

bool Grid::vertically_uniform(double rel_tol) const {
  for (int k = 1; k < nz; ++k)
    if (std::abs(dz(k) - dz(0)) > rel_tol * dz(0)) return false;
  return true;
}

std::vector<double> uniform_levels(int nz, double top) {
  std::vector<double> z(nz + 1);
  for (int k = 0; k <= nz; ++k) z[k] = top * k / nz;
  return z;
}

std::vector<double> stretched_levels(int nz, double first_layer, double stretch) {
  std::vector<double> z(nz + 1, 0.0);
  double dz = first_layer;
  for (int k = 1; k <= nz; ++k) {
    z[k] = z[k - 1] + dz;
    dz *= stretch;
  }
  return z;
}

void validate(const Grid& g) {
  if (g.nx < 1 || g.ny < 1 || g.nz < 1)
    throw std::invalid_argument("grid: nx, ny, nz must be >= 1");
  if (!(g.dx > 0) || !(g.dy > 0)) throw std::invalid_argument("grid: dx and dy must be > 0");
  if (g.z_faces.size() != std::size_t(g.nz) + 1)
    throw std::invalid_argument("grid: z_faces must hold nz + 1 interface heights");
  if (g.z_faces[0] != 0.0) throw std::invalid_argument("grid: z_faces[0] must be 0 (the ground)");
  for (int k = 0; k < g.nz; ++k)
    if (!(g.dz(k) > 0)) throw std::invalid_argument("grid: z_faces must increase strictly");
}

}  // namespace airshed
