#include "host/output/terrain_geometry.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace airshed::output {

bool has_terrain(const RunInfo& info) {
  if (info.terrain.empty()) return false;
  if (info.terrain.size() != info.grid.columns())
    throw std::invalid_argument("output: the terrain has " + std::to_string(info.terrain.size()) +
                                " values for a grid of " + std::to_string(info.grid.columns()) +
                                " columns");
  return true;
}

std::vector<double> corner_terrain(const Grid& g, const std::vector<float>& terrain) {
  const int nx = g.nx, ny = g.ny;
  std::vector<double> h(std::size_t(nx + 1) * (ny + 1));
  auto column = [&](int i, int j) {
    return double(terrain[std::size_t(std::clamp(j, 0, ny - 1)) * nx + std::clamp(i, 0, nx - 1)]);
  };
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i <= nx; ++i)
      h[std::size_t(j) * (nx + 1) + i] =
          0.25 * (column(i - 1, j - 1) + column(i, j - 1) + column(i - 1, j) + column(i, j));
  return h;
}

std::vector<float> centre_heights_asl(const Grid& g, const std::vector<float>& terrain) {
  std::vector<float> h(g.cells());
  for (int k = 0; k < g.nz; ++k)
    for (std::size_t c = 0; c < g.columns(); ++c)
      h[std::size_t(k) * g.columns() + c] = float(double(terrain[c]) + g.z_centre(k));
  return h;
}

std::vector<double> node_heights_asl(const Grid& g, const std::vector<float>& terrain) {
  const std::vector<double> ground = corner_terrain(g, terrain);
  std::vector<double> h;
  h.reserve(ground.size() * (g.nz + 1));
  for (int k = 0; k <= g.nz; ++k)
    for (double z0 : ground) h.push_back(z0 + g.z_faces[k]);
  return h;
}

TerrainRange terrain_range(const std::vector<float>& terrain) {
  TerrainRange r;
  if (terrain.empty()) return r;
  const auto [lo, hi] = std::minmax_element(terrain.begin(), terrain.end());
  r.min = *lo;
  r.max = *hi;
  double sum = 0;
  for (float v : terrain) sum += v;
  r.mean = sum / double(terrain.size());
  return r;
}

}  // namespace airshed::output
