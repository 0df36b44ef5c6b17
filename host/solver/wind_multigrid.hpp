// The coarse levels of the wind projection's multigrid preconditioner
// (kernels/wind_multigrid.hpp says what they hold and why), built on the
// host once per projector and uploaded by the backend driver
// (wind_projector.hpp). Backend-neutral: compiled once.
#pragma once

#include <vector>

#include "host/core/grid.hpp"
#include "host/core/solver_config.hpp"

namespace airshed {

struct WindLevel {
  int nx = 0, ny = 0, nz = 0;
  int sx = 1, sy = 1;  // cells of the finer level per cell of this one, along x and y
  // kernels::StoredLevel's arrays and the line preconditioner's factors
  // (1 / pivot and c' per cell, as kernels::FactorColumns).
  std::vector<double> gx, gy, gz, gx_end, gy_end, gz_top, m, cp;
};

// Level 0 (the fine grid, in stored form: the conductances of
// kernels::ProjectionGrid) and its coarsenings down to a single column,
// 2 x 2 columns per coarse cell (1 along a direction already one cell wide).
// Level 0's factors are left empty: the fine level is ProjectionGrid's.
std::vector<WindLevel> build_wind_levels(const Grid& g, const Boundaries& bc,
                                         double vertical_weight);

}  // namespace airshed
