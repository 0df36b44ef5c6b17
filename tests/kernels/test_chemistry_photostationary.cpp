// The NO-NO2-O3 step of kernels/photostationary.hpp: the photostationary
// state of issue 16 (NO2 = 10, NO = O3 = 40 ppb, j/k = 10.08 ppb ->
// NO2 = 32.03, NO = O3 = 17.97 ppb), the Leighton ratio, the exact Riccati
// solution against a fine RK4 integration of the untransformed three-species
// system, and night-time titration against its separable closed forms.
#include <doctest/doctest.h>

#include <cmath>

#include "kernels/chemistry.hpp"

using namespace airshed::kernels;

namespace {

// k (ppb-1 s-1) at 298 K, 1 atm and the j that makes j/k = 10.08 ppb.
const double k298 = per_ppb(k_no_o3(298.0), air_number_density(298.0, 101325.0));
const double j1008 = 10.08 * k298;

struct Nox {
  double no, no2, o3;
};

// d/dt of the three species as written from the two reactions, no invariant used.
Nox rates(const Nox& s, double k, double j) {
  const double r1 = k * s.no * s.o3, r2 = j * s.no2;
  return {r2 - r1, r1 - r2, r2 - r1};
}

Nox rk4(Nox s, double k, double j, double t, int steps) {
  const double h = t / steps;
  const auto add = [](const Nox& a, const Nox& d, double f) {
    return Nox{a.no + f * d.no, a.no2 + f * d.no2, a.o3 + f * d.o3};
  };
  for (int n = 0; n < steps; ++n) {
    const Nox k1 = rates(s, k, j), k2 = rates(add(s, k1, h / 2), k, j);
    const Nox k3 = rates(add(s, k2, h / 2), k, j), k4 = rates(add(s, k3, h), k, j);
    s = Nox{s.no + h / 6 * (k1.no + 2 * k2.no + 2 * k3.no + k4.no),
            s.no2 + h / 6 * (k1.no2 + 2 * k2.no2 + 2 * k3.no2 + k4.no2),
            s.o3 + h / 6 * (k1.o3 + 2 * k2.o3 + 2 * k3.o3 + k4.o3)};
  }
  return s;
}

}  // namespace

TEST_CASE("k(NO+O3) and the air density at 298 K, 1 atm") {
  // 3.0e-12 exp(-1500/298) = 1.9547e-14 (JPL 19-5 quotes 1.9e-14 at 298 K).
  CHECK(k_no_o3(298.0) == doctest::Approx(1.9547e-14).epsilon(1e-4));
  // Loschmidt-like: p / (k_B T) = 2.4627e19 cm-3 at 298 K, 101325 Pa.
  CHECK(air_number_density(298.0, 101325.0) == doctest::Approx(2.4627e19).epsilon(1e-4));
  CHECK(k298 == doctest::Approx(4.814e-4).epsilon(1e-3));
}

TEST_CASE("the photostationary state of issue 16: NO2 = 32.03, NO = O3 = 17.97 ppb") {
  double no = 40, no2 = 10, o3 = 40;
  photostationary_step(no, no2, o3, k298, j1008, 3600.0);  // lambda = 0.022/s: e^-80
  CHECK(std::fabs(no2 - 32.03) < 0.005);
  CHECK(std::fabs(no - 17.97) < 0.005);
  CHECK(std::fabs(o3 - 17.97) < 0.005);
  // Leighton: [NO][O3] / [NO2] = j/k.
  CHECK(no * o3 / no2 == doctest::Approx(10.08).epsilon(1e-9));
  CHECK(no + no2 == doctest::Approx(50.0).epsilon(1e-15));
  CHECK(o3 + no2 == doctest::Approx(50.0).epsilon(1e-15));
}

TEST_CASE("Leighton ratio after equilibration, any state and j/k") {
  const double cases[][5] = {// no, no2, o3, j/k, T
                             {0, 30, 0, 10.08, 298},
                             {5, 0, 80, 3.0, 280},
                             {100, 2, 1, 25.0, 300},
                             {0.1, 0.1, 40, 0.5, 260},
                             {60, 20, 60, 10.08, 310}};
  for (const auto& s : cases) {
    const double k = per_ppb(k_no_o3(s[4]), air_number_density(s[4], 1e5));
    double no = s[0], no2 = s[1], o3 = s[2];
    photostationary_step(no, no2, o3, k, s[3] * k, 1e6);
    CHECK(no * o3 / no2 == doctest::Approx(s[3]).epsilon(1e-9));
  }
}

