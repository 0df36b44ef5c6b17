// AERMOD's urban night-time boundary layer (host/met/urban_boundary_layer.hpp):
// the formula values computed here by hand from the published constants,
// and the consequence it exists for: with a rural stable profile an urban
// stack's plume stays aloft and the ground sees nearly nothing at night;
// over the city the ground concentration rises from ~0.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "host/met/surface_profiles.hpp"
#include "host/met/urban_boundary_layer.hpp"
#include "host/solver/transport_solver.hpp"

using namespace airshed;

namespace {

// A clear night: 3 m/s at 10 m, F-like stability, a 50 m rural layer.
SurfaceState rural_night() {
  SurfaceState s;
  s.wind_speed = 3, s.ref_height = 10, s.wind_direction = 270;
  s.z0 = 0.1, s.ustar = 0.15, s.inverse_L = 1 / 20.0, s.mixing_height = 50;
  s.temperature = 283.15, s.pressure = 101325;
  return s;
}

}  // namespace

TEST_CASE("urban night (Cimorelli et al. 2005): dT, H, z_iu, w* and L by hand, P = 1e6") {
  const UrbanSpec city{true, 1.0e6, 1.0};
  const UrbanNight n = urban_night(rural_night(), city);
  // dT = 12 (0.1046 ln(1e6 / 2e6) + 0.9983) = 12 (-0.0725031 + 0.9983) = 11.10956 K
  CHECK(n.delta_t == doctest::Approx(11.10956).epsilon(1e-6));
  // rho = 101325 / (287.05 * 283.15) = 1.246644 kg/m^3;
  // H = 0.03 * 1.246653 * 1004 * 11.10956 * 0.15 = 62.57 W/m^2
  const double rho = 101325 / (287.05 * 283.15);
  CHECK(rho == doctest::Approx(1.246644).epsilon(1e-6));
  const double h = 0.03 * rho * 1004 * 11.10956 * 0.15;
  CHECK(n.heat_flux == doctest::Approx(h).epsilon(1e-6));
  CHECK(n.heat_flux == doctest::Approx(62.57).epsilon(1e-3));
  // z_iu = 400 (0.5)^(1/4) = 336.36 m
  CHECK(n.mixing_height == doctest::Approx(336.3586).epsilon(1e-6));
  // w* = (9.81 H z_iu / (rho c_p T))^(1/3) = (9.81 * 62.57 * 336.36 / (1.246653 * 1004 *
  // 283.15))^(1/3)
  //    = (0.58276)^(1/3) = 0.8352 m/s
  CHECK(n.wstar ==
        doctest::Approx(std::cbrt(9.81 * h * 336.3586 / (rho * 1004 * 283.15))).epsilon(1e-6));
  CHECK(n.wstar == doctest::Approx(0.835).epsilon(2e-3));
  // u* over z0 = 1 m: 0.4 * 3 / ln(10) = 0.521153 m/s; L = -u*^3 rho c_p T / (kappa g H)
  CHECK(n.ustar == doctest::Approx(0.521153).epsilon(1e-6));
  const double l = -std::pow(0.521153, 3) * rho * 1004 * 283.15 / (0.4 * 9.81 * h);
  CHECK(n.obukhov == doctest::Approx(l).epsilon(1e-5));
  // The state the model uses at night over the city: convective, z_iu deep.
  const SurfaceState s = urban_state(rural_night(), city);
  CHECK(s.inverse_L == doctest::Approx(1 / l).epsilon(1e-5));
  CHECK(s.mixing_height == doctest::Approx(336.3586).epsilon(1e-6));
  CHECK(s.ustar == doctest::Approx(0.521153).epsilon(1e-6));
  CHECK(s.z0 == 1.0);
  // At P0 = 2e6 the published reference values: dT = 11.98 K, z_iu = 400 m.
  const UrbanNight p0 = urban_night(rural_night(), UrbanSpec{true, 2.0e6, 1.0});
  CHECK(p0.delta_t == doctest::Approx(12 * 0.9983).epsilon(1e-9));
  CHECK(p0.mixing_height == doctest::Approx(400).epsilon(1e-12));
}

TEST_CASE("urban state: day-time and disabled states unchanged; a deeper rural layer kept") {
  SurfaceState day = rural_night();
  day.inverse_L = -1 / 50.0, day.mixing_height = 1200;
  const UrbanSpec city{true, 1.0e6, 1.0};
  CHECK(urban_state(day, city).inverse_L == day.inverse_L);
  CHECK(urban_state(day, city).mixing_height == 1200);
  CHECK(urban_state(rural_night(), UrbanSpec{}).inverse_L == rural_night().inverse_L);
  SurfaceState deep = rural_night();
  deep.mixing_height = 500;
  CHECK(urban_state(deep, city).mixing_height == 500);
}

// A line of stacks across a periodic y at 100 m (the plume's final height)
// in the rural night and over the city, 1 h: the ground-level maximum
// within 4 km.
double ground_maximum(const SurfaceState& s) {
  TransportConfig cfg;
  Grid& g = cfg.grid;
  g.nx = 40, g.ny = 2;
  g.dx = 100, g.dy = 100;
  g.z_faces = stretched_levels(24, 10.0, 1.1);  // top ~885 m
  g.nz = 24;
  cfg.species = {SpeciesSpec{"tracer", 0, 0, 0}};
  cfg.boundaries = {LateralBoundary::open, LateralBoundary::periodic, TopBoundary::closed};
  auto solver = make_solver(BackendChoice::cpu, cfg);
  solver->set_met(profile_fields(g, s));
  int k_src = 0;
  while (g.z_faces[k_src + 1] < 100) ++k_src;
  std::vector<CellEmission> e;
  for (int j = 0; j < g.ny; ++j) e.push_back({g.index(3, j, k_src), 0, 100.0});
  solver->set_emissions(e);
  solver->advance(3600);
  const std::vector<float> c = solver->concentration(0);
  double m = 0;
  for (int i = 0; i < g.nx; ++i) m = std::max(m, double(c[g.index(i, 0, 0)]));
  return m;
}

TEST_CASE("an urban stack's night-time ground concentration rises from ~0 over the city") {
  const double rural = ground_maximum(rural_night());
  const double city = ground_maximum(urban_state(rural_night(), UrbanSpec{true, 1.0e6, 1.0}));
  MESSAGE("ground maximum within 4 km, 100 m release: rural night " << rural << ", urban night "
                                                                    << city);
  // The plume 50 m above the rural layer reaches the ground only through
  // the floor diffusivity (0.01 m^2/s): nearly nothing.
  CHECK(rural < 1e-3 * city);
  // Over the city the layer is mixed to z_iu = 336 m within the domain:
  // at least a tenth of the well-mixed value Q / (U z_iu dy) of the line.
  CHECK(city > 0.1 * 100.0 / (3.0 * 336.0 * 100.0));
}
