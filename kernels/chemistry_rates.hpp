// Rate coefficients of the chemistry operator (kernels/chemistry.hpp),
// each a pure function of the cell's temperature, pressure and sunlight.
// docs/chemistry.md collects them in the mechanism table with their
// sources; amounts are mole fractions in ppb (nmol/mol), so a bimolecular
// k in cm3 molecule-1 s-1 becomes ppb-1 s-1 through the air number density.
// Powers are written as exponentials of shared logarithms (x^m =
// exp(m ln x)): the operator evaluates ln T, ln M and ln cos(zenith) once
// per cell (chemistry_rates in chemistry.hpp), and transcendental calls are
// its cost.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

// Boltzmann constant (J/K), exact in the 2019 SI (CODATA 2018).
constexpr double boltzmann = 1.380649e-23;
constexpr double ln10 = 2.302585092994045684;

// Molecules of air per cm3: the ideal gas, M = p / (k_B T), in m-3 times 1e-6.
AIRSHED_HD inline double air_number_density(double temperature, double pressure) {
  return 1e-6 * pressure / (boltzmann * temperature);
}

// A bimolecular coefficient (cm3 molecule-1 s-1) in ppb-1 s-1: one ppb is
// 1e-9 M molecules per cm3.
AIRSHED_HD inline double per_ppb(double k_molecular, double air_density) {
  return 1e-9 * air_density * k_molecular;
}

// NO + O3 -> NO2 + O2 (cm3 molecule-1 s-1): k = 3.0e-12 exp(-1500/T),
// 1.95e-14 at 298 K. Burkholder et al. (2019), "Chemical Kinetics and
// Photochemical Data for Use in Atmospheric Studies", JPL Publication 19-5,
// Table 1 (A = 3.0e-12, E/R = 1500 K; unchanged since JPL 06-2, Sander et
// al. 2006, and used so by CMAQ's CB05, reaction R3).
AIRSHED_HD inline double k_no_o3(double temperature) {
  return 3.0e-12 * ::exp(-1500.0 / temperature);
}

// The clear-sky photolysis frequency (1/s) of the Master Chemical Mechanism,
// j = l cos(chi)^m exp(-n / cos(chi)) (Saunders et al. 2003, Atmos. Chem.
// Phys. 3, 161-180, the MCM v3 photolysis parameters, fitted to two-stream
// radiative transfer for a clear boundary layer), as its logarithm
// ln l + m ln cos(chi) - n / cos(chi) for a sun above the horizon.
AIRSHED_HD inline double ln_mcm_photolysis(double ln_l, double m, double n, double ln_cos_zenith,
                                           double cos_zenith) {
  return ln_l + m * ln_cos_zenith - n / cos_zenith;
}

// MCM J4, NO2 + hv -> NO + O(3P) (O(3P) + O2 -> O3 at once): l = 1.165e-2 s-1,
// m = 0.244, n = 0.267 (Saunders et al. 2003). MCM J1, O3 + hv -> O(1D) + O2:
// l = 6.073e-5 s-1, m = 1.743, n = 0.474.
constexpr double ln_l_j4 = -4.4524490989704270, m_j4 = 0.244, n_j4 = 0.267;  // ln 1.165e-2
constexpr double ln_l_j1 = -9.7090727480547900, m_j1 = 1.743, n_j1 = 0.474;  // ln 6.073e-5

// j(NO2) (1/s): 8.9e-3 with the sun overhead; times the cloud factor of the
// met (1 = clear sky); 0 when the sun is down.
AIRSHED_HD inline double j_no2(double cos_zenith, double radiation_factor) {
  if (!(cos_zenith > 0)) return 0.0;
  return radiation_factor *
         ::exp(ln_mcm_photolysis(ln_l_j4, m_j4, n_j4, ::log(cos_zenith), cos_zenith));
}

// j(O1D) (1/s), times the cloud factor; 0 when the sun is down.
AIRSHED_HD inline double j_o1d(double cos_zenith, double radiation_factor) {
  if (!(cos_zenith > 0)) return 0.0;
  return radiation_factor *
         ::exp(ln_mcm_photolysis(ln_l_j1, m_j1, n_j1, ::log(cos_zenith), cos_zenith));
}

