// Ammonium sulfate and nitrate (kernels/ammonium_equilibrium.hpp): the
// Mozurkewich (1993) constant against the thermochemistry of the reaction
// NH4NO3(s) <-> NH3(g) + HNO3(g) in the NBS tables (Wagman et al. 1982,
// J. Phys. Chem. Ref. Data 11, Suppl. 2), the aqueous constant at
// deliquescence, and boxes of excess and missing ammonia.
#include <doctest/doctest.h>

#include <cmath>

#include "kernels/chemistry.hpp"

using namespace airshed::kernels;

namespace {

constexpr double gas_constant = 8.314462618;  // J mol-1 K-1 (CODATA 2018)

// NBS (Wagman et al. 1982) standard enthalpies and Gibbs energies of
// formation at 298.15 K, 1 bar (kJ/mol): NH3(g) -46.11, -16.45; HNO3(g)
// -135.06, -74.72; NH4NO3(s) -365.56, -183.87.
constexpr double reaction_enthalpy = (-46.11 - 135.06 + 365.56) * 1e3;  // 184.39 kJ/mol
constexpr double reaction_gibbs = (-16.45 - 74.72 + 183.87) * 1e3;      // 92.70 kJ/mol

// The textbook root of (a - x)(n - x) = Kp, for comparison with the
// cancellation-free form of the kernel.
double textbook_root(double a, double n, double kp) {
  const double s = a + n;
  return 0.5 * (s - std::sqrt(s * s - 4 * (a * n - kp)));
}

}  // namespace

TEST_CASE("Kp(T) of Mozurkewich against the NBS thermochemistry of the reaction") {
  // The enthalpy of dissociation, R T^2 d ln Kp/dT = R (24084 - 6.025 T),
  // against the NBS tables' 184.39 kJ/mol at 298.15 K: 185.31, within 0.6 %
  // (the tables' uncertainty is ~1 kJ/mol). Measured by central differences.
  const double t = 298.15, dt = 0.01;
  const double dlnk = std::log(nh4no3_dissociation_constant(t + dt, 0.0)) -
                      std::log(nh4no3_dissociation_constant(t - dt, 0.0));
  const double enthalpy = gas_constant * t * t * dlnk / (2 * dt);
  CHECK(std::fabs(enthalpy / reaction_enthalpy - 1) < 0.006);
  // The absolute value at 298.15 K: the NBS Gibbs energy gives
  // exp(-dG / RT) = 5.75e-17 bar^2 = 56.0 ppb^2 at 1 atm; Mozurkewich's fit to
  // measured vapour pressures gives 41.5. A factor exp(1 kJ/mol / RT) = 1.5
  // is the uncertainty of dG; they agree within it.
  const double k_nbs = std::exp(-reaction_gibbs / (gas_constant * t)) * 1e18 / (1.01325 * 1.01325);
  const double k = nh4no3_dissociation_constant(t, 0.0);
  CHECK(k_nbs == doctest::Approx(56.0).epsilon(0.005));
  CHECK(k / k_nbs > 1 / 1.5);
  CHECK(k / k_nbs < 1.5);
  // Van 't Hoff with the NBS enthalpy carries the NBS value to 273, 288 and
  // 308 K: Kp follows within the same factor, across four decades.
  for (const double tt : {273.0, 288.0, 298.0, 308.0}) {
    const double vant_hoff = k_nbs * std::exp(-reaction_enthalpy / gas_constant * (1 / tt - 1 / t));
    const double kt = nh4no3_dissociation_constant(tt, 0.0);
    CHECK(kt / vant_hoff > 1 / 1.5);
    CHECK(kt / vant_hoff < 1.5);
  }
  // Strictly increasing with T: 0.043, 3.08, 41.5, 469 ppb^2.
  CHECK(nh4no3_dissociation_constant(273, 0) == doctest::Approx(0.04299).epsilon(1e-3));
  CHECK(nh4no3_dissociation_constant(308, 0) == doctest::Approx(469.3).epsilon(1e-3));
}

TEST_CASE("Kp(T) against the other published fits at 273, 288, 298 and 308 K") {
  // Seinfeld & Pandis (2006), eq. 10.91 (after Stelson & Seinfeld 1982):
  // ln Kp = 84.6 - 24220/T - 6.1 ln(T/298), ppb^2 (27.8 at 298 K); and the
  // ISORROPIA constant (Nenes et al. 1998; Seinfeld & Pandis 2006, Table
  // 10.7): K = 3.35e16 atm^-2 exp{75.11 (298/T - 1) - 13.5 [1 + ln(298/T) -
  // 298/T]} for NH3 + HNO3 -> NH4NO3(s), Kp = 1e18 / K ppb^2 at 1 atm
  // (29.9 at 298 K). The published fits scatter by ~1.5-2 (NBS thermochemistry
  // above gives 56); Mozurkewich's lies within a factor 1.6 of each.
  for (const double t : {273.0, 288.0, 298.0, 308.0}) {
    const double sp = std::exp(84.6 - 24220.0 / t - 6.1 * std::log(t / 298.0));
    const double r = 298.0 / t;
    const double isorropia =
        1e18 / (3.35e16 * std::exp(75.11 * (r - 1) - 13.5 * (1 + std::log(r) - r)));
    const double k = nh4no3_dissociation_constant(t, 0.0);
    CHECK(k / sp > 1.0);
    CHECK(k / sp < 1.6);
    CHECK(k / isorropia > 1.0);
    CHECK(k / isorropia < 1.6);
  }
}

