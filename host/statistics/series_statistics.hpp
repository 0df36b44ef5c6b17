// Air-quality statistics of many concentration series sampled together
// (every ground cell, or every receptor, of one species), accumulated one
// snapshot at a time without keeping the series.
//
// How averages are formed (docs/output-format.md has the long form):
// - A snapshot at time t > 0 stands for the output interval ending at t; it
//   belongs to the local clock hour that interval lies in. The t = 0
//   snapshot (initial state) enters only the instantaneous maximum.
// - Hourly mean: mean of the hour's snapshots; valid with >= 75 % of them
//   (GB 3095-2012 Table 4: 45 min per hour). The interval must divide 3600 s.
// - Daily mean: mean of the valid hourly means of a local calendar day;
//   valid with >= 20 of them.
// - 8-h means: the 17 windows [00-08) ... [16-24) of each day (HJ 663-2013,
//   "8:00 to 24:00"); valid with >= 6 hourly means; the daily maximum 8-h
//   mean is valid with >= 14 valid windows.
// - Period mean: mean of all snapshots with t > 0.
// Validity depends only on sample times, so it is the same for all series.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "host/statistics/top_values.hpp"

namespace airshed::statistics {

enum class Averaging { instant, hour, eight_hour, day, period };

// "instant", "1h", "8h" (daily max 8-h mean), "24h", "annual"|"period";
// throws std::invalid_argument otherwise.
Averaging parse_averaging(const std::string& text);
std::string to_string(Averaging a);

struct SeriesThreshold {
  Averaging averaging;
  double value;  // same units as the samples
};

struct SeriesStatisticsConfig {
  double output_interval_s = 3600;
  double start_seconds_of_day = 0;  // local clock time of t = 0
  double duration_s = 0;            // sizes the percentile memory
  std::vector<int> percentiles{90, 95, 98};
  std::vector<SeriesThreshold> thresholds;
  bool keep_daily_means = false;  // whole daily series; meant for receptors
};

class SeriesStatistics {
 public:
  // Throws std::invalid_argument when the interval does not divide an hour.
  SeriesStatistics(std::size_t series, SeriesStatisticsConfig config);

  // values[i] of series i at time t_s; times must increase.
  void add(double t_s, const float* values);
  // Closes the last hour and day. Call once, after the last add().
  void finish();

  std::size_t series() const { return n_; }
  std::size_t valid_hours() const { return valid_hours_; }
  std::size_t valid_days() const { return valid_days_; }
  std::size_t valid_8h_days() const { return valid_8h_days_; }

  // Per series; NaN where no valid average exists.
  std::vector<float> max_instant, time_of_max_instant;
  std::vector<float> max_hourly_mean, max_daily_mean, max_daily_max_8h;
  std::vector<float> period_mean;
  // exceedances[k][i]: averages of threshold k above its value (strictly),
  // counted as hours (1h), days (24h, 8h), snapshots (instant) or 0/1 (period).
  std::vector<std::vector<std::uint32_t>> exceedances;
  // first_above[k][i]: first snapshot time above an instant threshold k, NaN
  // if never (or for other averagings): the plume arrival time.
  std::vector<std::vector<float>> first_above;
  // daily_means[d][i] for each local day d that had any sample, NaN when
  // invalid; filled only with keep_daily_means.
  std::vector<std::vector<float>> daily_means;

  // Percentiles (integer percent) of the valid daily means / daily max 8-h
  // means of series i; NaN with no valid day.
  double daily_mean_percentile(std::size_t i, int percent, PercentileRule r) const;
  double daily_max_8h_percentile(std::size_t i, int percent, PercentileRule r) const;
  float nth_highest_daily_mean(std::size_t i, std::size_t n) const;

  // Checkpoints: everything accumulated so far. load() into an object built
  // with the same series count and config continues exactly as the saved one
  // would have; it throws (via StateReader::fail) when the shapes differ.
  void save(StateWriter& w) const;
  void load(StateReader& r);

 private:
  void close_hour();
  void close_day();
  long long hour_of(double t_s) const;

  std::size_t n_;
  SeriesStatisticsConfig cfg_;
  std::size_t samples_per_hour_ = 0, min_samples_per_hour_ = 0;
  long long hour_ = -1;  // local hour index since local midnight of day 0
  std::size_t hour_samples_ = 0, period_samples_ = 0;
  std::vector<double> hour_sum_, period_sum_;
  std::vector<float> day_hours_;  // 24 per series, current day
  std::vector<bool> hour_valid_;  // 24, current day
  std::size_t valid_hours_ = 0, valid_days_ = 0, valid_8h_days_ = 0;
  TopValues daily_top_, max8h_top_;
};

}  // namespace airshed::statistics
