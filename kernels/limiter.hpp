// Monotonised-central (MC) slope limiter, van Leer (1977), "Towards the
// ultimate conservative difference scheme IV", J. Comput. Phys. 23, 276-299.
// Returns the limited jump of c across a cell: the face values c +- jump/2
// stay inside the range of the neighbours, which is what keeps the scheme
// monotone and positive (docs/numerics.md).
#pragma once

#include "views.hpp"

namespace airshed::kernels {

// minmod of three: the one closest to zero if all have the same sign, else
// 0. Written branch-free (max(0, min) + min(0, max): one of the two terms
// is 0 unless the signs differ, when both are), so loops vectorise; the
// same values as the three-way branch.
AIRSHED_HD inline float minmod3(float a, float b, float c) {
  return max2(0.0f, min2(a, min2(b, c))) + min2(0.0f, max2(a, max2(b, c)));
}

// Uniform spacing: jump = minmod(2 (c0 - cm), (cp - cm) / 2, 2 (cp - c0)).
AIRSHED_HD inline float mc_jump(float cm, float c0, float cp) {
  return minmod3(2.0f * (c0 - cm), 0.5f * (cp - cm), 2.0f * (cp - c0));
}

// Stretched spacing: the central estimate is the centred gradient across
// the neighbours' centres times this cell's thickness; the one-sided bounds
// are unchanged, so face values still stay within the neighbours' range.
AIRSHED_HD inline float mc_jump_stretched(float cm, float c0, float cp, float dz, float dist_lower,
                                          float dist_upper) {
  const float central = dz * (cp - cm) / (dist_lower + dist_upper);
  return minmod3(2.0f * (c0 - cm), central, 2.0f * (cp - c0));
}

}  // namespace airshed::kernels
