// The standard performance measures of air-quality model evaluation, as
// defined by Chang & Hanna (2004), "Air quality model performance
// evaluation", Meteorol. Atmos. Phys. 87, 167-196 (their eqs. 1-6):
//   FB   = (mean Co - mean Cp) / (0.5 (mean Co + mean Cp))
//   NMSE = mean((Co - Cp)^2) / (mean Co * mean Cp)
//   MG   = exp(mean(ln Co) - mean(ln Cp))
//   VG   = exp(mean((ln Co - ln Cp)^2))
//   FAC2 = fraction of pairs with 0.5 <= Cp/Co <= 2
// Co observed, Cp predicted. FB > 0 and MG > 1 mean under-prediction.
#pragma once

#include <cstddef>
#include <vector>

namespace airshed::validation {

struct PairedStatistics {
  std::size_t n = 0;  // pairs used (both values > 0 and finite)
  double fb = 0, nmse = 0, mg = 0, vg = 0, fac2 = 0;
};

// Pairs where either value is missing (<= 0 or not finite) are dropped, as
// Chang & Hanna do for the logarithmic measures; all five measures use the
// same pairs so they describe one sample. Throws std::invalid_argument when
// the two vectors differ in length; n == 0 leaves every measure at 0.
PairedStatistics paired_statistics(const std::vector<double>& observed,
                                   const std::vector<double>& predicted);

}  // namespace airshed::validation
