// The blow-up guard's reduction: the lowest flat index (species-major, then
// x fastest) whose concentration is not a finite number >= 0 -- NaN, +-Inf
// or negative. A min-reduction of indices, so every backend names the same
// cell, and only one integer comes back to the host per step.
#pragma once

#include <cstddef>

#include "views.hpp"

namespace airshed::kernels {

constexpr std::size_t no_invalid_cell = ~std::size_t(0);

struct InvalidIndex {
  const float* c;  // every species, back to back
  AIRSHED_HD std::size_t operator()(std::size_t idx) const {
    const float v = c[idx];
    // Written as the valid range so that NaN, for which every comparison is
    // false, lands in the invalid branch; 3.4028235e38f is FLT_MAX.
    return (v >= 0.0f && v <= 3.4028235e38f) ? no_invalid_cell : idx;
  }
};

struct MinIndex {
  AIRSHED_HD std::size_t operator()(std::size_t a, std::size_t b) const { return a < b ? a : b; }
};

}  // namespace airshed::kernels
