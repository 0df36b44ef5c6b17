// The resistance model of kernels/dry_deposition.hpp against values
// computed by hand from its formulas (Seinfeld & Pandis 2016, eqs. 19.13,
// 19.17), and the bounds every v_d must keep.
#include <doctest/doctest.h>

#include <cmath>

#include "host/met/similarity.hpp"
#include "kernels/dry_deposition.hpp"

using namespace airshed::kernels;

TEST_CASE("r_a: neutral is ln(z_r/z0)/(kappa u*); stable larger, unstable smaller") {
  // z_r = 10 m, z0 = 0.1 m, u* = 0.4 m/s: ln(100) / 0.16 = 28.782313662...
  const double neutral = aerodynamic_resistance(10, 0.1, 0.4, 0.0);
  CHECK(neutral == doctest::Approx(std::log(100.0) / 0.16).epsilon(1e-15));
  CHECK(neutral == doctest::Approx(28.7823136624).epsilon(1e-10));
  // L = 100 m: psi_h(0.1) = -0.5, psi_h(0.001) = -0.005 (Dyer 1974):
  // (4.605170186 + 0.5 - 0.005) / 0.16 = 31.8760636624
  const double stable = aerodynamic_resistance(10, 0.1, 0.4, 0.01);
  CHECK(stable == doctest::Approx(31.8760636624).epsilon(1e-10));
  // L = -100 m: x = (1 + 1.6)^(1/4) at z_r, (1 + 0.016)^(1/4) at z0 (Paulson 1970).
  const double xr = std::pow(2.6, 0.25), x0 = std::pow(1.016, 0.25);
  const double unstable_hand =
      (std::log(100.0) - 2 * std::log((1 + xr * xr) / 2) + 2 * std::log((1 + x0 * x0) / 2)) / 0.16;
  const double unstable = aerodynamic_resistance(10, 0.1, 0.4, -0.01);
  CHECK(unstable == doctest::Approx(unstable_hand).epsilon(1e-14));
  CHECK(stable > neutral);
  CHECK(unstable < neutral);
  CHECK(unstable > 0);
}

TEST_CASE("psi in kernels/ is the host similarity's, bitwise") {
  for (const double zeta : {-10.0, -1.0, -0.01, 0.0, 0.3, 1.0, 4.0}) {
    CHECK(psi_h(zeta) == airshed::similarity::psi_h(zeta));
    CHECK(psi_m(zeta) == airshed::similarity::psi_m(zeta));
  }
}

TEST_CASE("r_b = 2 (Sc/Pr)^(2/3) / (kappa u*)") {
  CHECK(quasi_laminar_resistance(0.72, 0.4) == doctest::Approx(12.5).epsilon(1e-15));
  // SO2-like Sc = 1.2: (1.2/0.72)^(2/3) = 1.405721..., r_b = 17.5715...
  CHECK(quasi_laminar_resistance(1.2, 0.4) ==
        doctest::Approx(12.5 * std::cbrt((1.2 / 0.72) * (1.2 / 0.72))).epsilon(1e-14));
  CHECK(quasi_laminar_resistance(0.6, 0.4) < quasi_laminar_resistance(1.2, 0.4));
}

TEST_CASE("v_d = 1/(r_a + r_b + r_c), bounded by 1/r_c and by 1/(r_a + r_b)") {
  for (const double rc : {1.0, 30.0, 100.0, 1000.0})
    for (const double ustar : {0.05, 0.3, 1.2})
      for (const double inv_l : {-0.05, 0.0, 0.02}) {
        const double vd = resistance_deposition_velocity(20, 0.3, ustar, inv_l, 1.2, rc);
        const double ra = aerodynamic_resistance(20, 0.3, ustar, inv_l);
        const double rb = quasi_laminar_resistance(1.2, ustar);
        CHECK(vd == doctest::Approx(1 / (ra + rb + rc)).epsilon(1e-15));
        CHECK(vd < 1 / rc);
        CHECK(vd < 1 / (ra + rb));
        CHECK(vd > 0);
      }
  // Neutral, z_r = 10, z0 = 0.1, u* = 0.4, Sc = Pr, r_c = 100:
  // 1 / (28.7823136624 + 12.5 + 100) = 7.07799...e-3 m/s
  CHECK(resistance_deposition_velocity(10, 0.1, 0.4, 0, 0.72, 100) ==
        doctest::Approx(1 / 141.2823136624).epsilon(1e-10));
  // Stronger turbulence deposits faster; no turbulence not at all.
  CHECK(resistance_deposition_velocity(10, 0.1, 0.8, 0, 1.2, 100) >
        resistance_deposition_velocity(10, 0.1, 0.2, 0, 1.2, 100));
  CHECK(resistance_deposition_velocity(10, 0.1, 0.0, 0, 1.2, 100) == 0.0);
}
