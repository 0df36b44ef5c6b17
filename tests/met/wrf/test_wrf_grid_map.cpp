// WrfGridMap (PROJ on WRF's sphere) against WRF's own coordinates: the
// Lambert grid of geogrid's geo_em_d01_lambert.nc (XLAT_M/XLONG_M, every
// one of its 200 x 200 mass points), the Mercator Katrina and Lambert
// Tibet wrfouts (XLAT/XLONG; both files are cut out of a larger domain,
// so the reader places them by their coordinates), and a polar
// stereographic grid against its exact map factor.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "host/met/wrf/wrf_file.hpp"
#include "tests/met/wrf/nc_test_io.hpp"

using namespace airshed;
using airshed::test::kWrfData;
using airshed::test::kWrfMet;
using airshed::test::NcTestFile;
using airshed::test::sphere_distance_m;

namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

WrfGridInfo geo_em_grid(const NcTestFile& geo) {
  WrfGridInfo g;
  g.projection = WrfProjectionKind::lambert;
  REQUIRE(geo.att("MAP_PROJ") == 1);
  g.truelat1 = geo.att("TRUELAT1");
  g.truelat2 = geo.att("TRUELAT2");
  g.stand_lon = geo.att("STAND_LON");
  g.cen_lat = geo.att("CEN_LAT");
  g.cen_lon = geo.att("CEN_LON");
  g.dx = geo.att("DX");
  g.dy = geo.att("DY");
  g.nx = int(geo.dim("west_east"));
  g.ny = int(geo.dim("south_north"));
  g.nz = 1;
  return g;
}

struct RoundTrip {
  double to_lonlat_m = 0;  // |to_lonlat(i, j) - (XLONG, XLAT)|
  double to_grid_m = 0;    // |to_grid(XLONG, XLAT) - (i, j)| dx
};

RoundTrip compare(const WrfGridMap& map, const WrfGridInfo& g, const std::vector<float>& lat,
                  const std::vector<float>& lon) {
  RoundTrip r;
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = std::size_t(j) * g.nx + i;
      double lo = 0, la = 0, fi = 0, fj = 0;
      map.to_lonlat(i, j, lo, la);
      r.to_lonlat_m = std::max(r.to_lonlat_m, sphere_distance_m(lo, la, lon[c], lat[c]));
      map.to_grid(lon[c], lat[c], fi, fj);
      r.to_grid_m = std::max(r.to_grid_m, std::hypot((fi - i) * g.dx, (fj - j) * g.dy));
    }
  return r;
}

}  // namespace

TEST_CASE("WrfGridMap reproduces geogrid's Lambert latitudes and longitudes within 5 m") {
  const NcTestFile geo(kWrfData + "geo_em_d01_lambert.nc");
  const WrfGridInfo g = geo_em_grid(geo);
  REQUIRE(g.nx == 200);
  const WrfGridMap map(g);
  const RoundTrip r = compare(map, g, geo.floats("XLAT_M"), geo.floats("XLONG_M"));
  MESSAGE("geo_em Lambert, 200 x 200: max distance " << r.to_lonlat_m << " m (to_lonlat), "
                                                     << r.to_grid_m << " m (to_grid)");
  CHECK(r.to_lonlat_m <= 5.0);
  CHECK(r.to_grid_m <= 5.0);
}

