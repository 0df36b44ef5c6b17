// One WRF output time as the gridded-met provider needs it, on WRF's own
// mass grid (unstaggered), already diagnosed from the raw wrfout variables
// by the reader (host/met/wrf/wrf_file.hpp). The provider
// (host/met/wrf/wrf_met_provider.hpp) interpolates these onto the airshed
// grid; nothing here knows the airshed grid.
//
// Index order: x (west_east) fastest, then y (south_north), then level
// (bottom_top), as the airshed grid.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace airshed {

// WRF's map projection of a domain, from the global attributes of a wrfout
// file (WRF's MAP_PROJ codes).
enum class WrfProjectionKind { lambert = 1, polar = 2, mercator = 3 };

struct WrfGridInfo {
  WrfProjectionKind projection = WrfProjectionKind::lambert;
  double truelat1 = 0, truelat2 = 0;  // degrees
  double stand_lon = 0;               // degrees
  double cen_lat = 0, cen_lon = 0;    // degrees, centre of this domain's mass grid
  double dx = 0, dy = 0;              // m
  int nx = 0, ny = 0, nz = 0;         // mass points west_east, south_north, bottom_top
  std::size_t columns() const { return std::size_t(nx) * ny; }
  std::size_t points() const { return columns() * std::size_t(nz); }
};

// The diagnosed fields of one output time. 3D fields: nx * ny * nz at mass
// points; 2D fields: nx * ny. Optional 2D fields are empty when the file
// does not have the variable.
struct WrfFields {
  long long utc_epoch_s = 0;  // the time (WRF "Times")
  // 3D
  std::vector<float> z_agl;    // m above ground of each mass point: (PH + PHB)/g destaggered - HGT
  std::vector<float> u_east;   // m/s, destaggered and rotated to earth-relative east
  std::vector<float> v_north;  // m/s, destaggered and rotated to earth-relative north
  std::vector<float> w;        // m/s, destaggered vertical velocity
  std::vector<float> theta;    // K, potential temperature T + 300
  std::vector<float> temperature;  // K, theta (p / 1e5)^(R/cp)
  std::vector<float> pressure;     // Pa, P + PB
  std::vector<float> qvapor;       // kg/kg, empty when absent
  // 2D
  std::vector<float> terrain;   // m, HGT
  std::vector<float> t2;        // K, empty when absent
  std::vector<float> psfc;      // Pa, empty when absent
  std::vector<float> u10, v10;  // m/s earth-relative, empty when absent
  std::vector<float> pblh;      // m, empty when absent
  std::vector<float> ust;       // m/s, empty when absent
  std::vector<float> hfx;       // W/m^2, empty when absent
  std::vector<float> rmol;      // 1/m, empty when absent
  std::vector<float> znt;       // m, roughness length, empty when absent
  std::vector<float> lu_index;  // land-use category, empty when absent
  std::vector<float> swdown;    // W/m^2, empty when absent
  std::vector<float> rain;      // mm accumulated RAINC + RAINNC, empty when absent
};

}  // namespace airshed
