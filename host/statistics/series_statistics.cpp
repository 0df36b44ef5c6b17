#include "host/statistics/series_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace airshed::statistics {
namespace {

constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();
// GB 3095-2012 Table 4 data validity (see the header comment).
constexpr int min_hours_per_day = 20, min_hours_per_8h = 6, min_8h_windows = 14;

std::size_t largest_capacity(const SeriesStatisticsConfig& c) {
  const std::size_t days = std::size_t(std::ceil(c.duration_s / 86400.0)) + 1;
  std::size_t cap = 1;
  for (int p : c.percentiles)
    for (auto rule : {PercentileRule::hj663, PercentileRule::us_appendix})
      cap = std::max(cap, needed_capacity(p, rule, days));
  return cap;
}

void raise_max(float& m, float v) {
  if (std::isnan(m) || v > m) m = v;
}

}  // namespace

Averaging parse_averaging(const std::string& t) {
  if (t == "instant") return Averaging::instant;
  if (t == "1h") return Averaging::hour;
  if (t == "8h") return Averaging::eight_hour;
  if (t == "24h") return Averaging::day;
  if (t == "annual" || t == "period") return Averaging::period;
  throw std::invalid_argument("averaging '" + t + "' is not one of instant, 1h, 8h, 24h, annual");
}

std::string to_string(Averaging a) {
  switch (a) {
    case Averaging::instant:
      return "instant";
    case Averaging::hour:
      return "1h";
    case Averaging::eight_hour:
      return "8h";
    case Averaging::day:
      return "24h";
    case Averaging::period:
      return "annual";
  }
  return "";
}

SeriesStatistics::SeriesStatistics(std::size_t series, SeriesStatisticsConfig config)
    : n_(series),
      cfg_(std::move(config)),
      daily_top_(series, largest_capacity(cfg_)),
      max8h_top_(series, largest_capacity(cfg_)) {
  const double per_hour = 3600.0 / cfg_.output_interval_s;
  if (!(cfg_.output_interval_s > 0) || std::abs(per_hour - std::round(per_hour)) > 1e-9)
    throw std::invalid_argument("output interval " + std::to_string(cfg_.output_interval_s) +
                                " s must divide 3600 s so hourly means are formed from whole "
                                "sets of snapshots");
  samples_per_hour_ = std::size_t(std::llround(per_hour));
  min_samples_per_hour_ = (3 * samples_per_hour_ + 3) / 4;  // ceil(75 %)
  max_instant.assign(n_, nan_f);
  time_of_max_instant.assign(n_, nan_f);
  max_hourly_mean.assign(n_, nan_f);
  max_daily_mean.assign(n_, nan_f);
  max_daily_max_8h.assign(n_, nan_f);
  period_mean.assign(n_, nan_f);
  exceedances.assign(cfg_.thresholds.size(), std::vector<std::uint32_t>(n_, 0));
  first_above.assign(cfg_.thresholds.size(), std::vector<float>(n_, nan_f));
  hour_sum_.assign(n_, 0.0);
  period_sum_.assign(n_, 0.0);
  day_hours_.assign(24 * n_, nan_f);
  hour_valid_.assign(24, false);
}

long long SeriesStatistics::hour_of(double t_s) const {
  // The snapshot stands for the interval ending at t: a hair before t
  // decides the hour, so t = 01:00 closes hour 00-01.
  const double local = cfg_.start_seconds_of_day + t_s - 1e-6 * cfg_.output_interval_s;
  return (long long)std::floor(local / 3600.0);
}

void SeriesStatistics::add(double t_s, const float* v) {
  for (std::size_t i = 0; i < n_; ++i) {
    if (std::isnan(max_instant[i]) || v[i] > max_instant[i]) {
      max_instant[i] = v[i];
      time_of_max_instant[i] = float(t_s);
    }
  }
  for (std::size_t k = 0; k < cfg_.thresholds.size(); ++k) {
    const auto& th = cfg_.thresholds[k];
    if (th.averaging != Averaging::instant) continue;
    for (std::size_t i = 0; i < n_; ++i)
      if (v[i] > th.value) {
        ++exceedances[k][i];
        if (std::isnan(first_above[k][i])) first_above[k][i] = float(t_s);
      }
  }
  if (t_s <= 0) return;  // the initial state averages over no interval

  const long long h = hour_of(t_s);
  if (hour_ >= 0 && h != hour_) {
    close_hour();
    if (h / 24 != hour_ / 24) close_day();
  }
  hour_ = h;
  for (std::size_t i = 0; i < n_; ++i) {
    hour_sum_[i] += v[i];
    period_sum_[i] += v[i];
  }
  ++hour_samples_;
  ++period_samples_;
}

