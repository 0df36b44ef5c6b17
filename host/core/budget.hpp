// The mass budget the solver reports per species (a result, not an input).
#pragma once

namespace airshed {

// Float64 mass accounting of one species since the solver was created (M).
struct MassBudget {
  double initial = 0;
  double emitted = 0;
  double outflow = 0;    // net mass advected or diffused out through the boundaries
  double deposited = 0;  // ground flux v_d * c
  double decayed = 0;    // first-order loss
  double in_domain = 0;  // sum of c * V now

  // emitted + initial - outflow - deposited - decayed - in_domain
  double residual() const { return initial + emitted - outflow - deposited - decayed - in_domain; }
  double relative_residual() const;
};

}  // namespace airshed