TEST_CASE("a cropped wrfout is placed by XLAT/XLONG, not by its parent's CEN_LAT/CEN_LON") {
  // The Tibet file is columns 95-104, rows 96-103 of the geo_em domain:
  // its centre is the parent's point (99.5, 99.5), which happens to be the
  // parent's centre too (CEN_LAT 30, CEN_LON 87).
  const WrfFile tibet(kWrfMet + "wrf_d01_allvars_cropped.nc");
  const NcTestFile geo(kWrfData + "geo_em_d01_lambert.nc");
  const WrfGridMap parent(geo_em_grid(geo));
  double fi = 0, fj = 0;
  parent.to_grid(tibet.grid().cen_lon, tibet.grid().cen_lat, fi, fj);
  const double off_m = std::hypot(fi - 99.5, fj - 99.5) * tibet.grid().dx;
  MESSAGE("Tibet centre: parent point (" << fi << ", " << fj << "), " << off_m << " m off");
  CHECK(off_m <= 5.0);
  // wrf-python's Katrina file is the south-west 48 x 48 of a 96 x 96 nest
  // and keeps the nest's CEN_LAT 25.71325, CEN_LON -87.38097; its own
  // centre is half-way between its mass points 23 and 24, where XLAT and
  // XLONG say (23.7527 N, 89.5397 W, means of the two neighbours).
  const WrfFile katrina(kWrfMet + "wrfout_katrina_d02_mercator.nc");
  const NcTestFile raw(kWrfMet + "wrfout_katrina_d02_mercator.nc");
  CHECK(raw.att("CEN_LAT") == doctest::Approx(25.71325));
  const std::vector<float> lat = raw.floats("XLAT"), lon = raw.floats("XLONG");
  const double lat_c = 0.5 * (double(lat[23 * 48]) + lat[24 * 48]);
  const double lon_c = 0.5 * (double(lon[23]) + lon[24]);
  const double katrina_off_m = airshed::test::sphere_distance_m(
      katrina.grid().cen_lon, katrina.grid().cen_lat, lon_c, lat_c);
  MESSAGE("Katrina centre " << katrina.grid().cen_lat << ", " << katrina.grid().cen_lon << ": "
                            << katrina_off_m << " m from the XLAT/XLONG midpoint");
  CHECK(katrina_off_m <= 5.0);
}

TEST_CASE("WrfGridMap round trips the Katrina (Mercator) and Tibet (Lambert) XLAT/XLONG") {
  for (const char* name : {"wrfout_katrina_d02_mercator.nc", "wrf_d01_allvars_cropped.nc"}) {
    const WrfFile file(kWrfMet + name);
    const NcTestFile raw(kWrfMet + name);
    const std::vector<float> lat = raw.floats("XLAT"), lon = raw.floats("XLONG");
    const std::size_t n2 = file.grid().columns();
    // Katrina's XLAT/XLONG have a time dimension (the nest moves), Tibet's not.
    const std::size_t ntimes = lat.size() / n2;
    for (std::size_t t = 0; t < ntimes; ++t) {
      const std::vector<float> lat_t(lat.begin() + t * n2, lat.begin() + (t + 1) * n2);
      const std::vector<float> lon_t(lon.begin() + t * n2, lon.begin() + (t + 1) * n2);
      const WrfGridMap map(file.grid(t));
      const RoundTrip r = compare(map, file.grid(t), lat_t, lon_t);
      MESSAGE(std::string(name) << " time " << t << ": max distance " << r.to_lonlat_m
                                << " m (to_lonlat), " << r.to_grid_m << " m (to_grid)");
      CHECK(r.to_lonlat_m <= 5.0);
      CHECK(r.to_grid_m <= 5.0);
    }
  }
}

TEST_CASE("without XLAT/XLONG a whole domain is placed by CEN_LAT/CEN_LON") {
  // The Tibet file without its coordinates and with grid dimensions saying
  // it is a whole domain: its CEN_LAT/CEN_LON (30 N, 87 E) happen to be its
  // centre, so the grid must land on the XLAT/XLONG it no longer has.
  const airshed::test::WrfTempDir dir("cen-lat");
  const std::string tibet = kWrfMet + "wrf_d01_allvars_cropped.nc";
  const std::string path = dir.file("tibet_whole.nc");
  airshed::test::copy_without(tibet, path, {"XLAT", "XLONG"});
  {
    const NcTestFile f(path, NC_WRITE);
    nc_redef(f.id());
    const int we = 11, sn = 9;
    airshed::test::nc_ok(
        nc_put_att_int(f.id(), NC_GLOBAL, "WEST-EAST_GRID_DIMENSION", NC_INT, 1, &we), "att");
    airshed::test::nc_ok(
        nc_put_att_int(f.id(), NC_GLOBAL, "SOUTH-NORTH_GRID_DIMENSION", NC_INT, 1, &sn), "att");
    nc_enddef(f.id());
  }
  const WrfFile file(path);
  CHECK(file.grid().cen_lat == doctest::Approx(30.0));
  CHECK(file.grid().cen_lon == doctest::Approx(87.0));
  const NcTestFile raw(tibet);
  const RoundTrip r =
      compare(WrfGridMap(file.grid()), file.grid(), raw.floats("XLAT"), raw.floats("XLONG"));
  MESSAGE("Tibet placed by CEN_LAT/CEN_LON: " << r.to_lonlat_m << " m (to_lonlat), " << r.to_grid_m
                                              << " m (to_grid)");
  CHECK(r.to_lonlat_m <= 5.0);
  CHECK(r.to_grid_m <= 5.0);
}

