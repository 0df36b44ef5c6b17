// Where a source's mass goes on the grid: cell weights that sum to one.
// Area polygons are clipped exactly against each cell, roads spread by
// length (or by strip area when they have a width), volumes by overlap
// volume. Point stacks are placed per met hour (plume rise), see
// emission_model.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "host/core/grid.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

struct CellWeight {
  std::size_t cell;  // Grid::index
  double weight;     // fraction of the source's total rate
};

int layer_of(const Grid& g, double z);  // the layer holding height z (clamped)
std::size_t point_cell(const Grid& g, const Vec2& p, double z);

std::vector<CellWeight> area_footprint(const Grid& g, const std::vector<Vec2>& polygon,
                                       double release_height);
std::vector<CellWeight> line_footprint(const Grid& g, const std::vector<Vec2>& polyline,
                                       double width, double release_height);
std::vector<CellWeight> volume_footprint(const Grid& g, const Vec2& centre,
                                         const std::array<double, 3>& size, double base);

// What a source's stated rate is per: polygon area (m^2) for area sources,
// road length (m) for line sources, 1 for point and volume sources.
double rate_extent(const Source& s);

}  // namespace airshed
