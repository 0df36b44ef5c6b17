// Each tag's share of a receptor statistic (docs/tagging.md): the
// AERMOD SRCGROUP / MAXDCONT idea. A statistic of the species' series is
// read off one hour, one day or the whole period (a percentile: two days,
// interpolated); each tag's contribution is the tag's own average over the
// same samples, with the same interpolation weights. Averages are linear,
// so the contributions add up to the statistic (to the tags' own sum).
// The hours and days follow SeriesStatistics' rules (series_statistics.hpp):
// a snapshot stands for the interval ending at it, an hour is valid with
// >= 75 % of its snapshots, a day with >= 20 valid hours.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/core/instant.hpp"
#include "host/core/state_archive.hpp"

namespace airshed::statistics {

// The receptor series of one species and of each of its tags, every
// snapshot from t = 0 (which enters only max_instant).
struct TaggedSeries {
  std::size_t tags = 0;
  std::vector<double> times;               // s since start
  std::vector<std::vector<double>> total;  // per time: [receptor]
  std::vector<std::vector<double>> tag;    // per time: [tag][receptor]
  void add(double t_s, std::vector<double> total_at, std::vector<double> tags_at);
  void save(StateWriter& w) const;
  void load(StateReader& r);
};

struct ContributionConfig {
  Instant start;  // t = 0 on the local clock
  double output_interval_s = 3600;
};

struct ContributionRow {
  std::size_t receptor = 0;
  std::string species, statistic, when, units;  // when: the hour, day or time it refers to
  double value = 0;                             // of the species' series
  std::vector<double> tag_values;               // each tag's part, adding up to ~value
};

// period_mean, max_instant, max_hourly_mean, max_daily_mean,
// daily_mean_p90/p95/p98 (HJ 663) and daily_mean_p98_us (40 CFR 50 App. N)
// per receptor, where they exist (a statistic with no valid hour or day is
// left out).
std::vector<ContributionRow> contribution_rows(const TaggedSeries& s, const ContributionConfig& c);

}  // namespace airshed::statistics