TEST_CASE("the Katrina nest moves with the storm, and each time has its own grid") {
  const WrfFile file(kWrfMet + "wrfout_katrina_d02_mercator.nc");
  // XLONG of the south-west point: -91.653404 at 12 UTC, -93.00261 at 21 UTC.
  const double moved_lon = file.grid(3).cen_lon - file.grid(0).cen_lon;
  MESSAGE("Katrina nest centre moves " << moved_lon << " degrees of longitude, "
                                       << file.grid(3).cen_lat - file.grid(0).cen_lat
                                       << " of latitude in 9 h");
  CHECK(moved_lon == doctest::Approx(-93.00261 + 91.653404).epsilon(1e-4));
  CHECK(file.grid().cen_lon == file.grid(0).cen_lon);
  CHECK_THROWS_AS(file.grid(4), std::out_of_range);
  // A file whose coordinates have no time dimension has one grid.
  const WrfFile tibet(kWrfMet + "wrf_d01_allvars_cropped.nc");
  CHECK(tibet.grid(3).cen_lat == tibet.grid(0).cen_lat);
}

TEST_CASE("polar stereographic: exact round trip, neighbours dx / m apart") {
  // Polar stereographic on a sphere, true at phi_c (Snyder 1987, Map
  // Projections - A Working Manual, USGS PP 1395, eq. (21-4) with the
  // centre at the pole, k = 2 k0 / (1 + sin phi), and k0 = (1 + sin phi_c)/2
  // for true scale at phi_c): m(phi) = (1 + sin phi_c) / (1 + sin phi), as
  // WRF's MAPFAC_M. Grid distance dx is true at phi_c, so two neighbouring
  // mass points lie dx / m apart on the sphere. Taking m at the midpoint
  // leaves an error of order (dx / R)^2 ~ 1e-5 (curvature of m and of the
  // path), the bound.
  for (double truelat : {60.0, -71.0}) {
    WrfGridInfo g;
    g.projection = WrfProjectionKind::polar;
    g.truelat1 = g.truelat2 = truelat;
    g.stand_lon = -100;
    g.cen_lat = truelat > 0 ? 72.0 : -75.0;
    g.cen_lon = -95;
    g.dx = g.dy = 20000;
    g.nx = 60;
    g.ny = 50;
    g.nz = 1;
    const WrfGridMap map(g);
    const double h = truelat > 0 ? 1 : -1;
    double worst_trip = 0, worst_dist = 0;
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        double lon = 0, lat = 0, fi = 0, fj = 0;
        map.to_lonlat(i, j, lon, lat);
        map.to_grid(lon, lat, fi, fj);
        worst_trip = std::max({worst_trip, std::abs(fi - i), std::abs(fj - j)});
        for (const auto& [di, dj] : {std::pair{1, 0}, std::pair{0, 1}}) {
          double lon2 = 0, lat2 = 0, lonm = 0, latm = 0;
          map.to_lonlat(i + di, j + dj, lon2, lat2);
          map.to_lonlat(i + 0.5 * di, j + 0.5 * dj, lonm, latm);
          const double m = (1 + std::sin(h * truelat * kDeg)) / (1 + std::sin(h * latm * kDeg));
          const double d = sphere_distance_m(lon, lat, lon2, lat2);
          worst_dist = std::max(worst_dist, std::abs(d * m / g.dx - 1));
        }
      }
    MESSAGE("polar stereographic, true at " << truelat << ": round trip " << worst_trip
                                            << " cells, neighbour distance vs dx/m " << worst_dist
                                            << " relative");
    CHECK(worst_trip <= 1e-6);
    CHECK(worst_dist <= 1e-5);
    // The centre point is the centre of the grid.
    double fi = 0, fj = 0;
    map.to_grid(g.cen_lon, g.cen_lat, fi, fj);
    CHECK(fi == doctest::Approx(0.5 * (g.nx - 1)).epsilon(1e-9));
    CHECK(fj == doctest::Approx(0.5 * (g.ny - 1)).epsilon(1e-9));
  }
}
