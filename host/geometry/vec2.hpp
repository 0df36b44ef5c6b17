// A point or vector in the horizontal plane: local metres east (x) and
// north (y) of the domain's south-west corner wherever the scenario uses it.
#pragma once

namespace airshed {

struct Vec2 {
  double x = 0, y = 0;
};

}  // namespace airshed
