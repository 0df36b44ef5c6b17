#include "tools/validation/model_statistics.hpp"

#include <cmath>
#include <stdexcept>

namespace airshed::validation {

PairedStatistics paired_statistics(const std::vector<double>& observed,
                                   const std::vector<double>& predicted) {
  if (observed.size() != predicted.size())
    throw std::invalid_argument("paired_statistics: observed and predicted differ in length");
  PairedStatistics s;
  double sum_o = 0, sum_p = 0, sum_sq = 0, sum_log = 0, sum_log_sq = 0, within2 = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double o = observed[i], p = predicted[i];
    if (!(o > 0) || !(p > 0) || !std::isfinite(o) || !std::isfinite(p)) continue;
    ++s.n;
    sum_o += o;
    sum_p += p;
    sum_sq += (o - p) * (o - p);
    const double log_ratio = std::log(o) - std::log(p);
    sum_log += log_ratio;
    sum_log_sq += log_ratio * log_ratio;
    const double ratio = p / o;
    if (ratio >= 0.5 && ratio <= 2.0) within2 += 1;
  }
  if (s.n == 0) return s;
  const double n = double(s.n), mean_o = sum_o / n, mean_p = sum_p / n;
  s.fb = (mean_o - mean_p) / (0.5 * (mean_o + mean_p));
  s.nmse = (sum_sq / n) / (mean_o * mean_p);
  s.mg = std::exp(sum_log / n);
  s.vg = std::exp(sum_log_sq / n);
  s.fac2 = within2 / n;
  return s;
}

}  // namespace airshed::validation
