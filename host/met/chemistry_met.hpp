// The air's state chemistry reads (MetFields temperature, pressure,
// relative humidity, radiation factor) from a surface state, one column at
// a time, for the uniform, station and station-network providers. Filled
// only when the scenario has [chemistry] (MetSpec::chemistry_met).
#pragma once

#include <cstddef>

#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/met/surface_state.hpp"

namespace airshed {

// Shortwave at the ground over its clear-sky value under a cloud cover of
// `oktas` (0..8): 1 - 0.75 (N/8)^3.4 (Kasten & Czeplak 1980, Solar Energy
// 24, 177-189, eq. 1, fitted to ten years of Hamburg radiation records).
double cloud_radiation_factor(double oktas);

// Sizes the four chemistry fields of `m` for `g` (left as they are when
// they already are).
void size_chemistry_met(MetFields& m, const Grid& g);

// Column `col` (j * nx + i) from `s`: the near-surface temperature and
// humidity at every level (a station gives nothing aloft; the chemistry
// sits in the boundary layer, where a winter night's inversion is a few K),
// the hydrostatic pressure of an isothermal column,
// p(z) = p_s exp(-g z / (R_d T)), and the cloud's radiation factor.
void fill_chemistry_column(MetFields& m, const Grid& g, std::size_t col, const SurfaceState& s);

}  // namespace airshed
