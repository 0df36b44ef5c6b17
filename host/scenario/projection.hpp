// The one map projection of a run: input positions (lon/lat in the
// scenario), the grid and every output's georeferencing use it. An
// azimuthal equidistant projection on the WGS 84 ellipsoid (the datum of
// GPS positions) about the domain's south-west corner, through PROJ
// (Snyder 1987, "Map Projections — A Working Manual", USGS Prof. Paper
// 1395, ch. 25; PROJ's `aeqd`, ellipsoidal): distances from the corner are
// true geodesic distances, and across a regional domain of a few hundred
// kilometres the scale stays within (d/R)^2/6 of 1 (1e-4 at 350 km), far
// below a grid spacing. The writers declare the same projection (CF
// grid_mapping `azimuthal_equidistant` with the ellipsoid, and crs_wkt()),
// so that GIS software places every cell where the model put it.
#pragma once

#include <string>

namespace airshed {

struct LocalProjection {
  double lon0 = 0, lat0 = 0;  // degrees, maps to (0, 0)

  // WGS 84 (NIMA TR8350.2, 2000): the ellipsoid the projection is on.
  static constexpr double wgs84_semi_major_m = 6378137.0;
  static constexpr double wgs84_inverse_flattening = 298.257223563;

  // Local metres east (x) and north (y) of (lon0, lat0), and back.
  // Thread-safe (each thread keeps its own PROJ objects).
  void to_local(double lon, double lat, double& x, double& y) const;
  void to_lonlat(double x, double y, double& lon, double& lat) const;

  // "+proj=aeqd +lat_0=... +lon_0=... +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
  std::string proj_string() const;
  // The projected CRS as OGC WKT2 (ISO 19162:2019), for CF's crs_wkt.
  std::string crs_wkt() const;
};

}  // namespace airshed
