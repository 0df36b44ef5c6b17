// From a met record to a surface state, and from a surface state to fields
// on the solver grid (horizontally uniform: no terrain, so w = 0 and the
// wind is divergence-free by construction).
#pragma once

#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/met/surface_state.hpp"
#include "host/scenario/met_record.hpp"

namespace airshed {

// Winds below this are treated as this speed (m/s): the surface-layer
// relations and plume-rise formulas divide by u and lose meaning in calms.
constexpr double calm_wind_speed = 0.5;

SurfaceState surface_state(const MetRecord& r, double z0, double anemometer_height);

// Horizontal wind speed at height z (m/s) for this state.
double wind_speed_at(const SurfaceState& s, double z);

MetFields profile_fields(const Grid& g, const SurfaceState& s);

}  // namespace airshed
