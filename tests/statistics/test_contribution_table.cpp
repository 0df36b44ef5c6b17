// contributions.csv's arithmetic (host/statistics/contribution_table.hpp):
// the statistic of the total series is the one SeriesStatistics reports,
// read off the same hour / day / days, and the tags' parts add up to it.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "host/statistics/contribution_table.hpp"
#include "host/statistics/series_statistics.hpp"

using namespace airshed;
using namespace airshed::statistics;

TEST_CASE("contribution rows: the statistics' values, and tags that add up to them") {
  // 3 receptors, 3 tags, 30-minute outputs over 5 days (local start 00:00):
  // random positive tags, the total their sum.
  const std::size_t nr = 3, nt = 3;
  const double dt = 1800;
  const Instant start = *parse_iso8601("2026-01-15T00:00:00+08:00");
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> uni(0.0, 10.0);
  TaggedSeries s;
  s.tags = nt;
  SeriesStatisticsConfig cfg;
  cfg.output_interval_s = dt;
  cfg.duration_s = 5 * 86400;
  SeriesStatistics ref(nr, cfg);
  for (int n = 0; n <= 5 * 48; ++n) {  // t = 0 too: only max_instant sees it
    std::vector<double> tags(nt * nr), total(nr, 0.0);
    for (std::size_t k = 0; k < nt; ++k)
      for (std::size_t r = 0; r < nr; ++r) {
        tags[k * nr + r] = uni(rng) * (1 + k);
        total[r] += tags[k * nr + r];
      }
    std::vector<float> f(total.begin(), total.end());
    ref.add(n * dt, f.data());
    s.add(n * dt, total, tags);
  }
  ref.finish();
  const auto rows = contribution_rows(s, {start, dt});
  CHECK(rows.size() == nr * 8);
  for (const ContributionRow& row : rows) {
    CAPTURE(row.statistic);
    double sum = 0;
    for (double v : row.tag_values) sum += v;
    CHECK(sum == doctest::Approx(row.value).epsilon(1e-12));  // averages are linear
    const std::size_t r = row.receptor;
    // The series statistics keep float32 means: agreement to float rounding.
    auto close = [&](double expected) {
      CHECK(row.value == doctest::Approx(expected).epsilon(1e-6));
    };
    if (row.statistic == "period_mean") close(ref.period_mean[r]);
    if (row.statistic == "max_instant") close(ref.max_instant[r]);
    if (row.statistic == "max_hourly_mean") close(ref.max_hourly_mean[r]);
    if (row.statistic == "max_daily_mean") close(ref.max_daily_mean[r]);
    if (row.statistic == "daily_mean_p90")
      close(ref.daily_mean_percentile(r, 90, PercentileRule::hj663));
    if (row.statistic == "daily_mean_p98")
      close(ref.daily_mean_percentile(r, 98, PercentileRule::hj663));
    if (row.statistic == "daily_mean_p98_us")
      close(ref.daily_mean_percentile(r, 98, PercentileRule::us_appendix));
  }
  // The hour of the maximum hourly mean is named by its start.
  CHECK(rows[2].statistic == "max_hourly_mean");
  CHECK(rows[2].when.size() == 25);
  CHECK(rows[2].when.substr(13) == ":00:00+08:00");
}
