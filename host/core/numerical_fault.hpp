// What the blow-up guard throws when a step leaves a concentration that is
// NaN, +-Inf or negative (kernels/state_check.hpp): the step, the time, the
// species and the first such cell, so the message points at the cause.
#pragma once

#include <stdexcept>
#include <string>

namespace airshed {

struct InvalidCell {
  long step = 0;      // 1-based: the step that produced the value
  double time_s = 0;  // solver time at the end of that step
  int species = 0;
  std::string species_name;
  int i = 0, j = 0, k = 0;
  float value = 0;  // NaN, +-Inf or < 0
};

class NumericalFault : public std::runtime_error {
 public:
  explicit NumericalFault(const InvalidCell& cell);
  const InvalidCell& cell() const { return cell_; }

 private:
  InvalidCell cell_;
};

// "step 17 (t = 85 s): species 'SO2' is NaN in cell i=3, j=4, k=0"
std::string describe(const InvalidCell& cell);

}  // namespace airshed