TEST_CASE("the exact Riccati step matches RK4 of the three-species system") {
  // RK4 with h = 0.01 s: lambda h = 2.2e-4, global error ~ (lambda h)^4
  // x / lambda-scaled ~ 1e-14 ppb; the bound 1e-9 ppb leaves room for rounding.
  const double times[] = {1.0, 10.0, 30.0, 60.0, 200.0};
  for (const double t : times) {
    double no = 40, no2 = 10, o3 = 40;
    photostationary_step(no, no2, o3, k298, j1008, t);
    const Nox ref = rk4({40, 10, 40}, k298, j1008, t, int(t / 0.01));
    CHECK(std::fabs(no2 - ref.no2) < 1e-9);
    CHECK(std::fabs(no - ref.no) < 1e-9);
    CHECK(std::fabs(o3 - ref.o3) < 1e-9);
  }
  // Uneven NOx and Ox, a different j/k, a state far from equilibrium.
  double no = 120, no2 = 0, o3 = 35;
  photostationary_step(no, no2, o3, k298, 4.0 * k298, 45.0);
  const Nox ref = rk4({120, 0, 35}, k298, 4.0 * k298, 45.0, 4500);
  CHECK(std::fabs(no2 - ref.no2) < 1e-9);
  // Split into steps: the same as one step (the solution is a flow).
  double n2 = 40, x2 = 10, o2 = 40;
  for (int s = 0; s < 10; ++s) photostationary_step(n2, x2, o2, k298, j1008, 6.0);
  double n1 = 40, x1 = 10, o1 = 40;
  photostationary_step(n1, x1, o1, k298, j1008, 60.0);
  CHECK(x2 == doctest::Approx(x1).epsilon(1e-13));
}

TEST_CASE("night: titration by NO + O3 alone, exactly") {
  // a = NOx = 50, b = Ox = 40: (a - x)/(b - x) = (a - x0)/(b - x0) e^{k (a - b) t}.
  const double t = 300.0;
  double no = 40, no2 = 10, o3 = 30;
  photostationary_step(no, no2, o3, k298, 0.0, t);
  const double ratio = (40.0 / 30.0) * std::exp(k298 * 10.0 * t);  // NO / O3
  // NO = a - x, O3 = b - x, NO - O3 = 10: O3 = 10 / (ratio - 1).
  CHECK(o3 == doctest::Approx(10.0 / (ratio - 1)).epsilon(1e-12));
  CHECK(no == doctest::Approx(10.0 + 10.0 / (ratio - 1)).epsilon(1e-12));
  // A long night: the scarcer of NO and O3 runs out, the other keeps the excess.
  no = 40, no2 = 10, o3 = 30;
  photostationary_step(no, no2, o3, k298, 0.0, 1e5);
  CHECK(o3 < 1e-12);
  CHECK(no == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(no2 == doctest::Approx(40.0).epsilon(1e-12));
  // NO = O3: d NO/dt = -k NO^2, NO(t) = NO0 / (1 + k NO0 t) (lambda = 0 exactly).
  no = 20, no2 = 5, o3 = 20;
  photostationary_step(no, no2, o3, k298, 0.0, t);
  CHECK(no == doctest::Approx(20.0 / (1 + k298 * 20.0 * t)).epsilon(1e-13));
  CHECK(o3 == doctest::Approx(no).epsilon(1e-15));
  CHECK(no2 == doctest::Approx(25.0 - no).epsilon(1e-14));
}

TEST_CASE("degenerate states stay finite and non-negative") {
  double no = 0, no2 = 0, o3 = 0;
  photostationary_step(no, no2, o3, k298, j1008, 600.0);
  CHECK(no == 0);
  CHECK(no2 == 0);
  CHECK(o3 == 0);
  no = 0, no2 = 0, o3 = 50;  // no NOx: nothing happens
  photostationary_step(no, no2, o3, k298, j1008, 600.0);
  CHECK(o3 == 50);
  no = 0, no2 = 1e-30, o3 = 0;  // all NO2, sun: photolysed
  photostationary_step(no, no2, o3, k298, j1008, 1e4);
  CHECK(no >= 0);
  CHECK(o3 >= 0);
  CHECK(no2 >= 0);
  CHECK(no + no2 == doctest::Approx(1e-30).epsilon(1e-15));
}
