// The model grid as the host sees it: uniform dx, dy; vertical levels that
// may be stretched. Cell-centred concentrations, face-normal velocities
// (Arakawa C). Index order everywhere: x fastest, then y, then z.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace airshed {

struct Grid {
  int nx = 0, ny = 0, nz = 0;
  double dx = 0, dy = 0;        // m
  std::vector<double> z_faces;  // nz + 1 heights of layer interfaces, z_faces[0] = 0 (m)

  std::size_t cells() const { return std::size_t(nx) * ny * nz; }
  std::size_t columns() const { return std::size_t(nx) * ny; }
  double dz(int k) const { return z_faces[k + 1] - z_faces[k]; }
  double z_centre(int k) const { return 0.5 * (z_faces[k] + z_faces[k + 1]); }
  double x_centre(int i) const { return (i + 0.5) * dx; }
  double y_centre(int j) const { return (j + 0.5) * dy; }
  double top() const { return z_faces.back(); }
  double cell_volume(int k) const { return dx * dy * dz(k); }
  std::size_t index(int i, int j, int k) const { return (std::size_t(k) * ny + j) * nx + i; }
  bool vertically_uniform(double rel_tol = 1e-9) const;
};

// nz levels of equal thickness up to `top` (m).
std::vector<double> uniform_levels(int nz, double top);
// nz levels, the first `first_layer` m thick, each next one `stretch` times
// thicker (geometric stretching, as in CMAQ/WRF-style terrain-following grids).
std::vector<double> stretched_levels(int nz, double first_layer, double stretch);

// Throws std::invalid_argument naming the offending member.
void validate(const Grid& g);

}  // namespace airshed
