#include "host/scenario/projection.hpp"

#include <cmath>

namespace airshed {

namespace {
constexpr double deg = 3.14159265358979323846 / 180.0;
}

// x = R cos(phi0) (lambda - lambda0), y = R (phi - phi0)  (Snyder 1987, eqs. 12-1, 12-2)
void LocalProjection::to_local(double lon, double lat, double& x, double& y) const {
  x = earth_radius_m * std::cos(lat0 * deg) * (lon - lon0) * deg;
  y = earth_radius_m * (lat - lat0) * deg;
}

void LocalProjection::to_lonlat(double x, double y, double& lon, double& lat) const {
  lon = lon0 + x / (earth_radius_m * std::cos(lat0 * deg)) / deg;
  lat = lat0 + y / earth_radius_m / deg;
}

}  // namespace airshed
