// WRF fields on airshed's grid: bilinear in WRF index space and linear in
// height above ground reproduce fields linear in x, y, z exactly (to float
// rounding of the inputs); the contravariant w* of a uniform wind over a
// plane slope is -u dh/dx; a domain outside the WRF grid is one line
// naming the file.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "host/met/wrf/wrf_on_grid.hpp"
#include "host/met/wrf/wrf_regrid.hpp"
#include "tests/met/wrf/synthetic_wrf.hpp"

using namespace airshed;
using airshed::test::SyntheticWrf;

namespace {

// Relative error, against a scale that keeps values near 0 meaningful.
double rel(double got, double want, double scale) {
  return std::abs(got - want) / std::max(std::abs(want), scale);
}

}  // namespace

TEST_CASE("bilinear and vertical interpolation are exact for fields linear in x, y, z") {
  SyntheticWrf s;
  s.terrain = {50, 0.004, -0.002, 0, 0};
  const Grid g = test::synthetic_airshed_grid();
  const WrfPointMaps maps = map_airshed_points(g, s.proj, s.index_map());
  const WrfOnGrid m = regrid_time(s.fields(s.t0), s.grid, maps, g);
  const std::size_t nx = g.nx, ny = g.ny;
  // Inputs are floats (2^-24 ~ 6e-8 relative): 1e-6 leaves room for the
  // few roundings of the weights, far below any interpolation error (the
  // field varies by ~1 m/s across a WRF cell).
  double worst = 0;
  for (int k = 0; k < g.nz; ++k) {
    const double z = g.z_centre(k);
    for (std::size_t j = 0; j < ny; ++j)
      for (std::size_t i = 0; i <= nx; ++i) {
        const double want = s.u.at(double(i) * g.dx, (j + 0.5) * g.dy, z, 0);
        worst = std::max(worst, rel(m.met.u[(k * ny + j) * (nx + 1) + i], want, 1.0));
      }
    for (std::size_t j = 0; j <= ny; ++j)
      for (std::size_t i = 0; i < nx; ++i) {
        const double want = s.v.at((i + 0.5) * g.dx, double(j) * g.dy, z, 0);
        worst = std::max(worst, rel(m.met.v[(k * (ny + 1) + j) * nx + i], want, 1.0));
      }
  }
  CHECK(worst < 1e-6);
  MESSAGE("worst relative error of u, v: " << worst);
  for (std::size_t j = 0; j < ny; ++j)
    for (std::size_t i = 0; i < nx; ++i) {
      const double x = (i + 0.5) * g.dx, y = (j + 0.5) * g.dy;
      const std::size_t c = j * nx + i;
      CHECK(rel(m.terrain[c], s.terrain.at(x, y, 0, 0), 1.0) < 1e-6);
      CHECK(rel(m.temperature[c], s.theta.at(x, y, 2, 0), 1.0) < 1e-6);  // T2
    }
}

TEST_CASE("the contravariant w* of a uniform wind over a plane slope is -u dh/dx") {
  SyntheticWrf s;
  s.u = {5, 0, 0, 0, 0}, s.v = {0, 0, 0, 0, 0}, s.w = {0, 0, 0, 0, 0};
  s.terrain = {0, 0.02, 0, 0, 0};  // h = 0.02 x, 0..120 m over the domain
  const Grid g = test::synthetic_airshed_grid();
  const WrfPointMaps maps = map_airshed_points(g, s.proj, s.index_map());
  const WrfOnGrid m = regrid_time(s.fields(s.t0), s.grid, maps, g);
  const std::size_t nc = g.columns();
  // HGT is a float: h (<= 120 m here, plus the WRF points west of the
  // domain) carries 2^-24 relative rounding, and the slope differences two
  // such values 1 km apart: |d(dh/dx)| <= 2 * 2^-24 * 130 m / 1000 m = 1.6e-8,
  // 8e-7 of the slope 0.02. Bound: 2e-6 relative.
  for (std::size_t c = 0; c < nc; ++c) {
    CHECK(m.met.w[c] == 0.0f);  // the ground is a coordinate surface
    for (int k = 1; k <= g.nz; ++k) CHECK(rel(m.met.w[k * nc + c], -5 * 0.02, 1e-3) < 2e-6);
  }
  // The horizontal winds are those of the first guess: uniform.
  for (float u : m.met.u) CHECK(u == doctest::Approx(5.0).epsilon(1e-7));
}

TEST_CASE("a vertical velocity passes into w* unchanged over flat ground") {
  SyntheticWrf s;
  s.w = {0.05, 0, 0, 1e-5, 0};  // w = 0.05 + 1e-5 z
  const Grid g = test::synthetic_airshed_grid();
  const WrfOnGrid m =
      regrid_time(s.fields(s.t0), s.grid, map_airshed_points(g, s.proj, s.index_map()), g);
  const std::size_t nc = g.columns();
  for (int k = 1; k <= g.nz; ++k)
    CHECK(rel(m.met.w[k * nc + 7], 0.05 + 1e-5 * g.z_faces[k], 1e-3) < 1e-6);
}

