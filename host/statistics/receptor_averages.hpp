// The averages a regulatory table ranks, for a few series kept whole (the
// receptors): every valid hourly mean, daily mean and daily maximum 8-hour
// mean with the local time it starts, and the period mean. The rules and
// the arithmetic are SeriesStatistics' (series_statistics.hpp), in the same
// order, so that the largest of each equals its max_hourly_mean,
// max_daily_mean and max_daily_max_8h bit for bit
// (tests/statistics/test_receptor_tables.cpp):
// - a snapshot at t > 0 stands for the interval ending at t and belongs to
//   the local clock hour that interval lies in; an hour is valid with
//   >= 75 % of its snapshots (GB 3095-2012 Table 4: 45 min);
// - a local day is valid with >= 20 valid hours; its 8-h windows are the 17
//   in-day windows [00-08) ... [16-24) (HJ 663-2013), valid with >= 6 hours,
//   and its maximum 8-h mean is valid with >= 14 valid windows;
// - the period mean is the mean of every snapshot with t > 0.
#pragma once

#include <cstddef>
#include <vector>

#include "host/core/state_archive.hpp"

namespace airshed::statistics {

// One average of one series: its value and the local hour it starts at,
// counted from local midnight of the start's day (hour 0 = that midnight).
struct TimedAverage {
  long long start_hour = 0;
  float value = 0;
};

struct SeriesAverages {
  std::vector<TimedAverage> hourly, daily, daily_max_8h;  // valid ones only, in time order
  float period_mean;                                      // NaN with no snapshot after t = 0
};

// The daily means and daily maximum 8-h means (and no period mean: NaN) of
// a series given by its valid hourly means, in time order: what averages()
// does after forming the hours, and what a superposed series (hourly
// project + background) is averaged with.
SeriesAverages from_hourly(std::vector<TimedAverage> hourly);

class ReceptorAverages {
 public:
  // Throws std::invalid_argument when the interval does not divide an hour.
  ReceptorAverages(std::size_t series, double output_interval_s, double start_seconds_of_day);

  // values[i] of series i at time t_s (s since start); times must increase.
  void add(double t_s, const float* values);
  // Everything of series i so far (a day still open is closed as it stands:
  // call after the last add()).
  SeriesAverages averages(std::size_t i) const;
  std::size_t series() const { return n_; }
  // The local hour index of a time since the start (the hour its interval ends in).
  long long hour_of(double t_s) const;
  // Seconds since the start at which local hour `h` begins (may be < 0).
  double hour_start_s(long long h) const { return double(h) * 3600.0 - start_sod_; }

  void save(StateWriter& w) const;
  void load(StateReader& r);

 private:
  std::size_t n_;
  double interval_, start_sod_;
  std::size_t min_samples_per_hour_ = 0;
  long long first_hour_ = -1;          // hour index of sums_[0]
  std::vector<double> sums_;           // per hour since first_hour_, n_ per hour
  std::vector<std::uint32_t> counts_;  // snapshots per hour
  std::vector<double> period_sum_;
  std::size_t period_samples_ = 0;
};

}  // namespace airshed::statistics
