// Rate coefficients of the chemistry operator (kernels/chemistry.hpp),
// each a pure function of the cell's temperature, pressure and sunlight.
// docs/chemistry.md collects them in the mechanism table with their
// sources; amounts are mole fractions in ppb (nmol/mol), so a bimolecular
// k in cm3 molecule-1 s-1 becomes ppb-1 s-1 through the air number density.
#pragma once

#include <cmath>

#include "backend.hpp"

namespace airshed::kernels {

// Boltzmann constant (J/K), exact in the 2019 SI (CODATA 2018).
constexpr double boltzmann = 1.380649e-23;

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
// 1.9e-14 at 298 K. Burkholder et al. (2019), "Chemical Kinetics and
// Photochemical Data for Use in Atmospheric Studies", JPL Publication 19-5,
// Table 1 (A = 3.0e-12, E/R = 1500 K; unchanged since JPL 06-2, Sander et
// al. 2006, and used so by CMAQ's CB05, reaction R3).
AIRSHED_HD inline double k_no_o3(double temperature) {
  return 3.0e-12 * ::exp(-1500.0 / temperature);
}

// The clear-sky photolysis frequency (1/s) of the Master Chemical Mechanism,
// j = l cos(chi)^m exp(-n / cos(chi)) (Saunders et al. 2003, Atmos. Chem.
// Phys. 3, 161-180, the MCM v3 photolysis parameters, fitted to
// two-stream radiative transfer for a clear boundary layer). 0 when the
// sun is down.
AIRSHED_HD inline double mcm_photolysis(double l, double m, double n, double cos_zenith) {
  return cos_zenith > 0 ? l * ::pow(cos_zenith, m) * ::exp(-n / cos_zenith) : 0.0;
}

// NO2 + hv -> NO + O(3P) (O(3P) + O2 -> O3 at once): MCM J4, l = 1.165e-2 s-1,
// m = 0.244, n = 0.267 (Saunders et al. 2003), 8.9e-3 s-1 with the sun
// overhead; times the cloud factor of the met (1 = clear sky).
AIRSHED_HD inline double j_no2(double cos_zenith, double radiation_factor) {
  return radiation_factor * mcm_photolysis(1.165e-2, 0.244, 0.267, cos_zenith);
}

// O3 + hv -> O(1D) + O2: MCM J1, l = 6.073e-5 s-1, m = 1.743, n = 0.474
// (Saunders et al. 2003), times the cloud factor.
AIRSHED_HD inline double j_o1d(double cos_zenith, double radiation_factor) {
  return radiation_factor * mcm_photolysis(6.073e-5, 1.743, 0.474, cos_zenith);
}

// The prescribed OH (molecules/cm3) and its diurnal cycle: the observed
// near-linear dependence of OH on j(O1D), [OH] = a (j(O1D) / 1e-5 s-1)^b + c
// with a = 2.4e6 cm-3, b = 0.83, c = 0.13e6 cm-3 (Rohrer & Berresheim 2006,
// Nature 442, 184-187, fit to five years at Hohenpeissenberg); c is the
// night-time floor.
AIRSHED_HD inline double oh_number_density(double cos_zenith, double radiation_factor) {
  return 2.4e6 * ::pow(j_o1d(cos_zenith, radiation_factor) / 1e-5, 0.83) + 0.13e6;
}

// The termolecular fall-off of the JPL evaluations (Sander et al. 2006, JPL
// Publication 06-2, Section 2): k0 = k0_300 (T/300)^-n, kinf = kinf_300 (T/300)^-m,
//   k = k0 M / (1 + k0 M / kinf) * 0.6^(1 / (1 + log10(k0 M / kinf)^2)).
AIRSHED_HD inline double jpl_falloff(double k0_300, double n, double kinf_300, double m,
                                     double temperature, double air_density) {
  const double t300 = temperature / 300.0;
  const double k0m = k0_300 * ::pow(t300, -n) * air_density;
  const double kinf = kinf_300 * ::pow(t300, -m);
  const double x = ::log10(k0m / kinf);
  return k0m / (1 + k0m / kinf) * ::pow(0.6, 1 / (1 + x * x));
}

// OH + NO2 + M -> HNO3 + M: k0_300 = 1.8e-30 cm6 molecule-2 s-1, n = 3.0,
// kinf_300 = 2.8e-11 cm3 molecule-1 s-1, m = 0 (JPL 06-2 and 19-5, Table 2);
// 1.06e-11 at 298 K and 1 atm.
AIRSHED_HD inline double k_oh_no2(double temperature, double air_density) {
  return jpl_falloff(1.8e-30, 3.0, 2.8e-11, 0.0, temperature, air_density);
}

// OH + SO2 + M -> HOSO2 + M (then HOSO2 + O2 -> SO3 + HO2, SO3 + H2O ->
// H2SO4, fast): k0_300 = 3.3e-31, n = 4.3, kinf_300 = 1.6e-12, m = 0 (JPL
// 06-2, Table 2, as in CMAQ's CB05, reaction R44); 9.6e-13 at 298 K, 1 atm.
AIRSHED_HD inline double k_oh_so2(double temperature, double air_density) {
  return jpl_falloff(3.3e-31, 4.3, 1.6e-12, 0.0, temperature, air_density);
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
