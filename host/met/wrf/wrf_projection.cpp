#include "host/met/wrf/wrf_projection.hpp"

#include <cmath>
#include <sstream>

namespace airshed {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;

// WRF (WPS module_map_utils, set_lc) treats true latitudes within 0.1
// degree as one tangent latitude.
bool tangent_lambert(const WrfGridInfo& g) { return std::abs(g.truelat1 - g.truelat2) <= 0.1; }

bool valid_latitude(double lat) { return std::isfinite(lat) && std::abs(lat) < 90.0; }

}  // namespace

std::string wrf_proj_string(const WrfGridInfo& g, std::string& problem) {
  std::ostringstream s;
  s.precision(17);
  problem.clear();
  if (!std::isfinite(g.stand_lon) || std::abs(g.stand_lon) > 360.0) {
    problem = "STAND_LON is not a longitude";
    return "";
  }
  switch (g.projection) {
    case WrfProjectionKind::lambert: {
      const double lat2 = tangent_lambert(g) ? g.truelat1 : g.truelat2;
      if (!valid_latitude(g.truelat1) || !valid_latitude(lat2) || g.truelat1 == 0.0 ||
          lat2 == 0.0 || (g.truelat1 > 0) != (lat2 > 0)) {
        problem = "TRUELAT1/TRUELAT2 do not define a Lambert cone";
        return "";
      }
      s << "+proj=lcc +lat_1=" << g.truelat1 << " +lat_2=" << lat2 << " +lat_0=" << g.truelat1;
      break;
    }
    case WrfProjectionKind::polar:
      if (!valid_latitude(g.truelat1) || g.truelat1 == 0.0) {
        problem = "TRUELAT1 does not define a polar stereographic projection";
        return "";
      }
      s << "+proj=stere +lat_0=" << (g.truelat1 > 0 ? 90 : -90) << " +lat_ts=" << g.truelat1;
      break;
    case WrfProjectionKind::mercator:
      if (!valid_latitude(g.truelat1)) {
        problem = "TRUELAT1 does not define a Mercator projection";
        return "";
      }
      s << "+proj=merc +lat_ts=" << g.truelat1;
      break;
    default:
      problem = "unknown projection";
      return "";
  }
  s << " +lon_0=" << g.stand_lon << " +R=" << kWrfEarthRadiusM << " +units=m +no_defs";
  return s.str();
}

double wrf_cone(const WrfGridInfo& g) {
  switch (g.projection) {
    case WrfProjectionKind::lambert: {
      const double p1 = std::abs(g.truelat1) * kDeg, p2 = std::abs(g.truelat2) * kDeg;
      if (tangent_lambert(g)) return std::sin(p1);
      return (std::log(std::cos(p1)) - std::log(std::cos(p2))) /
             (std::log(std::tan(0.25 * kPi - 0.5 * p1)) -
              std::log(std::tan(0.25 * kPi - 0.5 * p2)));
    }
    case WrfProjectionKind::polar:
      return 1.0;
    default:
      return 0.0;
  }
}

void wrf_rotation(const WrfGridInfo& g, double lon, double& cos_alpha, double& sin_alpha) {
  double d = lon - g.stand_lon;
  d = std::remainder(d, 360.0);  // in [-180, 180]
  const double h = g.truelat1 < 0 ? -1.0 : 1.0;
  const double a = -h * wrf_cone(g) * d * kDeg;
  cos_alpha = std::cos(a);
  sin_alpha = std::sin(a);
}

}  // namespace airshed
