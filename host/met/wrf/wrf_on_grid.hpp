// One WRF output time on airshed's grid: the first-guess winds (u, v on the
// C-grid faces, the contravariant w* on z faces), Kz (ACM2) and Kh
// (deformation), and each column's surface state and terrain; and the
// linear interpolation in time between two of them.
#pragma once

#include <vector>

#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/met/surface_state.hpp"
#include "host/met/urban_boundary_layer.hpp"
#include "host/met/wrf/wrf_fields.hpp"
#include "host/met/wrf/wrf_regrid.hpp"

namespace airshed {

struct WrfOnGrid {
  long long utc_epoch_s = 0;
  MetFields met;  // u, v (faces), w = contravariant w* (z faces, 0 at the ground), kh, kz
  // Per column (nx * ny, x fastest).
  std::vector<float> ustar, inverse_L, pblh, z0, temperature;  // m/s, 1/m, m, m, K
  std::vector<float> u10, v10;                                 // m/s at 10 m, east/north
  std::vector<float> rain;     // mm accumulated since WRF's start; empty when absent
  std::vector<float> terrain;  // m above sea level
};

// Everything on airshed's grid from one WRF time. Winds: bilinear in WRF
// index space, then linear in height above ground; below the lowest WRF
// level the similarity profile to the ground (wind_below_lowest_level),
// other fields held at the lowest level's value; above the top WRF level
// the top value. Kz on z faces from ACM2 (wrf_turbulence::acm2_kz) with the
// column's u*, 1/L, PBL height and the local Ri of the interpolated
// profile; Kh at cells from the deformation of airshed's own u, v
// (smagorinsky_kh) with the Hanna (1982) boundary-layer Kh as its floor.
// With `urban` enabled, each column whose land use is urban (LU_INDEX: USGS
// 1, NLCD 31-33) takes AERMOD's urban night-time state where its own is
// stable (host/met/urban_boundary_layer.hpp) before its Kz is built.
WrfOnGrid regrid_time(const WrfFields& f, const WrfGridInfo& wrf, const WrfPointMaps& maps,
                      const Grid& g, const UrbanSpec& urban = {});

// (1 - w) a + w b for every field (1/L linearly, so a change of sign passes
// through neutral); the time stamp in between.
WrfOnGrid interpolate_in_time(const WrfOnGrid& a, const WrfOnGrid& b, double w);

// The surface state of column c (Grid::index order of the columns): the
// wind at 10 m as speed and meteorological direction, the Pasquill class
// from 1/L and z0 (Golder 1972), precipitation in mm/h given by the caller.
SurfaceState column_surface(const WrfOnGrid& m, std::size_t c, double precipitation_mm_h);

}  // namespace airshed
