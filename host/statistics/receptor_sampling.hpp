// Concentration at a receptor: trilinear interpolation between the eight
// surrounding cell centres. Outside the band of cell centres (within half a
// cell of a lateral face, below the first layer's centre, above the top
// layer's centre) the coordinate is clamped to the nearest centre, so the
// value there is the edge cell's (constant extrapolation, never a
// linear extrapolation that could go negative). Heights follow the
// stretched levels: interpolation is linear in z between centres.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "host/core/grid.hpp"

namespace airshed::statistics {

struct Stencil {
  std::array<std::size_t, 8> cell;  // Grid::index of the 8 corners
  std::array<double, 8> weight;     // non-negative, summing to 1
};

Stencil trilinear_stencil(const Grid& g, double x, double y, double z);

inline double sample(const Stencil& s, const float* field) {
  double v = 0;
  for (int c = 0; c < 8; ++c) v += s.weight[c] * field[s.cell[c]];
  return v;
}

}  // namespace airshed::statistics
