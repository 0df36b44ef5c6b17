// Local map projection of a small domain: equirectangular about the
// south-west corner (Snyder 1987, "Map Projections — A Working Manual",
// USGS Prof. Paper 1395, eqs. 12-1/12-2, with the standard parallel at the
// origin's latitude). Over the few tens of kilometres of an airshed domain
// its distance error stays below ~0.1 %, far below the grid spacing.
#pragma once

namespace airshed {

struct LocalProjection {
  double lon0 = 0, lat0 = 0;  // degrees, maps to (0, 0)

  // IUGG mean Earth radius R1 (Moritz 1980, Geodetic Reference System 1980).
  static constexpr double earth_radius_m = 6371008.8;

  void to_local(double lon, double lat, double& x, double& y) const;
  void to_lonlat(double x, double y, double& lon, double& lat) const;
};

}  // namespace airshed
