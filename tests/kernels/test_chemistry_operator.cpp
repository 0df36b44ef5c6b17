// The whole cell operator, kernels/chemistry.hpp: element totals conserved
// to rounding and amounts never negative over random states, met and steps;
// the pieces switched off leave their species alone; the Strang split is
// second order in dt; and first-order oxidation follows its exponential.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "kernels/chemistry.hpp"

using namespace airshed::kernels;

namespace {

struct Totals {
  double nitrogen_ox, odd_oxygen, nitrate, ammonia, sulfur;
};

Totals totals(const ChemistryCell& c) {
  return {c.no + c.no2 + c.hno3 + c.no3, c.o3 + c.no2 + c.hno3 + c.no3, c.hno3 + c.no3,
          c.nh3 + c.nh4, c.so2 + c.so4};
}

bool non_negative(const ChemistryCell& c) {
  return c.no >= 0 && c.no2 >= 0 && c.o3 >= 0 && c.so2 >= 0 && c.so4 >= 0 && c.hno3 >= 0 &&
         c.no3 >= 0 && c.nh3 >= 0 && c.nh4 >= 0;
}

bool close(double a, double b, double rel) {
  return std::fabs(a - b) <= rel * (std::fabs(b) + 1e-300);
}

const ChemistryEnvironment winter_night{268.0, 101325.0, 0.6, -0.4, 1.0};
const ChemistryEnvironment summer_noon{303.0, 100000.0, 0.5, 0.9, 1.0};

}  // namespace

TEST_CASE("random states, met and steps: totals to rounding, nothing negative") {
  std::mt19937_64 rng(16);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const auto amount = [&] {  // 0, tiny, or 0..200 ppb, log-spread
    const double r = u(rng);
    return r < 0.1 ? 0.0 : r < 0.2 ? 1e-12 * u(rng) : 200.0 * std::pow(u(rng), 3.0);
  };
  const double steps[] = {0.0, 1.0, 30.0, 600.0, 3600.0, 86400.0};
  int cells = 0;
  double worst = 0;
  for (int n = 0; n < 2000; ++n) {
    ChemistryCell c{amount(), amount(), amount(), amount(), amount(),
                    amount(), amount(), amount(), amount()};
    const ChemistryEnvironment env{240.0 + 75.0 * u(rng), 6e4 + 4.5e4 * u(rng), u(rng),
                                   2.0 * u(rng) - 1.0, u(rng)};
    ChemistryOptions opt;
    opt.photostationary = u(rng) < 0.9, opt.sulfate = u(rng) < 0.9;
    opt.nitrate = u(rng) < 0.9, opt.ammonium = u(rng) < 0.9;
    const Totals t0 = totals(c);
    for (int s = 0; s < 20; ++s) {
      chemistry_step(c, env, opt, steps[(n + s) % 6]);
      REQUIRE(non_negative(c));
    }
    const Totals t1 = totals(c);
    // 20 steps of a few roundings each: 1e-13 relative is ~500 ulps.
    const double rel = 1e-13;
    CHECK(close(t1.nitrogen_ox, t0.nitrogen_ox, rel));
    CHECK(close(t1.odd_oxygen, t0.odd_oxygen, rel));
    CHECK(close(t1.ammonia, t0.ammonia, rel));
    CHECK(close(t1.sulfur, t0.sulfur, rel));
    if (!opt.nitrate) CHECK(close(t1.nitrate, t0.nitrate, rel));
    const double scale = t0.nitrogen_ox + t0.odd_oxygen + t0.ammonia + t0.sulfur + 1e-300;
    worst =
        std::fmax(worst, (std::fabs(t1.nitrogen_ox - t0.nitrogen_ox) +
                          std::fabs(t1.odd_oxygen - t0.odd_oxygen) +
                          std::fabs(t1.ammonia - t0.ammonia) + std::fabs(t1.sulfur - t0.sulfur)) /
                             scale);
    ++cells;
  }
  MESSAGE("worst relative drift of the totals over 20 steps: " << worst << " (" << cells
                                                               << " cells)");
  CHECK(worst < 1e-13);
}

