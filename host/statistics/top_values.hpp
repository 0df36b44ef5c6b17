// Exact high percentiles of many series without keeping the series: each
// series keeps only its largest `capacity` values, which is all a high
// percentile or an N-th highest value can depend on. Compliance rules read
// percentiles of daily values, so a year needs a few dozen floats per cell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "host/core/state_archive.hpp"

namespace airshed::statistics {

// Rank definitions of "the p-th percentile of n values" used by the
// standards airshed ships (docs/output-format.md). Percent is an integer so
// ranks are exact integer arithmetic, never 0.98 * n rounding.
enum class PercentileRule {
  hj663,       // China HJ 663-2013: sorted ascending X(1..n), k = 1 + (n-1) p,
               // s = floor(k), P = X(s) + (X(s+1) - X(s)) (k - s)
  us_appendix  // US 40 CFR 50 App. N: the (floor(p n) + 1)-th smallest value
};

// How many of the largest values `rule` may read for any n <= n_max.
// Ascending ranks (1-based) a rule reads for n >= 1 values, and the weight
// of the upper one: P = X(lo) + w (X(hi) - X(lo)).
struct Ranks {
  std::size_t lo, hi;
  double w;
};
Ranks ranks(int percent, PercentileRule rule, std::size_t n);

std::size_t needed_capacity(int percent, PercentileRule rule, std::size_t n_max);

class TopValues {
 public:
  TopValues(std::size_t series, std::size_t capacity);

  void add(std::size_t series, float v);
  std::size_t capacity() const { return capacity_; }
  // 1-based: nth_highest(s, 1) is the maximum. NaN when fewer than n values
  // were added or n exceeds the capacity.
  float nth_highest(std::size_t series, std::size_t n) const;
  // p-th percentile of the n values added to `series` (all of them), by
  // `rule`; NaN when n == 0 or the rank falls outside the kept values.
  double percentile(std::size_t series, int percent, PercentileRule rule) const;
  std::size_t count(std::size_t series) const { return count_[series]; }

  // Checkpoints: the values kept so far (load() checks the shape matches).
  void save(StateWriter& w) const;
  void load(StateReader& r);

 private:
  std::size_t capacity_;
  std::vector<float> top_;            // per series, descending, `capacity_` slots
  std::vector<std::uint32_t> count_;  // values offered per series
};

}  // namespace airshed::statistics
