// First-order oxidation of the precursors into secondary inorganic aerosol
// over one split step: SO2 -> SO4 (S(IV) -> S(VI)) and NO2 -> HNO3
// (N(IV) -> N(V)), each with its rate (1/s) held over the step and the
// loss integrated exactly, c(t) = c0 exp(-r t): what one loses the other
// gains, so S and N are conserved by plain sums and nothing goes negative.
#pragma once

#include <cmath>

#include "backend.hpp"
#include "chemistry_rates.hpp"

namespace airshed::kernels {

// The fraction a first-order loss at `rate` removes in dt: 1 - exp(-rate dt),
// without cancellation for small rate dt.
AIRSHED_HD inline double first_order_fraction(double rate, double dt) {
  return -::expm1(-rate * dt);
}

// Moves that fraction of `from` into `to`.
AIRSHED_HD inline void first_order_transfer(double& from, double& to, double fraction) {
  const double moved = from * fraction;
  from -= moved;
  to += moved;
}

// The two rates from the OH and the sun: OH oxidation plus the night-time
// rate when the sun is down (below).
AIRSHED_HD inline double oxidation_rate(double k_oh, double oh, double night_rate,
                                        double cos_zenith) {
  return k_oh * oh + (cos_zenith > 0 ? 0.0 : night_rate);
}

// SO2 oxidation rate (1/s): gas-phase OH + SO2 with the prescribed OH, plus
// the night-time rate of MESOPUFF II when the sun is down
// (chemistry_rates.hpp). At a clear summer noon (cos = 0.9, OH 6e6 cm-3) ~2 %/h.
AIRSHED_HD inline double so2_oxidation_rate(double temperature, double air_density,
                                            double cos_zenith, double radiation_factor) {
  return oxidation_rate(k_oh_so2(temperature, air_density),
                        oh_number_density(cos_zenith, radiation_factor), night_so2_oxidation,
                        cos_zenith);
}

// NO2 oxidation rate (1/s): OH + NO2 + M with the prescribed OH, plus the
// MESOPUFF II night-time rate (N2O5 hydrolysis) when the sun is down. At
// the same clear summer noon ~23 %/h.
AIRSHED_HD inline double no2_oxidation_rate(double temperature, double air_density,
                                            double cos_zenith, double radiation_factor) {
  return oxidation_rate(k_oh_no2(temperature, air_density),
                        oh_number_density(cos_zenith, radiation_factor), night_no2_oxidation,
                        cos_zenith);
}

}  // namespace airshed::kernels
