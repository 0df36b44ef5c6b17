// Wind and diffusivity profiles against the similarity formulas written
// out by hand at chosen heights; the neutral limit is the log law.
#include <doctest/doctest.h>

#include <cmath>

#include "host/met/similarity.hpp"
#include "host/met/surface_profiles.hpp"

using namespace airshed;
namespace sim = airshed::similarity;

TEST_CASE("neutral limit recovers ln(z/z0)") {
  const double z0 = 0.1;
  for (double z : {2.0, 10.0, 55.0, 300.0}) {
    CHECK(sim::wind_shape(z, z0, 0.0) == doctest::Approx(std::log(z / z0)).epsilon(1e-12));
    // u(z) / u(10 m) = ln(z/z0) / ln(10/z0) below the mixing height
    CHECK(sim::wind_speed(z, 5.0, 10.0, z0, 0.0, 1000.0) ==
          doctest::Approx(5.0 * std::log(z / z0) / std::log(10 / z0)).epsilon(1e-12));
  }
  // u* = kappa U / ln(z/z0) = 0.4 * 5 / ln(100) = 0.43429
  CHECK(sim::friction_velocity(5.0, 10.0, 0.1, 0.0) == doctest::Approx(0.434294).epsilon(1e-5));
}

TEST_CASE("Businger-Dyer stability corrections") {
  // Unstable, zeta = -0.5: x = (1 + 8)^(1/4) = 1.7320508
  const double x = std::sqrt(3.0);
  const double psi_m = 2 * std::log((1 + x) / 2) + std::log((1 + x * x) / 2) - 2 * std::atan(x) +
                       std::acos(-1.0) / 2;
  CHECK(sim::psi_m(-0.5) == doctest::Approx(psi_m).epsilon(1e-12));
  CHECK(sim::psi_m(-0.5) == doctest::Approx(0.7934).epsilon(1e-3));
  CHECK(sim::psi_h(-0.5) == doctest::Approx(2 * std::log(2.0)).epsilon(1e-12));  // 2 ln((1+3)/2)
  CHECK(sim::phi_h(-0.5) == doctest::Approx(1 / 3.0).epsilon(1e-12));
  // Stable log-linear: psi = -5 zeta, phi = 1 + 5 zeta (zeta <= 1)
  CHECK(sim::psi_m(0.4) == doctest::Approx(-2.0));
  CHECK(sim::phi_m(0.4) == doctest::Approx(3.0));
  // Unstable wind at 50 m, L = -50 m, z0 = 0.5: (u*/kappa)(ln(100) - psi_m(-1))
  const double x1 = std::pow(17.0, 0.25);
  const double psi1 = 2 * std::log((1 + x1) / 2) + std::log((1 + x1 * x1) / 2) - 2 * std::atan(x1) +
                      std::acos(-1.0) / 2;
  CHECK(sim::wind_shape(50, 0.5, -1 / 50.0) == doctest::Approx(std::log(100.0) - psi1));
  // Stable wind at 20 m, L = 100 m, z0 = 0.1: ln(200) + 5 * 0.2
  CHECK(sim::wind_shape(20, 0.1, 0.01) == doctest::Approx(std::log(200.0) + 1.0));
}

TEST_CASE("wind is constant above the mixing height") {
  const double below = sim::wind_speed(400, 3, 10, 0.3, 1 / 200.0, 400);
  CHECK(sim::wind_speed(900, 3, 10, 0.3, 1 / 200.0, 400) == doctest::Approx(below));
}

TEST_CASE("Kz profile matches kappa u* z / phi_h (1 - z/h)^2") {
  const double us = 0.4, h = 800;
  // neutral, z = 100: 0.4 * 0.4 * 100 * (1 - 0.125)^2 = 12.25
  CHECK(sim::vertical_diffusivity(100, us, 0, h) == doctest::Approx(12.25).epsilon(1e-12));
  // stable L = 200, z = 50: phi_h = 1 + 5 * 0.25 = 2.25 -> 0.4 * 0.4 * 50 / 2.25 * (1 - 1/16)^2
  CHECK(sim::vertical_diffusivity(50, us, 1 / 200.0, h) ==
        doctest::Approx(0.16 * 50 / 2.25 * std::pow(15 / 16.0, 2)).epsilon(1e-12));
  // unstable L = -100, h = 1000: at z = 50 phi_h = (1 + 8)^(-1/2) = 1/3;
  // at z = 500 phi_h is held at its z = 0.1 h value (1 + 16)^(-1/2).
  CHECK(sim::vertical_diffusivity(50, us, -0.01, 1000) ==
        doctest::Approx(0.16 * 50 * 3 * 0.95 * 0.95).epsilon(1e-12));
  CHECK(sim::vertical_diffusivity(500, us, -0.01, 1000) ==
        doctest::Approx(0.16 * 500 * std::sqrt(17.0) * 0.25).epsilon(1e-12));
  // above h: the floor
  CHECK(sim::vertical_diffusivity(900, us, 0, h) == doctest::Approx(sim::kz_floor));
}

TEST_CASE("Golder classes give L of the right sign and size") {
  // z0 = 0.1: F -> 1/L = 0.035 + 0.036 = 0.071 (L = 14.1 m); A -> -0.125 (L = -8 m)
  CHECK(sim::inverse_obukhov_golder('F', 0.1) == doctest::Approx(0.071));
  CHECK(sim::inverse_obukhov_golder('A', 0.1) == doctest::Approx(-0.125));
  CHECK(sim::inverse_obukhov_golder('D', 0.1) == 0.0);
  for (char c = 'A'; c <= 'F'; ++c)
    CHECK(sim::pasquill_class_from_inverse_obukhov(sim::inverse_obukhov_golder(c, 0.3), 0.3) == c);
}

TEST_CASE("met fields on the grid: direction, staggering, w = 0") {
  Grid g{4, 3, 5, 100, 100, stretched_levels(5, 10, 1.3)};
  MetRecord r;
  r.wind_speed = 4;
  r.wind_direction = 270;  // from the west: u > 0, v = 0
  r.stability_class = 'D';
  r.mixing_height = 500;
  const SurfaceState s = surface_state(r, 0.1, 10);
  const MetFields m = profile_fields(g, s);
  CHECK(m.u.size() == 5u * 3 * 5);
  CHECK(m.kz.size() == 4u * 3 * 6);
  CHECK(m.u[0] > 0);
  CHECK(std::abs(m.v[0]) < 1e-5);
  // the first level's wind is the log law at its centre (5 m)
  CHECK(m.u[0] == doctest::Approx(4 * std::log(50.0) / std::log(100.0)).epsilon(1e-6));
  for (float w : m.w) CHECK(w == 0.0f);
  // u* derived from the 10 m wind: 0.4 * 4 / ln(100)
  CHECK(s.ustar == doctest::Approx(0.4 * 4 / std::log(100.0)).epsilon(1e-12));
}
