#include "host/core/budget.hpp"

#include <algorithm>
#include <cmath>

namespace airshed {

double MassBudget::relative_residual() const {
  const double scale =
      std::max({std::abs(initial) + std::abs(emitted), std::abs(in_domain), 1e-300});
  return residual() / scale;
}

}  // namespace airshed
