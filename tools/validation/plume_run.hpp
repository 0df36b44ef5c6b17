// One Prairie Grass arc computed with the airshed transport solver: a
// continuous point release at 0.46 m in a steady, horizontally uniform
// surface layer, x along the mean wind, run to steady state and sampled at
// 1.5 m on the arc.
//
// Two solver runs per arc:
//  1. x-z (one cell across, y-integrated): the crosswind-integrated
//     concentration CY, which does not depend on the lateral spread, and the
//     mean travel time of the material in every cell from a second, weakly
//     decaying copy of the tracer: age = -ln(c_decaying / c_inert) / lambda.
//  2. x-y-z over half the plume (closed y = 0 face = the plume's mirror
//     plane): the arc maximum, with the lateral diffusivity of each cell set
//     by Taylor's theory for that cell's travel time (boundary_layer.hpp).
#pragma once

#include "tools/validation/boundary_layer.hpp"

namespace airshed::validation {

constexpr double release_height = 0.46;  // m (Barad 1958)
constexpr double sampling_height = 1.5;  // m

struct Resolution {
  int cells_per_arc = 30;          // dx = arc distance / cells_per_arc
  double first_layer = 0.25;       // m
  double stretch = 1.15;           // thickness ratio of consecutive layers
  double cells_per_sigma_y = 4.5;  // dy = sigma_y(arc) / cells_per_sigma_y
  double half_width_sigmas = 4;    // lateral half-width in sigma_y(arc)
  double steady_tolerance = 1e-3;  // relative change per quarter transit
};

// Each resolution parameter refined by `factor` (2 = twice as fine).
Resolution refined(const Resolution& r, double factor);

struct ArcResult {
  double distance = 0;
  double cy_over_q = 0;          // s/m^2, from the x-z run
  double cmax_over_q = 0;        // s/m^3, from the 3D run
  double cy3d_over_q = 0;        // s/m^2, the 3D run's own crosswind integral (check)
  double sigma_y = 0;            // m, lateral spread at the arc, 1.5 m (3D run)
  double travel_time = 0;        // s, mean age at the arc, 1.5 m
  double top = 0;                // m, top of the 3D domain
  double simulated_time = 0;     // s, 3D run
  long cell_steps = 0;           // cells x steps over both runs
  int nx = 0, ny = 0, nz = 0;    // 3D grid
  double dt = 0;                 // s, largest stable step of the 3D run
  double simulated_time_2d = 0;  // s
  bool steady = true;            // both runs met steady_tolerance
};

ArcResult run_arc(const BoundaryLayer& bl, double distance, const Resolution& res);

}  // namespace airshed::validation
