#include "host/statistics/receptor_averages.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace airshed::statistics {
namespace {
constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();
// GB 3095-2012 Table 4 data validity, as in series_statistics.cpp.
constexpr int min_hours_per_day = 20, min_hours_per_8h = 6, min_8h_windows = 14;
long long floor_div(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
}  // namespace

ReceptorAverages::ReceptorAverages(std::size_t series, double output_interval_s,
                                   double start_seconds_of_day)
    : n_(series), interval_(output_interval_s), start_sod_(start_seconds_of_day) {
  const double per_hour = 3600.0 / interval_;
  if (!(interval_ > 0) || std::abs(per_hour - std::round(per_hour)) > 1e-9)
    throw std::invalid_argument("output interval " + std::to_string(interval_) +
                                " s must divide 3600 s so hourly means are formed from whole "
                                "sets of snapshots");
  const std::size_t samples = std::size_t(std::llround(per_hour));
  min_samples_per_hour_ = (3 * samples + 3) / 4;  // ceil(75 %)
  period_sum_.assign(n_, 0.0);
}

long long ReceptorAverages::hour_of(double t_s) const {
  // As SeriesStatistics::hour_of: a hair before t decides the hour.
  return (long long)std::floor((start_sod_ + t_s - 1e-6 * interval_) / 3600.0);
}

void ReceptorAverages::add(double t_s, const float* v) {
  if (t_s <= 0) return;  // the initial state averages over no interval
  const long long h = hour_of(t_s);
  if (first_hour_ < 0) first_hour_ = h;
  const std::size_t slot = std::size_t(h - first_hour_);
  if (slot >= counts_.size()) {
    counts_.resize(slot + 1, 0);
    sums_.resize((slot + 1) * n_, 0.0);
  }
  for (std::size_t i = 0; i < n_; ++i) {
    sums_[slot * n_ + i] += v[i];
    period_sum_[i] += v[i];
  }
  ++counts_[slot];
  ++period_samples_;
}

SeriesAverages from_hourly(std::vector<TimedAverage> hourly) {
  SeriesAverages out;
  out.period_mean = nan_f;
  out.hourly = std::move(hourly);
  const auto& hs = out.hourly;
  for (std::size_t a = 0; a < hs.size();) {
    // One local day: its 24 hourly means (NaN where invalid).
    const long long day = floor_div(hs[a].start_hour, 24);
    float hv[24];
    bool valid[24] = {};
    int hours = 0;
    for (; a < hs.size() && floor_div(hs[a].start_hour, 24) == day; ++a) {
      const int k = int(hs[a].start_hour - day * 24);
      hv[k] = hs[a].value;
      valid[k] = true;
      ++hours;
    }
    if (hours >= min_hours_per_day) {
      double sum = 0;
      for (int k = 0; k < 24; ++k)
        if (valid[k]) sum += hv[k];
      out.daily.push_back({day * 24, float(sum / hours)});
    }
    int windows = 0;
    float best = nan_f;
    long long best_start = 0;
    for (int s = 0; s < 17; ++s) {
      if (std::count(valid + s, valid + s + 8, true) < min_hours_per_8h) continue;
      ++windows;
      double sum = 0;
      int n = 0;
      for (int h = s; h < s + 8; ++h)
        if (valid[h]) sum += hv[h], ++n;
      const float mean = float(sum / n);
      if (std::isnan(best) || mean > best) best = mean, best_start = day * 24 + s;
    }
    if (windows >= min_8h_windows) out.daily_max_8h.push_back({best_start, best});
  }
  return out;
}

SeriesAverages ReceptorAverages::averages(std::size_t i) const {
  std::vector<TimedAverage> hourly;
  for (std::size_t slot = 0; slot < counts_.size(); ++slot)
    if (counts_[slot] >= min_samples_per_hour_)
      hourly.push_back(
          {first_hour_ + (long long)slot, float(sums_[slot * n_ + i] / double(counts_[slot]))});
  SeriesAverages out = from_hourly(std::move(hourly));
  out.period_mean = period_samples_ > 0 ? float(period_sum_[i] / double(period_samples_)) : nan_f;
  return out;
}

void ReceptorAverages::save(StateWriter& w) const {
  w.tag("receptor_averages");
  w.put(std::uint64_t(n_));
  w.put(std::int64_t(first_hour_));
  w.put(std::uint64_t(period_samples_));
  w.put(counts_);
  w.put(sums_);
  w.put(period_sum_);
}

void ReceptorAverages::load(StateReader& r) {
  r.expect("receptor_averages");
  if (r.get<std::uint64_t>() != n_) r.fail("it was written for another number of receptors");
  first_hour_ = (long long)r.get<std::int64_t>();
  period_samples_ = std::size_t(r.get<std::uint64_t>());
  r.get(counts_);
  r.get(sums_);
  r.get(period_sum_);
  if (sums_.size() != counts_.size() * n_ || period_sum_.size() != n_)
    r.fail("its receptor averages have the wrong shape");
}

}  // namespace airshed::statistics
