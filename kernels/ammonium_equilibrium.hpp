// Ammonium sulfate and the NH3 + HNO3 <-> NH4NO3 equilibrium of one cell,
// closed-form (no iteration). Amounts in ppb; particle species as the
// molar amount of their ion, so total ammonia (NH3 + NH4) and total nitrate
// (HNO3 + NO3) are conserved by plain sums.
//   1. Sulfate takes ammonia first, as ammonium sulfate: 2 NH4 per SO4
//      (Seinfeld & Pandis 2006, "Atmospheric Chemistry and Physics", 2nd
//      ed., Section 10.4: in the ammonia-rich regime sulfate is neutralised
//      before any nitrate forms; with less ammonia than 2 SO4 all of it is
//      in the particle, as bisulfate/acid sulfate, and no NH4NO3 forms. EMEP
//      takes 1.5 NH4 per SO4 instead, letovicite-like; the choice is one
//      constant below).
//   2. The free ammonia a and the total nitrate n share x of NH4NO3 with
//      (a - x)(n - x) = Kp when a n > Kp, else x = 0.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

constexpr double ammonium_per_sulfate = 2.0;  // (NH4)2SO4

// Deliquescence RH of NH4NO3 (0..1): ln(DRH %) = 723.7 / T + 1.6954
// (Mozurkewich 1993, Atmos. Environ. 27A, 261-270; Seinfeld & Pandis 2006,
// 2nd ed., eq. 10.88), 0.62 at 298 K.
AIRSHED_HD inline double nh4no3_deliquescence_rh(double temperature) {
  return 0.01 * ::exp(723.7 / temperature + 1.6954);
}

// Kp = [NH3][HNO3] over NH4NO3 (ppb^2). Below the deliquescence RH, the
// solid: ln Kp = 118.87 - 24084 / T - 6.025 ln T (Mozurkewich 1993, fit to
// the measured vapour pressures), 41.5 ppb^2 at 298 K (other published fits
// give 28-56 ppb^2 there: docs/chemistry.md). At and above it, the aqueous
// solution, with h = 1 - RH,
//   Kp_aq = (P1 - P2 h + P3 h^2) h^1.75 Kp,
//   ln P1 = -135.94 + 8763 / T + 19.12 ln T,
//   ln P2 = -122.65 + 9969 / T + 16.22 ln T,
//   ln P3 = -182.61 + 13875 / T + 24.46 ln T
// (Mozurkewich 1993; the form of EMEP's ammonium module, EMEP Report 2/98,
// p. B:3, and its Ammonium_mod.f90, which notes that P3's ln T coefficient
// is 24.46 where the report printed 2446). From 1/T and ln T.
AIRSHED_HD inline double nh4no3_kp(double inv_t, double ln_t, double relative_humidity) {
  const double ln_kp = 118.87 - 24084.0 * inv_t - 6.025 * ln_t;
  if (relative_humidity < 0.01 * ::exp(723.7 * inv_t + 1.6954)) return ::exp(ln_kp);
  const double h = relative_humidity < 1 ? 1 - relative_humidity : 0.0;
  const double p1 = ::exp(-135.94 + 8763.0 * inv_t + 19.12 * ln_t + ln_kp);
  const double p2 = ::exp(-122.65 + 9969.0 * inv_t + 16.22 * ln_t + ln_kp);
  const double p3 = ::exp(-182.61 + 13875.0 * inv_t + 24.46 * ln_t + ln_kp);
  const double root_h = ::sqrt(h);
  return (p1 - p2 * h + p3 * h * h) * h * root_h * ::sqrt(root_h);  // h^1.75
}
AIRSHED_HD inline double nh4no3_dissociation_constant(double temperature,
                                                      double relative_humidity) {
  return nh4no3_kp(1.0 / temperature, ::log(temperature), relative_humidity);
}

// The NH4NO3 formed (ppb) from free ammonia a and total nitrate n: the
// smaller root of x^2 - (a + n) x + (a n - Kp) = 0, written without
// cancellation as 2 (a n - Kp) / (a + n + sqrt((a - n)^2 + 4 Kp)); in
// [0, min(a, n)].
AIRSHED_HD inline double ammonium_nitrate_formed(double a, double n, double kp) {
  const double excess = a * n - kp;
  if (!(excess > 0)) return 0.0;
  const double x = 2 * excess / (a + n + ::sqrt((a - n) * (a - n) + 4 * kp));
  const double top = a < n ? a : n;
  return x < top ? x : top;
}

// Partitions ammonia and nitrate between gas and particle from their totals.
AIRSHED_HD inline void ammonium_partition(double so4, double& nh3, double& nh4, double& hno3,
                                          double& no3, double kp) {
  const double total_ammonia = nh3 + nh4, total_nitrate = hno3 + no3;
  const double need = ammonium_per_sulfate * so4;
  const double with_sulfate = total_ammonia < need ? total_ammonia : need;
  const double free_ammonia = total_ammonia - with_sulfate;
  const double x = ammonium_nitrate_formed(free_ammonia, total_nitrate, kp);
  nh3 = free_ammonia - x;
  nh4 = with_sulfate + x;
  hno3 = total_nitrate - x;
  no3 = x;
}

}  // namespace airshed::kernels
