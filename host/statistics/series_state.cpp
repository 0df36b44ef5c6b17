// SeriesStatistics checkpoints: every accumulator, so that a resumed run
// carries on exactly as the saved one would have (series_statistics.hpp).
#include <cstdint>

#include "host/statistics/series_statistics.hpp"

namespace airshed::statistics {

namespace {

template <class T>
void put_rows(StateWriter& w, const std::vector<std::vector<T>>& rows) {
  w.put(std::uint64_t(rows.size()));
  for (const auto& row : rows) w.put(row);
}

template <class T>
void get_rows(StateReader& r, std::vector<std::vector<T>>& rows) {
  const auto n = r.get<std::uint64_t>();
  if (n > (1u << 24)) r.fail("implausible row count");
  rows.resize(n);
  for (auto& row : rows) r.get(row);
}

// Same length as before, or the checkpoint is for another shape of run.
template <class T>
void get_same_size(StateReader& r, std::vector<T>& v) {
  const std::size_t n = v.size();
  r.get(v);
  if (v.size() != n) r.fail("statistics have a different number of series");
}

}  // namespace

void SeriesStatistics::save(StateWriter& w) const {
  w.tag("series_statistics");
  w.put(std::uint64_t(n_));
  w.put(max_instant);
  w.put(time_of_max_instant);
  w.put(max_hourly_mean);
  w.put(max_daily_mean);
  w.put(max_daily_max_8h);
  w.put(period_mean);
  put_rows(w, exceedances);
  put_rows(w, first_above);
  put_rows(w, daily_means);
  w.put(hour_);
  w.put(std::uint64_t(hour_samples_));
  w.put(std::uint64_t(period_samples_));
  w.put(hour_sum_);
  w.put(period_sum_);
  w.put(day_hours_);
  w.put(hour_valid_);
  w.put(std::uint64_t(valid_hours_));
  w.put(std::uint64_t(valid_days_));
  w.put(std::uint64_t(valid_8h_days_));
  daily_top_.save(w);
  max8h_top_.save(w);
}

void SeriesStatistics::load(StateReader& r) {
  r.expect("series_statistics");
  if (r.get<std::uint64_t>() != n_) r.fail("statistics have a different number of series");
  get_same_size(r, max_instant);
  get_same_size(r, time_of_max_instant);
  get_same_size(r, max_hourly_mean);
  get_same_size(r, max_daily_mean);
  get_same_size(r, max_daily_max_8h);
  get_same_size(r, period_mean);
  const std::size_t thresholds = exceedances.size();
  get_rows(r, exceedances);
  get_rows(r, first_above);
  if (exceedances.size() != thresholds || first_above.size() != thresholds)
    r.fail("statistics have a different set of thresholds");
  get_rows(r, daily_means);
  for (const auto& row : exceedances)
    if (row.size() != n_) r.fail("a threshold row has the wrong length");
  for (const auto& row : first_above)
    if (row.size() != n_) r.fail("a threshold row has the wrong length");
  for (const auto& row : daily_means)
    if (row.size() != n_) r.fail("a daily row has the wrong length");
  r.get(hour_);
  hour_samples_ = std::size_t(r.get<std::uint64_t>());
  period_samples_ = std::size_t(r.get<std::uint64_t>());
  get_same_size(r, hour_sum_);
  get_same_size(r, period_sum_);
  get_same_size(r, day_hours_);
  r.get(hour_valid_);
  if (hour_valid_.size() != 24) r.fail("statistics day has the wrong number of hours");
  valid_hours_ = std::size_t(r.get<std::uint64_t>());
  valid_days_ = std::size_t(r.get<std::uint64_t>());
  valid_8h_days_ = std::size_t(r.get<std::uint64_t>());
  daily_top_.load(r);
  max8h_top_.load(r);
}

}  // namespace airshed::statistics
