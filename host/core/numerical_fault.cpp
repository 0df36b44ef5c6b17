#include "host/core/numerical_fault.hpp"

#include <cmath>
#include <cstdio>

namespace airshed {

std::string describe(const InvalidCell& c) {
  char value[48];
  if (std::isnan(c.value))
    std::snprintf(value, sizeof value, "NaN");
  else if (std::isinf(c.value))
    std::snprintf(value, sizeof value, "%s", c.value > 0 ? "+Inf" : "-Inf");
  else
    std::snprintf(value, sizeof value, "negative (%.9g)", double(c.value));
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "step %ld (t = %.9g s): species '%s' is %s in cell i=%d, j=%d, k=%d", c.step,
                c.time_s, c.species_name.c_str(), value, c.i, c.j, c.k);
  return buf;
}

NumericalFault::NumericalFault(const InvalidCell& cell)
    : std::runtime_error("numerical blow-up at " + describe(cell)), cell_(cell) {}

}  // namespace airshed
