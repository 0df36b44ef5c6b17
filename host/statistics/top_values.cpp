#include "host/statistics/top_values.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace airshed::statistics {
Ranks ranks(int percent, PercentileRule rule, std::size_t n) {
  const std::size_t p = std::size_t(percent);
  if (rule == PercentileRule::us_appendix) {
    const std::size_t r = std::min(n, p * n / 100 + 1);
    return {r, r, 0.0};
  }
  const std::size_t num = (n - 1) * p;  // (k - 1) * 100
  const std::size_t s = 1 + num / 100;
  const double w = double(num % 100) / 100.0;
  return {s, std::min(s + 1, n), w};
}

std::size_t needed_capacity(int percent, PercentileRule rule, std::size_t n_max) {
  std::size_t need = 1;
  for (std::size_t n = 1; n <= n_max; ++n)
    need = std::max(need, n - ranks(percent, rule, n).lo + 1);
  return need;
}

TopValues::TopValues(std::size_t series, std::size_t capacity)
    : capacity_(capacity), top_(series * capacity), count_(series, 0) {}

void TopValues::add(std::size_t series, float v) {
  float* top = top_.data() + series * capacity_;
  const std::size_t kept = std::min<std::size_t>(count_[series], capacity_);
  ++count_[series];
  if (capacity_ == 0) return;
  if (kept == capacity_ && !(v > top[kept - 1])) return;
  // Insertion into a short descending array: capacities are tens of values.
  std::size_t i = kept == capacity_ ? kept - 1 : kept;
  while (i > 0 && top[i - 1] < v) {
    top[i] = top[i - 1];
    --i;
  }
  top[i] = v;
}

float TopValues::nth_highest(std::size_t series, std::size_t n) const {
  if (n == 0 || n > count_[series] || n > capacity_) return std::numeric_limits<float>::quiet_NaN();
  return top_[series * capacity_ + n - 1];
}

double TopValues::percentile(std::size_t series, int percent, PercentileRule rule) const {
  const std::size_t n = count_[series];
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const Ranks r = ranks(percent, rule, n);
  // Ascending rank a is the (n - a + 1)-th highest.
  const double lo = nth_highest(series, n - r.lo + 1);
  const double hi = nth_highest(series, n - r.hi + 1);
  return r.w == 0.0 ? lo : lo + r.w * (hi - lo);
}

void TopValues::save(StateWriter& w) const {
  w.tag("top_values");
  w.put(std::uint64_t(capacity_));
  w.put(top_);
  w.put(count_);
}

void TopValues::load(StateReader& r) {
  r.expect("top_values");
  const auto capacity = r.get<std::uint64_t>();
  std::vector<float> top;
  std::vector<std::uint32_t> count;
  r.get(top);
  r.get(count);
  if (capacity != capacity_ || top.size() != top_.size() || count.size() != count_.size())
    r.fail("kept top values have a different shape");
  top_ = std::move(top);
  count_ = std::move(count);
}

}  // namespace airshed::statistics
