// The run's one projection (host/scenario/projection.hpp): azimuthal
// equidistant on WGS 84 about the south-west corner. Distances from the
// corner are geodesic distances (checked against Karney's geodesic
// algorithms, GeographicLib as shipped in PROJ's geodesic.h), azimuths are
// true, the inverse returns the input, and the WKT names the projection and
// the datum.
#include <doctest/doctest.h>
#include <geodesic.h>

#include <cmath>
#include <thread>

#include "host/scenario/projection.hpp"

using namespace airshed;

TEST_CASE("distance and azimuth from the origin are the geodesic's") {
  const LocalProjection p{117.7, 39.0};
  geod_geodesic wgs84;
  geod_init(&wgs84, LocalProjection::wgs84_semi_major_m,
            1 / LocalProjection::wgs84_inverse_flattening);
  // Points out to ~350 km in every direction of a regional domain.
  for (double dlon : {0.03, 0.5, 2.0, 4.0})
    for (double dlat : {0.0, 0.03, 1.0, 3.0}) {
      CAPTURE(dlon);
      CAPTURE(dlat);
      double x, y;
      p.to_local(p.lon0 + dlon, p.lat0 + dlat, x, y);
      double s12, azi1, azi2;
      geod_inverse(&wgs84, p.lat0, p.lon0, p.lat0 + dlat, p.lon0 + dlon, &s12, &azi1, &azi2);
      CHECK(std::hypot(x, y) == doctest::Approx(s12).epsilon(1e-9));
      // Azimuth clockwise from north: atan2(x, y).
      CHECK(std::atan2(x, y) * 180 / M_PI == doctest::Approx(azi1).epsilon(1e-9));
      double lon, lat;
      p.to_lonlat(x, y, lon, lat);
      CHECK(lon == doctest::Approx(p.lon0 + dlon).epsilon(1e-12));
      CHECK(lat == doctest::Approx(p.lat0 + dlat).epsilon(1e-12));
    }
  // Issue 14's case: a receptor at 117.780 E, 39.020 N from (117.7, 39.0).
  // The former spherical equirectangular mapping put it at (6913.2,
  // 2223.9) m, while files declared azimuthal equidistant on WGS 84: GIS
  // software placed it 10-20 m from where the model computed.
  double x, y, s12, azi1, azi2;
  p.to_local(117.78, 39.02, x, y);
  geod_inverse(&wgs84, 39.0, 117.7, 39.02, 117.78, &s12, &azi1, &azi2);
  CHECK(x == doctest::Approx(s12 * std::sin(azi1 * M_PI / 180)).epsilon(1e-9));
  CHECK(y == doctest::Approx(s12 * std::cos(azi1 * M_PI / 180)).epsilon(1e-9));
  const double moved = std::hypot(x - 6913.2, y - 2223.9);
  CHECK(moved > 10);
  CHECK(moved < 20);
}

TEST_CASE("the projection is usable from several threads at once") {
  const LocalProjection p{10.0, 45.0};
  double ref_x, ref_y;
  p.to_local(10.5, 45.5, ref_x, ref_y);
  bool same[2] = {false, false};
  std::thread a([&] {
    double x, y;
    p.to_local(10.5, 45.5, x, y);
    same[0] = x == ref_x && y == ref_y;
  });
  std::thread b([&] {
    double x, y;
    p.to_local(10.5, 45.5, x, y);
    same[1] = x == ref_x && y == ref_y;
  });
  a.join();
  b.join();
  CHECK(same[0]);
  CHECK(same[1]);
}

TEST_CASE("the CRS as PROJ string and WKT2") {
  const LocalProjection p{117.7, 39.0};
  CHECK(p.proj_string() ==
        "+proj=aeqd +lat_0=39 +lon_0=117.7 +x_0=0 +y_0=0 +ellps=WGS84 "
        "+units=m +no_defs");
  const std::string wkt = p.crs_wkt();
  CHECK(wkt.rfind("PROJCRS[", 0) == 0);
  CHECK(wkt.find("Azimuthal Equidistant") != std::string::npos);
  CHECK(wkt.find("WGS 84") != std::string::npos);
  CHECK(wkt.find("117.7") != std::string::npos);
}
