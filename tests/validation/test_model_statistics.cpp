// Chang & Hanna (2004) measures against values worked out by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "tools/validation/model_statistics.hpp"

using airshed::validation::paired_statistics;

TEST_CASE("three pairs worked by hand") {
  // Co = {1, 2, 4}, Cp = {2, 2, 1}: means 7/3 and 5/3.
  const auto s = paired_statistics({1, 2, 4}, {2, 2, 1});
  CHECK(s.n == 3);
  // FB = (7/3 - 5/3) / (0.5 * 12/3) = 1/3
  CHECK(s.fb == doctest::Approx(1.0 / 3.0).epsilon(1e-12));
  // NMSE = mean(1, 0, 9) / (7/3 * 5/3) = (10/3) / (35/9) = 6/7
  CHECK(s.nmse == doctest::Approx(6.0 / 7.0).epsilon(1e-12));
  // ln(Co/Cp) = {-ln 2, 0, 2 ln 2}: MG = exp(ln 2 / 3) = 2^(1/3)
  CHECK(s.mg == doctest::Approx(std::cbrt(2.0)).epsilon(1e-12));
  // VG = exp((ln2^2 + 0 + 4 ln2^2) / 3) = exp(5 ln2^2 / 3)
  const double ln2 = std::log(2.0);
  CHECK(s.vg == doctest::Approx(std::exp(5 * ln2 * ln2 / 3)).epsilon(1e-12));
  // Cp/Co = {2, 1, 0.25}: the factor-2 bounds are inclusive, so 2 of 3.
  CHECK(s.fac2 == doctest::Approx(2.0 / 3.0).epsilon(1e-12));
}

TEST_CASE("a perfect model scores FB 0, NMSE 0, MG 1, VG 1, FAC2 1") {
  const auto s = paired_statistics({0.1, 0.02, 3e-4}, {0.1, 0.02, 3e-4});
  CHECK(s.fb == doctest::Approx(0.0));
  CHECK(s.nmse == doctest::Approx(0.0));
  CHECK(s.mg == doctest::Approx(1.0));
  CHECK(s.vg == doctest::Approx(1.0));
  CHECK(s.fac2 == doctest::Approx(1.0));
}

TEST_CASE("a model twice too high everywhere") {
  // FB = (1 - 2) / 1.5 = -2/3; NMSE = 1 / 2 for Co = 1, Cp = 2; MG = 1/2; VG = exp(ln2^2).
  const auto s = paired_statistics({1, 1}, {2, 2});
  CHECK(s.fb == doctest::Approx(-2.0 / 3.0));
  CHECK(s.nmse == doctest::Approx(0.5));
  CHECK(s.mg == doctest::Approx(0.5));
  CHECK(s.vg == doctest::Approx(std::exp(std::log(2.0) * std::log(2.0))));
  CHECK(s.fac2 == doctest::Approx(1.0));
}

TEST_CASE("missing values drop the pair; mismatched lengths throw") {
  const auto s = paired_statistics({1, -9, 2, 0}, {1, 5, NAN, 3});
  CHECK(s.n == 1);
  CHECK(s.fb == doctest::Approx(0.0));
  CHECK(paired_statistics({}, {}).n == 0);
  CHECK_THROWS_AS(paired_statistics({1, 2}, {1}), std::invalid_argument);
}
