// Briggs final rise for documented stacks against hand calculations from
// the published formulas (ISC3 user's guide vol. II, sec. 1.1.4; g = 9.80616).
#include <doctest/doctest.h>

#include <cmath>

#include "host/emissions/plume_rise.hpp"

using namespace airshed;

namespace {
PlumeRiseInput stack(double d, double vs, double ts, double ta, double u, char cls) {
  return {100.0, d, vs, ts, ta, u, cls, 5000.0};
}
}  // namespace

TEST_CASE("Briggs buoyant rise, neutral, F_b >= 55") {
  // d = 3 m, v_s = 15 m/s, T_s = 400 K, T_a = 293 K, u_s = 5 m/s, class D.
  // F_b = 9.80616 * 15 * 3^2 * 107 / (4 * 400) = 88.531 m^4/s^3
  // dT_c = 0.00575 * 400 * 15^(2/3) / 3^(1/3) = 9.70 K < 107 K -> buoyant
  // dh = 38.71 * 88.531^(3/5) / 5 = 114.05 m
  const PlumeRise r = briggs_plume_rise(stack(3, 15, 400, 293, 5, 'D'));
  CHECK(r.buoyancy_flux == doctest::Approx(88.531).epsilon(1e-4));
  CHECK(r.buoyancy_dominated);
  CHECK(r.rise == doctest::Approx(114.05).epsilon(0.01));
  CHECK(r.effective_height == doctest::Approx(214.05).epsilon(0.01));
}

TEST_CASE("Briggs buoyant rise, stable class F") {
  // s = 9.80616 * 0.035 / 293 = 1.17138e-3 s^-2
  // dh = min(2.6 (88.531 / (5 s))^(1/3), 4 * 88.531^(1/4) s^(-3/8)) = min(64.29, 154.2) = 64.29 m
  const PlumeRise r = briggs_plume_rise(stack(3, 15, 400, 293, 5, 'F'));
  CHECK(r.stability == doctest::Approx(1.17138e-3).epsilon(1e-4));
  CHECK(r.rise == doctest::Approx(64.29).epsilon(0.01));
}

TEST_CASE("Briggs buoyant rise, unstable, F_b < 55") {
  // d = 1 m, v_s = 8 m/s, T_s = 450 K, T_a = 288 K, u_s = 3 m/s, class B.
  // F_b = 9.80616 * 8 * 162 / 1800 = 7.0604;  dT_c = 0.0297 * 450 * 8^(1/3) = 26.7 K < 162 K
  // dh = 21.425 * 7.0604^(3/4) / 3 = 30.93 m
  const PlumeRise r = briggs_plume_rise(stack(1, 8, 450, 288, 3, 'B'));
  CHECK(r.buoyancy_flux == doctest::Approx(7.0604).epsilon(1e-4));
  CHECK(r.rise == doctest::Approx(30.93).epsilon(0.01));
}

TEST_CASE("momentum rise of a cold jet, and the mixing-height cap") {
  // T_s = T_a: F_b = 0, momentum rise 3 d v_s / u_s = 3 * 3 * 15 / 5 = 27 m.
  const PlumeRise m = briggs_plume_rise(stack(3, 15, 293, 293, 5, 'D'));
  CHECK_FALSE(m.buoyancy_dominated);
  CHECK(m.rise == doctest::Approx(27.0).epsilon(1e-9));
  // Stable momentum rise 1.5 (F_m / (u_s sqrt(s)))^(1/3), F_m = 15^2 * 3^2 / 4 = 506.25:
  // 1.5 * (506.25 / (5 * 0.034225))^(1/3) = 21.53 m < 27 m.
  const PlumeRise ms = briggs_plume_rise(stack(3, 15, 293, 293, 5, 'F'));
  CHECK(ms.rise == doctest::Approx(21.53).epsilon(0.01));

  PlumeRiseInput capped = stack(3, 15, 400, 293, 5, 'D');
  capped.mixing_height = 150;
  CHECK(briggs_plume_rise(capped).effective_height == doctest::Approx(150.0));
}

TEST_CASE("gradual buoyant rise follows Briggs' 2/3 law up to the unchanged final rise") {
  // The neutral stack above: F_b = 88.531, u_s = 5, final rise 114.05 m.
  // 1.6 F_b^(1/3) x^(2/3) / u_s at x = 100 m: 1.6 * 4.4570 * 21.544 / 5 = 30.73 m.
  const PlumeRiseInput in = stack(3, 15, 400, 293, 5, 'D');
  const PlumeRise r = briggs_plume_rise(in);
  CHECK(gradual_rise(in, r, 100) == doctest::Approx(30.73).epsilon(1e-3));
  // The 2/3 law: doubling x multiplies the rise by 2^(2/3) below the final rise.
  CHECK(gradual_rise(in, r, 200) / gradual_rise(in, r, 100) ==
        doctest::Approx(std::pow(2.0, 2.0 / 3)).epsilon(1e-12));
  // x_f = (114.05 * 5 / (1.6 * 4.4570))^(3/2) = 715 m; reached there, never exceeded.
  const double xf = final_rise_distance(in, r);
  CHECK(xf == doctest::Approx(715).epsilon(2e-3));
  CHECK(gradual_rise(in, r, xf) == doctest::Approx(r.rise).epsilon(1e-9));
  CHECK(gradual_rise(in, r, 0.9 * xf) < r.rise);
  CHECK(gradual_rise(in, r, 10 * xf) == r.rise);
  CHECK(gradual_rise(in, r, 0) == 0);
  // The final height is today's: gradual rise does not change briggs_plume_rise.
  CHECK(r.effective_height == doctest::Approx(214.05).epsilon(0.01));
}

TEST_CASE("gradual momentum rise follows the 1/3 law") {
  // Cold jet: F_m = 15^2 3^2 293 / (4 293) = 506.25, beta_j = 1/3 + 5/15 = 2/3,
  // dh(10 m) = (3 * 506.25 * 10 / ((4/9) * 25))^(1/3) = 11.10 m, final 27 m.
  const PlumeRiseInput in = stack(3, 15, 293, 293, 5, 'D');
  const PlumeRise r = briggs_plume_rise(in);
  CHECK(gradual_rise(in, r, 10) == doctest::Approx(11.10).epsilon(1e-3));
  CHECK(gradual_rise(in, r, 80) / gradual_rise(in, r, 10) == doctest::Approx(2.0).epsilon(1e-12));
  CHECK(gradual_rise(in, r, final_rise_distance(in, r)) == doctest::Approx(27.0).epsilon(1e-9));
}

TEST_CASE("gradual rise stops at the mixing-height cap of the final height") {
  // The neutral stack under a 150 m lid: final height 150 m, so the 2/3 law
  // stops 50 m above the stack top, at x = (50 * 5 / (1.6 * 4.4570))^(3/2) = 207.6 m.
  PlumeRiseInput in = stack(3, 15, 400, 293, 5, 'D');
  in.mixing_height = 150;
  const PlumeRise r = briggs_plume_rise(in);
  const GradualRise law = gradual_rise_law(in, r);
  CHECK(law.final_rise == doctest::Approx(50.0).epsilon(1e-12));
  CHECK(law.power == doctest::Approx(2.0 / 3));
  CHECK(final_rise_distance(in, r) == doctest::Approx(207.6).epsilon(1e-3));
  CHECK(gradual_rise(in, r, 1e4) == doctest::Approx(50.0).epsilon(1e-12));
  CHECK(in.stack_height + gradual_rise(in, r, 1e4) == doctest::Approx(r.effective_height));
}