TEST_CASE("deliquescence: 61.8 % at 298 K; the aqueous Kp meets the solid one there") {
  CHECK(nh4no3_deliquescence_rh(298.0) == doctest::Approx(0.618).epsilon(1e-3));
  CHECK(nh4no3_deliquescence_rh(273.0) > nh4no3_deliquescence_rh(308.0));
  for (const double t : {273.0, 288.0, 298.0, 308.0}) {
    const double drh = nh4no3_deliquescence_rh(t);
    const double dry = nh4no3_dissociation_constant(t, drh - 1e-9);
    const double wet = nh4no3_dissociation_constant(t, drh);
    // A saturated solution is in equilibrium with the solid: the two fits
    // (Mozurkewich 1993, eqs. 5 and 8-9) agree within 4 % at the DRH.
    CHECK(std::fabs(wet / dry - 1) < 0.04);
    // Above it, more water dilutes the solution: Kp falls with RH, to 0 at 1.
    double previous = wet;
    for (double rh = drh + 0.05; rh < 1; rh += 0.05) {
      const double kp = nh4no3_dissociation_constant(t, rh);
      CHECK(kp < previous);
      CHECK(kp > 0);
      previous = kp;
    }
    CHECK(nh4no3_dissociation_constant(t, 1.0) == 0);
  }
}

TEST_CASE("the quadratic: cancellation-free root equals the textbook one") {
  const double cases[][3] = {{10, 10, 41.5}, {16, 10, 0.043}, {1, 200, 3.08}, {50, 0.5, 20}};
  for (const auto& c : cases) {
    const double x = ammonium_nitrate_formed(c[0], c[1], c[2]);
    CHECK(x == doctest::Approx(textbook_root(c[0], c[1], c[2])).epsilon(1e-10));
    CHECK((c[0] - x) * (c[1] - x) == doctest::Approx(c[2]).epsilon(1e-9));
  }
  // Below saturation none forms; tiny products stay exact (no 0/0).
  CHECK(ammonium_nitrate_formed(1, 1, 2) == 0);
  CHECK(ammonium_nitrate_formed(0, 10, 0.0) == 0);
  CHECK(ammonium_nitrate_formed(1e-20, 1e-20, 0.0) == doctest::Approx(1e-20).epsilon(1e-12));
}

TEST_CASE("a winter box with excess NH3 makes nitrate; warming releases it") {
  // 2 ppb sulfate takes 4 ppb ammonia; 16 ppb stays free with 10 ppb nitrate.
  double so4 = 2, nh3 = 20, nh4 = 0, hno3 = 10, no3 = 0;
  const double cold = nh4no3_dissociation_constant(273.0, 0.5);  // dry: DRH(273) = 0.77
  ammonium_partition(so4, nh3, nh4, hno3, no3, cold);
  const double expected = textbook_root(16, 10, 0.04299);
  CHECK(no3 == doctest::Approx(expected).epsilon(1e-3));
  CHECK(no3 / (no3 + hno3) > 0.999);  // at 273 K nearly all nitrate is particulate
  CHECK(nh4 == doctest::Approx(4 + no3).epsilon(1e-14));
  CHECK(nh3 + nh4 == doctest::Approx(20.0).epsilon(1e-15));
  CHECK(hno3 + no3 == doctest::Approx(10.0).epsilon(1e-15));
  // 288 K: Kp = 3.08 ppb^2, still mostly particle: (16 - x)(10 - x) = 3.08.
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(288.0, 0.5));
  CHECK(no3 == doctest::Approx(textbook_root(16, 10, 3.082)).epsilon(1e-3));
  // 308 K: Kp = 469 > 16 x 10: all of it evaporates.
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(308.0, 0.5));
  CHECK(no3 == 0);
  CHECK(hno3 == doctest::Approx(10.0).epsilon(1e-15));
  CHECK(nh4 == doctest::Approx(4.0).epsilon(1e-15));  // the sulfate keeps its ammonium
  CHECK(nh3 == doctest::Approx(16.0).epsilon(1e-15));
}

TEST_CASE("no ammonia, no ammonium nitrate; sulfate takes ammonia first") {
  double so4 = 5, nh3 = 0, nh4 = 0, hno3 = 10, no3 = 0;
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(263.0, 0.5));
  CHECK(no3 == 0);
  CHECK(nh4 == 0);
  CHECK(hno3 == 10);
  // 3 ppb NH3 against 2 ppb sulfate (needs 4): all ammonia in the particle, no nitrate.
  so4 = 2, nh3 = 3, nh4 = 0, hno3 = 10, no3 = 0;
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(263.0, 0.5));
  CHECK(nh4 == 3);
  CHECK(nh3 == 0);
  CHECK(no3 == 0);
}

TEST_CASE("humid air holds more nitrate in the particle") {
  double so4 = 0, nh3 = 6, nh4 = 0, hno3 = 6, no3 = 0;
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(298.0, 0.3));
  const double dry = no3;  // (6 - x)^2 = 41.5: x = 0
  CHECK(dry == 0);
  ammonium_partition(so4, nh3, nh4, hno3, no3, nh4no3_dissociation_constant(298.0, 0.9));
  CHECK(no3 > 1.0);  // Kp_aq(0.9) = 0.156 Kp = 6.5 ppb^2: x = 6 - 2.55
  CHECK(no3 == doctest::Approx(6 - std::sqrt(0.15571 * 41.522)).epsilon(1e-3));
}
