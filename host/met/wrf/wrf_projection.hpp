// What WRF's map projections need besides PROJ's formulas (the reader and
// the grid map share it): the PROJ string of a domain on WRF's sphere, the
// Lambert cone constant, and the angle between the grid's axes and
// geographic east/north, in WRF's COSALPHA/SINALPHA convention.
#pragma once

#include <string>

#include "host/met/wrf/wrf_fields.hpp"

namespace airshed {

// WRF's sphere (WRF's share/module_model_constants.F, EARTH_RADIUS_M;
// WPS's geogrid uses the same radius).
constexpr double kWrfEarthRadiusM = 6370000.0;

// "+proj=lcc +lat_1=.. +lat_2=.. +lat_0=.. +lon_0=STAND_LON +R=6370000
// +units=m +no_defs" (stere and merc likewise). An empty string when the
// grid's true latitudes cannot define the projection (why, in `problem`).
std::string wrf_proj_string(const WrfGridInfo& grid, std::string& problem);

// The cone constant n: WRF's (WPS module_map_utils set_lc, and wrf-python's
// uvmet) secant formula
//   n = (ln cos phi1 - ln cos phi2) / (ln tan(45 - |phi1|/2) - ln tan(45 - |phi2|/2)),
// or n = sin |phi1| (tangent cone) when the true latitudes are within 0.1
// degree; 1 for polar stereographic, 0 for Mercator (grid north is north).
double wrf_cone(const WrfGridInfo& grid);

// COSALPHA and SINALPHA at longitude `lon` (degrees), as WRF writes them:
//   u_east = u cos(a) - v sin(a),  v_north = v cos(a) + u sin(a),
// with a = -h n (lon - STAND_LON) (h = +1 north, -1 south of the equator,
// the hemisphere of TRUELAT1, lon - STAND_LON taken in [-180, 180]). This
// is wrf-python's uvmet rotation (its Fortran DCOMPUTEUVMET) written in
// WRF's sign convention; the Tibet wrfout's SINALPHA matches it to 5e-5.
void wrf_rotation(const WrfGridInfo& grid, double lon, double& cos_alpha, double& sin_alpha);

}  // namespace airshed