// The prescribed OH (molecules/cm3) and its diurnal cycle: the observed
// near-linear dependence of OH on j(O1D), [OH] = a (j(O1D) / 1e-5 s-1)^b + c
// with a = 2.4e6 cm-3, b = 0.83, c = 0.13e6 cm-3 (Rohrer & Berresheim 2006,
// Nature 442, 184-187, fit to five years at Hohenpeissenberg); c is the
// night-time floor. From ln j(O1D) (-inf when dark).
constexpr double oh_a = 2.4e6, oh_b = 0.83, oh_c = 0.13e6;
constexpr double ln_j_ref = -11.512925464970229;  // ln 1e-5 s-1
AIRSHED_HD inline double oh_from_ln_j_o1d(double ln_j) {
  return oh_a * ::exp(oh_b * (ln_j - ln_j_ref)) + oh_c;
}
AIRSHED_HD inline double oh_number_density(double cos_zenith, double radiation_factor) {
  if (!(cos_zenith > 0) || !(radiation_factor > 0)) return oh_c;
  return oh_from_ln_j_o1d(::log(radiation_factor) +
                          ln_mcm_photolysis(ln_l_j1, m_j1, n_j1, ::log(cos_zenith), cos_zenith));
}

// The termolecular fall-off of the JPL evaluations (Sander et al. 2006, JPL
// Publication 06-2, Section 2): k0 = k0_300 (T/300)^-n, kinf = kinf_300 (T/300)^-m,
//   k = k0 M / (1 + k0 M / kinf) * 0.6^(1 / (1 + log10(k0 M / kinf)^2)),
// from ln(T/300) and ln M. Both reactions below have m = 0 (kinf constant).
AIRSHED_HD inline double jpl_falloff_ln(double ln_k0_300, double n, double ln_kinf, double ln_t300,
                                        double ln_m) {
  const double ln_ratio = ln_k0_300 - n * ln_t300 + ln_m - ln_kinf;  // ln(k0 M / kinf)
  const double ratio = ::exp(ln_ratio);
  const double x = ln_ratio / ln10;
  constexpr double ln_fc = -0.510825623765990683;  // ln 0.6
  return ::exp(ln_kinf) * ratio / (1 + ratio) * ::exp(ln_fc / (1 + x * x));
}

// OH + NO2 + M -> HNO3 + M: k0_300 = 1.8e-30 cm6 molecule-2 s-1, n = 3.0,
// kinf_300 = 2.8e-11 cm3 molecule-1 s-1, m = 0 (JPL 06-2 and 19-5, Table 2);
// 1.06e-11 at 298 K and 1 atm.
constexpr double ln_k0_oh_no2 = -68.489766124919260;  // ln 1.8e-30
constexpr double n_oh_no2 = 3.0;
constexpr double ln_kinf_oh_no2 = -24.298816605753345;  // ln 2.8e-11
// OH + SO2 + M -> HOSO2 + M (then HOSO2 + O2 -> SO3 + HO2, SO3 + H2O ->
// H2SO4, fast): k0_300 = 3.3e-31, n = 4.3, kinf_300 = 1.6e-12, m = 0 (JPL
// 06-2, Table 2, as in CMAQ's CB05, reaction R44); 9.6e-13 at 298 K, 1 atm.
constexpr double ln_k0_oh_so2 = -70.186215414342980;  // ln 3.3e-31
constexpr double n_oh_so2 = 4.3;
constexpr double ln_kinf_oh_so2 = -27.161017486682812;  // ln 1.6e-12

AIRSHED_HD inline double k_oh_no2(double temperature, double air_density) {
  return jpl_falloff_ln(ln_k0_oh_no2, n_oh_no2, ln_kinf_oh_no2, ::log(temperature / 300.0),
                        ::log(air_density));
}
AIRSHED_HD inline double k_oh_so2(double temperature, double air_density) {
  return jpl_falloff_ln(ln_k0_oh_so2, n_oh_so2, ln_kinf_oh_so2, ::log(temperature / 300.0),
                        ::log(air_density));
}

// The dark-hour conversion rates (1/s) where OH does little: heterogeneous
// and aqueous sulfate formation and nitrate from N2O5 hydrolysis, as the
// night-time rates of MESOPUFF II (Scire et al. 1984, "User's Guide to the
// MESOPUFF II Model", EPA-600/8-84-013) that the CALPUFF User's Guide
// (Scire et al. 2000) lists in its diurnal transformation-rate file
// (CHEM.DAT): SO2 -> SO4 0.2 %/h, NOx -> HNO3 2 %/h. (Its daytime peak,
// 2 %/h and 20 %/h, is what the OH above gives at a clear summer noon.)
constexpr double night_so2_oxidation = 0.002 / 3600.0;
constexpr double night_no2_oxidation = 0.02 / 3600.0;

}  // namespace airshed::kernels
