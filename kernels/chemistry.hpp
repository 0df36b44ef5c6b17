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

// Advances one cell over the split step dt (s), Strang-split: half a step
// of oxidation, the photostationary step, the other half of oxidation, then
// the gas-particle equilibrium at the end state (which is instantaneous).
// Conserved to rounding: NOx + N(V) (NO + NO2 + HNO3 + NO3), S (SO2 + SO4),
// N(-III) (NH3 + NH4), and odd oxygen with the nitric acid made from NO2,
// O3 + NO2 + N(V) (HNO3 keeps the odd oxygen of the NO2 it came from; Ox =
// O3 + NO2 alone is conserved when nitrate is off). Every amount stays >= 0.
AIRSHED_HD inline void chemistry_step(ChemistryCell& c, const ChemistryEnvironment& env,
                                      const ChemistryOptions& opt, double dt) {
  const double m = air_number_density(env.temperature, env.pressure);
  const double r_so2 =
      opt.sulfate ? so2_oxidation_rate(env.temperature, m, env.cos_zenith, env.radiation_factor)
                  : 0.0;
  const double r_no2 =
      opt.nitrate ? no2_oxidation_rate(env.temperature, m, env.cos_zenith, env.radiation_factor)
                  : 0.0;
  const auto oxidise = [&](double h) {
    if (opt.sulfate) first_order_transfer(c.so2, c.so4, r_so2, h);
    if (opt.nitrate) first_order_transfer(c.no2, c.hno3, r_no2, h);
  };
  oxidise(0.5 * dt);
  if (opt.photostationary)
    photostationary_step(c.no, c.no2, c.o3, per_ppb(k_no_o3(env.temperature), m),
                         j_no2(env.cos_zenith, env.radiation_factor), dt);
  oxidise(0.5 * dt);
  if (opt.ammonium)
    ammonium_partition(c.so4, c.nh3, c.nh4, c.hno3, c.no3,
                       nh4no3_dissociation_constant(env.temperature, env.relative_humidity));
}

}  // namespace airshed::kernels