void SeriesStatistics::close_hour() {
  const int slot = int(hour_ % 24);
  const bool valid = hour_samples_ >= min_samples_per_hour_;
  hour_valid_[slot] = valid;
  if (valid) {
    ++valid_hours_;
    for (std::size_t i = 0; i < n_; ++i) {
      const float mean = float(hour_sum_[i] / double(hour_samples_));
      day_hours_[24 * i + slot] = mean;
      raise_max(max_hourly_mean[i], mean);
      for (std::size_t k = 0; k < cfg_.thresholds.size(); ++k)
        if (cfg_.thresholds[k].averaging == Averaging::hour && mean > cfg_.thresholds[k].value)
          ++exceedances[k][i];
    }
  }
  std::fill(hour_sum_.begin(), hour_sum_.end(), 0.0);
  hour_samples_ = 0;
}

void SeriesStatistics::close_day() {
  const int hours = int(std::count(hour_valid_.begin(), hour_valid_.end(), true));
  const bool day_ok = hours >= min_hours_per_day;
  // Which of the 17 in-day 8-h windows have enough hours; same for all series.
  std::vector<bool> window_ok(17);
  int windows = 0;
  for (int s = 0; s < 17; ++s) {
    window_ok[s] =
        std::count(hour_valid_.begin() + s, hour_valid_.begin() + s + 8, true) >= min_hours_per_8h;
    windows += window_ok[s];
  }
  const bool max8h_ok = windows >= min_8h_windows;
  valid_days_ += day_ok;
  valid_8h_days_ += max8h_ok;
  if (cfg_.keep_daily_means) daily_means.emplace_back(n_, nan_f);

  for (std::size_t i = 0; i < n_; ++i) {
    const float* hv = day_hours_.data() + 24 * i;
    if (day_ok) {
      double sum = 0;
      for (int h = 0; h < 24; ++h)
        if (hour_valid_[h]) sum += hv[h];
      const float mean = float(sum / hours);
      raise_max(max_daily_mean[i], mean);
      daily_top_.add(i, mean);
      if (cfg_.keep_daily_means) daily_means.back()[i] = mean;
      for (std::size_t k = 0; k < cfg_.thresholds.size(); ++k)
        if (cfg_.thresholds[k].averaging == Averaging::day && mean > cfg_.thresholds[k].value)
          ++exceedances[k][i];
    }
    if (max8h_ok) {
      float best = nan_f;
      for (int s = 0; s < 17; ++s) {
        if (!window_ok[s]) continue;
        double sum = 0;
        int n = 0;
        for (int h = s; h < s + 8; ++h)
          if (hour_valid_[h]) sum += hv[h], ++n;
        raise_max(best, float(sum / n));
      }
      raise_max(max_daily_max_8h[i], best);
      max8h_top_.add(i, best);
      for (std::size_t k = 0; k < cfg_.thresholds.size(); ++k)
        if (cfg_.thresholds[k].averaging == Averaging::eight_hour &&
            best > cfg_.thresholds[k].value)
          ++exceedances[k][i];
    }
  }
  std::fill(day_hours_.begin(), day_hours_.end(), nan_f);
  std::fill(hour_valid_.begin(), hour_valid_.end(), false);
}

void SeriesStatistics::finish() {
  if (hour_ >= 0) {
    close_hour();
    close_day();
    hour_ = -1;
  }
  for (std::size_t i = 0; i < n_; ++i) {
    if (period_samples_ > 0) period_mean[i] = float(period_sum_[i] / double(period_samples_));
    for (std::size_t k = 0; k < cfg_.thresholds.size(); ++k)
      if (cfg_.thresholds[k].averaging == Averaging::period &&
          period_mean[i] > cfg_.thresholds[k].value)
        exceedances[k][i] = 1;
  }
}

double SeriesStatistics::daily_mean_percentile(std::size_t i, int p, PercentileRule r) const {
  return daily_top_.percentile(i, p, r);
}
double SeriesStatistics::daily_max_8h_percentile(std::size_t i, int p, PercentileRule r) const {
  return max8h_top_.percentile(i, p, r);
}
float SeriesStatistics::nth_highest_daily_mean(std::size_t i, std::size_t n) const {
  return daily_top_.nth_highest(i, n);
}

}  // namespace airshed::statistics
