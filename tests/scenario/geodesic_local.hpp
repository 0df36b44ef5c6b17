// What a scenario position in lon/lat must become in local metres, from
// the geodesic alone (Karney 2013, J. Geodesy 87, 43-55, as PROJ ships it
// in geodesic.h), independent of the projection code under test: on an
// azimuthal equidistant projection about the origin, a point lies at its
// geodesic distance s along its azimuth alpha: x = s sin(alpha), y = s cos(alpha).
#pragma once

#include <geodesic.h>

#include <cmath>

namespace airshed::test {

inline void geodesic_local(double lon0, double lat0, double lon, double lat, double& x, double& y) {
  geod_geodesic wgs84;
  geod_init(&wgs84, 6378137.0, 1 / 298.257223563);  // WGS 84 (NIMA TR8350.2)
  double s12, azi1, azi2;
  geod_inverse(&wgs84, lat0, lon0, lat, lon, &s12, &azi1, &azi2);
  const double a = azi1 * 3.14159265358979323846 / 180;
  x = s12 * std::sin(a);
  y = s12 * std::cos(a);
}

}  // namespace airshed::test