TEST_CASE("Ox = O3 + NO2 itself is conserved when nitrate formation is off") {
  ChemistryCell c{40, 10, 40, 5, 0, 0, 0, 10, 0};
  ChemistryOptions opt;
  opt.nitrate = false;
  for (int s = 0; s < 100; ++s) chemistry_step(c, summer_noon, opt, 300.0);
  CHECK(c.o3 + c.no2 == doctest::Approx(50.0).epsilon(1e-14));
  CHECK(c.no + c.no2 == doctest::Approx(50.0).epsilon(1e-14));
  CHECK(c.hno3 == 0);
  CHECK(c.no3 == 0);
}

TEST_CASE("switched-off pieces leave their species bit for bit") {
  const ChemistryCell start{40, 10, 40, 5, 1, 2, 0.5, 10, 1};
  ChemistryOptions none;
  none.photostationary = none.sulfate = none.nitrate = none.ammonium = false;
  ChemistryCell c = start;
  chemistry_step(c, summer_noon, none, 3600.0);
  CHECK(c.no == start.no);
  CHECK(c.no2 == start.no2);
  CHECK(c.o3 == start.o3);
  CHECK(c.so2 == start.so2);
  CHECK(c.so4 == start.so4);
  CHECK(c.hno3 == start.hno3);
  CHECK(c.no3 == start.no3);
  CHECK(c.nh3 == start.nh3);
  CHECK(c.nh4 == start.nh4);
  // Photostationary only (a mechanism without secondary aerosol).
  ChemistryOptions nox_only = none;
  nox_only.photostationary = true;
  c = start;
  chemistry_step(c, summer_noon, nox_only, 3600.0);
  CHECK(c.so2 == start.so2);
  CHECK(c.hno3 == start.hno3);
  CHECK(c.nh3 == start.nh3);
  CHECK(c.no != start.no);
}

TEST_CASE("SO2 -> SO4 follows exp(-r t) exactly, at night at the MESOPUFF II rate") {
  ChemistryOptions so2_only;
  so2_only.photostationary = so2_only.nitrate = so2_only.ammonium = false;
  ChemistryCell c{0, 0, 0, 10, 0, 0, 0, 0, 0};
  chemistry_step(c, winter_night, so2_only, 36000.0);  // 10 h
  const double m = air_number_density(winter_night.temperature, winter_night.pressure);
  const double r = k_oh_so2(winter_night.temperature, m) * 1.3e5 + 0.002 / 3600.0;
  CHECK(c.so2 == doctest::Approx(10.0 * std::exp(-r * 36000.0)).epsilon(1e-13));
  // ~0.2 %/h + OH floor: ~2.4 % in 10 h.
  CHECK(c.so4 > 0.2);
  CHECK(c.so4 < 0.3);
}

TEST_CASE("the Strang split is second order in dt") {
  // Summer noon, NO2 oxidised at ~23 %/h while the photostationary state
  // relaxes at 0.02/s: the two do not commute. Errors over 600 s against
  // 2^14 steps fall by 4 per halving of dt once dt is well below the
  // relaxation time 1/0.02 s (3.3, 3.7 at 37.5 and 18.75 s).
  const ChemistryCell start{40, 10, 40, 5, 0, 0, 0, 10, 0};
  ChemistryOptions opt;
  opt.ammonium = false;  // the equilibrium is instantaneous, not split
  const auto run = [&](int n) {
    ChemistryCell c = start;
    for (int s = 0; s < n; ++s) chemistry_step(c, summer_noon, opt, 600.0 / n);
    return c;
  };
  const ChemistryCell ref = run(1 << 14);
  double previous = 0;
  for (int n = 32; n <= 512; n *= 2) {
    const double err = std::fabs(run(n).no2 - ref.no2);
    if (previous > 0) {
      MESSAGE("dt = " << 600.0 / n << " s: NO2 error " << err << ", ratio " << previous / err);
      CHECK(previous / err > 3.5);
      CHECK(previous / err < 4.5);
    }
    previous = err;
  }
}