TEST_CASE("below the lowest WRF level the wind follows the log profile to the ground") {
  // Neutral: u(z) = u1 ln(z/z0) / ln(z1/z0).
  CHECK(wind_below_lowest_level(6, 30, 10, 0.1, 0) ==
        doctest::Approx(6 * std::log(100.0) / std::log(300.0)).epsilon(1e-12));
  CHECK(wind_below_lowest_level(6, 30, 0.05, 0.1, 0) == 0);
  const double z[3] = {10, 20, 40};
  const LevelWeight lw = locate(z, 3, 25);
  CHECK(lw.k == 1);
  CHECK(lw.w == doctest::Approx(0.25));
  CHECK(locate(z, 3, 5).below);
  CHECK(locate(z, 3, 50).k == 2);
}

TEST_CASE("a domain outside the WRF grid is one line naming the file") {
  SyntheticWrf s;
  Grid g = test::synthetic_airshed_grid();
  g.nx = 12;  // 12 km east: past the WRF grid's east edge (lon 10.09)
  const WrfPointMaps maps = map_airshed_points(g, s.proj, s.index_map());
  const InputSite site{"case.toml", 14, "met.files"};
  std::string msg;
  try {
    check_inside(maps, s.grid, g, site, "wrfout_d01_2005-08-27");
  } catch (const ScenarioError& e) {
    msg = e.what();
  }
  CHECK(msg.find("case.toml:14: key 'met.files'") == 0);
  CHECK(msg.find("outside the WRF grid of 'wrfout_d01_2005-08-27'") != std::string::npos);
  CHECK(msg.find('\n') == std::string::npos);
  g.nx = 6;
  CHECK_NOTHROW(check_inside(map_airshed_points(g, s.proj, s.index_map()), s.grid, g, site, "f"));
}

TEST_CASE("deformation of a linear shear, and the wind direction of a column") {
  // u = 1e-3 y on x faces, v = 0: |D| = |du/dy| = 1e-3 /s in every cell
  // (one-sided at the south and north rows, exact for a linear field).
  const Grid g = test::synthetic_airshed_grid();
  const std::size_t nx = g.nx, ny = g.ny;
  std::vector<float> u((nx + 1) * ny * g.nz), v(nx * (ny + 1) * g.nz, 0.0f);
  for (std::size_t k = 0; k < std::size_t(g.nz); ++k)
    for (std::size_t j = 0; j < ny; ++j)
      for (std::size_t i = 0; i <= nx; ++i)
        u[(k * ny + j) * (nx + 1) + i] = float(1e-3 * (j + 0.5) * g.dy);
  for (double d : deformation(g, u, v, 2)) CHECK(d == doctest::Approx(1e-3).epsilon(1e-6));
  // A wind towards the west comes from the east (90 degrees).
  WrfOnGrid m;
  for (auto* f : {&m.ustar, &m.inverse_L, &m.pblh, &m.z0, &m.temperature, &m.u10, &m.v10})
    f->assign(1, 1.0f);
  m.u10[0] = -5, m.v10[0] = 0;
  CHECK(column_surface(m, 0, 0).wind_direction == doctest::Approx(90));
  m.u10[0] = 0, m.v10[0] = 4;  // towards the north: from the south
  CHECK(column_surface(m, 0, 0).wind_direction == doctest::Approx(180));
  CHECK(column_surface(m, 0, 0).wind_speed == doctest::Approx(4));
}

TEST_CASE(
    "urban option: LU_INDEX's urban columns take AERMOD's urban night, rural ones keep theirs") {
  SyntheticWrf s;
  const Grid g = test::synthetic_airshed_grid();
  const WrfPointMaps maps = map_airshed_points(g, s.proj, s.index_map());
  WrfFields f = s.fields(s.t0);
  const std::size_t nc = s.grid.columns();
  f.rmol.assign(nc, 1 / 30.0f);  // a stable night everywhere
  f.pblh.assign(nc, 60.0f);
  f.ust.assign(nc, 0.15f);
  const UrbanSpec city{true, 1.0e6, 1.0};
  for (const float lu : {1.0f, 2.0f}) {  // USGS 1 urban, 2 dry cropland
    CAPTURE(lu);
    f.lu_index.assign(nc, lu);
    const WrfOnGrid rural = regrid_time(f, s.grid, maps, g);
    const WrfOnGrid m = regrid_time(f, s.grid, maps, g, city);
    for (std::size_t c = 0; c < g.columns(); ++c) {
      CHECK(rural.inverse_L[c] > 0);
      if (lu == 1.0f) {  // z_iu = 400 (0.5)^(1/4) m, convective, over z0 = 1 m
        CHECK(m.inverse_L[c] < 0);
        CHECK(m.pblh[c] == doctest::Approx(336.3586).epsilon(1e-6));
        CHECK(m.z0[c] == 1.0f);
      } else {
        CHECK(m.inverse_L[c] == rural.inverse_L[c]);
        CHECK(m.pblh[c] == rural.pblh[c]);
      }
    }
  }
}
