// The chemistry operator of one cell (issue 16, docs/chemistry.md): the
// NO-NO2-O3 photostationary system, the oxidation of SO2 and NO2 into
// sulfate and nitric acid, and the ammonium sulfate / nitrate equilibrium,
// in one AIRSHED_HD body for every backend: registers only, each piece
// integrated exactly over the step (no integrator error to control).
//
// Amounts in nmol/mol (ppb) of air for gases AND particles (a particle
// species as the molar amount of its ion per mol of air): every reaction
// then conserves the element totals by plain sums.
#pragma once

#include "ammonium_equilibrium.hpp"
#include "backend.hpp"
#include "chemistry_rates.hpp"
#include "photostationary.hpp"
#include "secondary_formation.hpp"
#include "solar_geometry.hpp"

namespace airshed::kernels {

struct ChemistryCell {
  double no, no2, o3;  // NOx and odd oxygen
  double so2, so4;     // S(IV) gas, S(VI) particulate sulfate
  double hno3, no3;    // N(V): gas nitric acid, particulate nitrate
  double nh3, nh4;     // N(-III): gas ammonia, particulate ammonium
};

struct ChemistryEnvironment {
  double temperature;        // K
  double pressure;           // Pa
  double relative_humidity;  // 0..1
  double cos_zenith;         // cosine of the solar zenith angle (<= 0: night)
  double radiation_factor;   // 0..1, j scaling for cloud (1 = clear sky)
};

// Which parts run (a mechanism without secondary aerosol runs the
// photostationary part only).
struct ChemistryOptions {
  bool photostationary = true, sulfate = true, nitrate = true, ammonium = true;
};

// Everything chemistry_step needs from the met, evaluated once per cell
// (ln T, ln M, ln cos(zenith) shared by the pieces of chemistry_rates.hpp);
// a caller may keep them while the met holds still.
struct ChemistryRates {
  double k_no_o3;        // NO + O3, ppb-1 s-1
  double j_no2;          // 1/s
  double so2_oxidation;  // 1/s
  double no2_oxidation;  // 1/s
  double kp;             // NH4NO3 dissociation constant, ppb^2
};

AIRSHED_HD inline ChemistryRates chemistry_rates(const ChemistryEnvironment& env) {
  const double inv_t = 1.0 / env.temperature, ln_t = ::log(env.temperature);
  const double m = air_number_density(env.temperature, env.pressure);
  const double ln_m = ::log(m), ln_t300 = ln_t - 5.7037824746562010;  // ln 300
  double j = 0.0, oh = oh_c;
  if (env.cos_zenith > 0 && env.radiation_factor > 0) {
    const double ln_cz = ::log(env.cos_zenith), ln_rf = ::log(env.radiation_factor);
    j = ::exp(ln_rf + ln_mcm_photolysis(ln_l_j4, m_j4, n_j4, ln_cz, env.cos_zenith));
    oh = oh_from_ln_j_o1d(ln_rf + ln_mcm_photolysis(ln_l_j1, m_j1, n_j1, ln_cz, env.cos_zenith));
  }
  const double k_so2 = jpl_falloff_ln(ln_k0_oh_so2, n_oh_so2, ln_kinf_oh_so2, ln_t300, ln_m);
  const double k_no2 = jpl_falloff_ln(ln_k0_oh_no2, n_oh_no2, ln_kinf_oh_no2, ln_t300, ln_m);
  return {per_ppb(3.0e-12 * ::exp(-1500.0 * inv_t), m), j,
          oxidation_rate(k_so2, oh, night_so2_oxidation, env.cos_zenith),
          oxidation_rate(k_no2, oh, night_no2_oxidation, env.cos_zenith),
          nh4no3_kp(inv_t, ln_t, env.relative_humidity)};
}

// Advances one cell over the split step dt (s), Strang-split: half a step
// of oxidation, the photostationary step, the other half of oxidation, then
// the gas-particle equilibrium at the end state (which is instantaneous).
// Conserved to rounding: NOx + N(V) (NO + NO2 + HNO3 + NO3), S (SO2 + SO4),
// N(-III) (NH3 + NH4), and odd oxygen with the nitric acid made from NO2,
// O3 + NO2 + N(V) (HNO3 keeps the odd oxygen of the NO2 it came from; Ox =
// O3 + NO2 alone is conserved when nitrate is off). Every amount stays >= 0.
AIRSHED_HD inline void chemistry_step(ChemistryCell& c, const ChemistryRates& r,
                                      const ChemistryOptions& opt, double dt) {
  const double f_so2 = opt.sulfate ? first_order_fraction(r.so2_oxidation, 0.5 * dt) : 0.0;
  const double f_no2 = opt.nitrate ? first_order_fraction(r.no2_oxidation, 0.5 * dt) : 0.0;
  const auto oxidise = [&] {
    if (opt.sulfate) first_order_transfer(c.so2, c.so4, f_so2);
    if (opt.nitrate) first_order_transfer(c.no2, c.hno3, f_no2);
  };
  oxidise();
  if (opt.photostationary) photostationary_step(c.no, c.no2, c.o3, r.k_no_o3, r.j_no2, dt);
  oxidise();
  if (opt.ammonium) ammonium_partition(c.so4, c.nh3, c.nh4, c.hno3, c.no3, r.kp);
}

AIRSHED_HD inline void chemistry_step(ChemistryCell& c, const ChemistryEnvironment& env,
                                      const ChemistryOptions& opt, double dt) {
  chemistry_step(c, chemistry_rates(env), opt, dt);
}

}  // namespace airshed::kernels