TEST_CASE("a winter night box: NH3 and NOx make particulate nitrate") {
  // A steel stack's plume (NO 60, NO2 20, SO2 20 ppb) meets background O3
  // (30 ppb) and NH3 from a fertiliser yard (30 ppb) at -5 C, RH 60 %.
  ChemistryCell c{60, 20, 30, 20, 0, 0, 0, 30, 0};
  const ChemistryOptions opt;
  for (int s = 0; s < 12; ++s) chemistry_step(c, winter_night, opt, 1200.0);  // 4 h
  CHECK(c.o3 < 1e-6);  // titrated: NO exceeds O3
  CHECK(c.no3 > 0);
  CHECK(c.no3 / (c.no3 + c.hno3) > 0.99);  // Kp(268) = 0.01 ppb^2
  CHECK(c.nh4 == doctest::Approx(2 * c.so4 + c.no3).epsilon(1e-12));
  // Without ammonia the nitric acid stays gas.
  ChemistryCell d{60, 20, 30, 20, 0, 0, 0, 0, 0};
  for (int s = 0; s < 12; ++s) chemistry_step(d, winter_night, opt, 1200.0);
  CHECK(d.no3 == 0);
  CHECK(d.hno3 == doctest::Approx(c.hno3 + c.no3).epsilon(1e-12));
}

TEST_CASE("chemistry_rates: the shared-logarithm rates are the pieces' and the JPL formula's") {
  // The JPL fall-off as printed (Sander et al. 2006, Section 2), with pow.
  const auto jpl = [](double k0_300, double n, double kinf, double t, double m) {
    const double k0m = k0_300 * std::pow(t / 300.0, -n) * m;
    return k0m / (1 + k0m / kinf) * std::pow(0.6, 1 / (1 + std::pow(std::log10(k0m / kinf), 2)));
  };
  for (const double t : {240.0, 268.0, 298.0, 315.0})
    for (const double p : {6e4, 1e5})
      for (const double cz : {-0.3, 0.0, 0.05, 0.6, 1.0})
        for (const double rh : {0.2, 0.7, 0.95}) {
          const ChemistryEnvironment env{t, p, rh, cz, 0.8};
          const ChemistryRates r = chemistry_rates(env);
          const double m = air_number_density(t, p);
          CHECK(k_oh_so2(t, m) == doctest::Approx(jpl(3.3e-31, 4.3, 1.6e-12, t, m)).epsilon(1e-13));
          CHECK(k_oh_no2(t, m) == doctest::Approx(jpl(1.8e-30, 3.0, 2.8e-11, t, m)).epsilon(1e-13));
          CHECK(r.k_no_o3 == doctest::Approx(per_ppb(k_no_o3(t), m)).epsilon(1e-14));
          CHECK(r.j_no2 == doctest::Approx(j_no2(cz, 0.8)).epsilon(1e-14));
          CHECK(r.so2_oxidation ==
                doctest::Approx(so2_oxidation_rate(t, m, cz, 0.8)).epsilon(1e-14));
          CHECK(r.no2_oxidation ==
                doctest::Approx(no2_oxidation_rate(t, m, cz, 0.8)).epsilon(1e-14));
          CHECK(r.kp == doctest::Approx(nh4no3_dissociation_constant(t, rh)).epsilon(1e-14));
        }
  // j and OH against the MCM formula as printed, with pow: l cos^m exp(-n / cos).
  CHECK(j_no2(0.6, 1.0) ==
        doctest::Approx(1.165e-2 * std::pow(0.6, 0.244) * std::exp(-0.267 / 0.6)).epsilon(1e-14));
  const double j1 = 6.073e-5 * std::pow(0.6, 1.743) * std::exp(-0.474 / 0.6);
  CHECK(j_o1d(0.6, 1.0) == doctest::Approx(j1).epsilon(1e-14));
  CHECK(oh_number_density(0.6, 1.0) ==
        doctest::Approx(2.4e6 * std::pow(j1 / 1e-5, 0.83) + 0.13e6).epsilon(1e-14));
  // The aqueous Kp against the formula as printed, with pow(h, 1.75).
  const double t = 285.0, rh = 0.9, h = 0.1, lt = std::log(t);
  const double kp = std::exp(118.87 - 24084.0 / t - 6.025 * lt);
  const double p1 = std::exp(-135.94 + 8763.0 / t + 19.12 * lt);
  const double p2 = std::exp(-122.65 + 9969.0 / t + 16.22 * lt);
  const double p3 = std::exp(-182.61 + 13875.0 / t + 24.46 * lt);
  CHECK(nh4no3_dissociation_constant(t, rh) ==
        doctest::Approx((p1 - p2 * h + p3 * h * h) * std::pow(h, 1.75) * kp).epsilon(1e-12));
}
